#pragma once
/// @file
/// Client transactions (RFC 3261 17.1, RFC 6026): the common part and the handle the
/// transaction user (TU) holds. The two state machines are in client_invite.hpp and
/// client_non_invite.hpp; see README.md for their diagrams.

#include <memory>
#include <string>

#include "sip/message/message.hpp"
#include "sip/timer/timer.hpp"
#include "sip/transaction/transaction_types.hpp"
#include "sip/transport/packet.hpp"

namespace sb::sip {

class TransactionLayer;

/// One client transaction. Owned by the TransactionLayer (shared_ptr in its table, removed
/// when Terminated); the TU reaches it only through a ClientTransactionHandle.
class ClientTransaction : public std::enable_shared_from_this<ClientTransaction> {
 public:
  virtual ~ClientTransaction() = default;
  ClientTransaction(const ClientTransaction&) = delete;
  ClientTransaction& operator=(const ClientTransaction&) = delete;

  TransactionState state() const { return state_; }
  bool isInvite() const { return invite_; }
  const Flow& flow() const { return flow_; }

  /// Sends the request and starts the timers; called once the layer has filed it.
  virtual void start() = 0;
  /// A response matched this transaction.
  virtual void onResponse(const Message& response) = 0;

  /// Drops the TU's callbacks: nothing is reported from now on.
  void clearCallbacks() { callbacks_.reset(); }

 protected:
  ClientTransaction(TransactionLayer& layer, std::string wire, Flow flow, std::string key,
                    bool invite, TransactionState initial, ClientCallbacks callbacks);

  bool reliable() const;
  /// Sends bytes to the flow; a failure ends the transaction (deferred) unless `quiet`.
  void send(std::string bytes, bool quiet = false);
  /// (Re)sends the request.
  void sendRequest() { send(wire_); }
  /// Removes the transaction from the layer and stops its timers. The caller must hold a
  /// shared_ptr to it (every entry point does).
  void terminate();
  void notifyProvisional(const Message& response);
  void notifyFinal(const Message& response);
  void notifyTimeout();

  /// Starts `timer` calling `(self->*Member)()` after `delay`, keeping the transaction
  /// alive for the call (the member may terminate it). One captured pointer: no allocation.
  template <auto Member, class Self>
  static void arm(Self* self, Timer& timer, Duration delay) {
    timer.start(delay, [self] {
      auto keep = self->shared_from_this();
      (self->*Member)();
    });
  }

  TransactionLayer& layer_;
  const TransactionTimers timers_;
  TransactionState state_;
  const bool invite_;
  std::string wire_;  ///< the request as sent, for retransmissions
  Flow flow_;
  Duration interval_{};  ///< current A or E interval
  Timer retransmit_;     ///< A or E
  Timer timeout_;        ///< B, F, M, or the guard after a CANCEL
  Timer linger_;         ///< D or K

 private:
  friend class TransactionLayer;
  void onSendFailed(std::string error);
  void deliverTransportError();

  Timer failure_;  ///< reports a send failure from a fresh call
  std::string key_;
  std::string error_;
  // Shared so that a callback which releases the handle does not destroy itself mid-call.
  std::shared_ptr<ClientCallbacks> callbacks_;
};

/// The TU's reference to a client transaction: move-only; destroying or release()-ing it
/// drops the callbacks (the transaction itself runs on to absorb retransmissions and send
/// ACKs). Safe to keep after the transaction has ended. Reactor thread only.
class ClientTransactionHandle {
 public:
  ClientTransactionHandle() = default;
  explicit ClientTransactionHandle(std::weak_ptr<ClientTransaction> tx) : tx_(std::move(tx)) {}
  ~ClientTransactionHandle() { release(); }
  ClientTransactionHandle(ClientTransactionHandle&& other) noexcept = default;
  ClientTransactionHandle& operator=(ClientTransactionHandle&& other) noexcept;
  ClientTransactionHandle(const ClientTransactionHandle&) = delete;
  ClientTransactionHandle& operator=(const ClientTransactionHandle&) = delete;

  /// True while the transaction exists (not Terminated).
  bool alive() const { return !tx_.expired(); }
  explicit operator bool() const { return alive(); }
  /// The current state, Terminated once it has gone.
  TransactionState state() const;
  bool isInvite() const;

  /// Drops the callbacks and unbinds the handle.
  void release();

 private:
  friend class TransactionLayer;
  std::shared_ptr<ClientTransaction> lock() const { return tx_.lock(); }
  std::weak_ptr<ClientTransaction> tx_;
};

}  // namespace sb::sip
