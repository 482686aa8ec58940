#pragma once
/// @file
/// Server transactions (RFC 3261 17.2, RFC 6026): the common part and the handle the
/// transaction user (TU) holds. The two state machines are in server_invite.hpp and
/// server_non_invite.hpp; see README.md for their diagrams.

#include <memory>
#include <optional>
#include <string>

#include "sip/message/message.hpp"
#include "sip/timer/timer.hpp"
#include "sip/transaction/transaction_types.hpp"
#include "sip/transport/packet.hpp"

namespace sb::sip {

class TransactionLayer;

/// One server transaction. Owned by the TransactionLayer (shared_ptr in its table, removed
/// when Terminated); the TU reaches it only through a ServerTransactionHandle.
class ServerTransaction : public std::enable_shared_from_this<ServerTransaction> {
 public:
  virtual ~ServerTransaction() = default;
  ServerTransaction(const ServerTransaction&) = delete;
  ServerTransaction& operator=(const ServerTransaction&) = delete;

  TransactionState state() const { return state_; }
  bool isInvite() const { return invite_; }
  const Message& request() const { return request_; }
  const Flow& flow() const { return flow_; }

  /// The TU's response; see ServerTransactionHandle::respond().
  virtual bool respond(const Message& response) = 0;
  /// A retransmission of the request arrived.
  virtual void onRetransmission() = 0;
  /// An ACK matched this transaction; true when absorbed, false when it belongs to the TU.
  virtual bool onAck() { return false; }
  /// Called once, right after the layer has filed the transaction.
  virtual void start() {}

  void setCallbacks(ServerCallbacks callbacks);
  void clearCallbacks() { callbacks_.reset(); }

  /// Sends a final response and forgets the transaction at once (RFC 3261 8.2.7 stateless
  /// UAS behaviour): a retransmitted request is then treated as new. For challenges, which
  /// cost nothing to repeat and would otherwise linger for 64*T1 each.
  bool respondStatelessly(const Message& response);

 protected:
  ServerTransaction(TransactionLayer& layer, Message request, Flow flow, std::string key,
                    bool invite, TransactionState initial);

  bool reliable() const;
  /// Sends bytes back along the request's flow; a failure ends the transaction (deferred).
  void send(std::string bytes);
  /// Stores `response` as the one to repeat and sends it.
  void sendAndKeep(const Message& response);
  /// Sends the stored response again.
  void resendLast();
  /// Sends a final response and ends the transaction, leaving the layer a compact record that
  /// answers retransmissions with it until `timerJ` has passed (non-INVITE, datagrams). The
  /// caller must hold a shared_ptr to the transaction.
  void sendFinalAndLinger(const Message& response, Duration timerJ);
  /// True when the TU installed callbacks (it wants to hear of transport errors).
  bool hasCallbacks() const { return callbacks_ != nullptr; }
  /// Removes the transaction from the layer and stops its timers. The caller must hold a
  /// shared_ptr to it (every entry point does).
  void terminate();
  /// Starts `timer` calling `(self->*Member)()` after `delay`, keeping the transaction
  /// alive for the call (the member may terminate it). One captured pointer: no allocation.
  template <auto Member, class Self>
  static void arm(Self* self, Timer& timer, Duration delay) {
    timer.start(delay, [self] {
      auto keep = self->shared_from_this();
      (self->*Member)();
    });
  }
  void notifyTimeout();
  /// Files the transaction under one more key (RFC 2543 ACK matching).
  void addAlias(std::string key);

  TransactionLayer& layer_;
  const TransactionTimers timers_;
  TransactionState state_;
  const bool invite_;
  Message request_;
  Flow flow_;
  std::string lastResponse_;
  Timer retransmit_;  ///< G (INVITE, UDP) or the automatic 100 Trying
  Timer timeout_;     ///< H or L
  Timer linger_;      ///< I or J

 private:
  friend class TransactionLayer;
  void onSendFailed(std::string error);
  void deliverTransportError();

  Timer failure_;  ///< reports a send failure from a fresh call
  std::string key_;
  std::string alias_;
  std::string error_;
  std::shared_ptr<ServerCallbacks> callbacks_;
};

/// The TU's reference to a server transaction. Cheap to copy; safe to keep after the
/// transaction has ended (it then reports Terminated and refuses to respond). Reactor thread
/// only.
class ServerTransactionHandle {
 public:
  ServerTransactionHandle() = default;
  explicit ServerTransactionHandle(std::weak_ptr<ServerTransaction> tx) : tx_(std::move(tx)) {}

  /// True while the transaction exists (not Terminated).
  bool alive() const { return !tx_.expired(); }
  explicit operator bool() const { return alive(); }
  /// The current state, Terminated once it has gone.
  TransactionState state() const;
  bool isInvite() const;
  /// A copy of the request that created it (std::nullopt once gone).
  std::optional<Message> request() const;

  /// Sends `response` through the transaction, which keeps it for retransmission handling.
  /// INVITE: 1xx in Proceeding; 2xx moves to Accepted (further 2xx — the TU's own 2xx
  /// retransmissions — are sent while Accepted); 300-699 moves to Completed and is
  /// retransmitted on Timer G over UDP until ACKed or Timer H. Non-INVITE: 1xx in
  /// Trying/Proceeding, a final moves to Completed (Timer J). False, nothing sent, when the
  /// state does not allow it or the transaction has gone. The TU stamps Via received/rport.
  bool respond(const Message& response) const;
  /// Sends a final response outside the transaction and ends it (see
  /// ServerTransaction::respondStatelessly). False when the transaction has gone.
  bool respondStatelessly(const Message& response) const;

  /// Installs the TU's callbacks (replacing earlier ones); releaseCallbacks() drops them.
  void setCallbacks(ServerCallbacks callbacks) const;
  void releaseCallbacks() const;

 private:
  std::weak_ptr<ServerTransaction> tx_;
};

}  // namespace sb::sip
