#pragma once
/// @file
/// The transaction layer (RFC 3261 section 17, RFC 6026): owns every client and server
/// transaction, matches incoming messages to them, and runs their timers on a TimerWheel.
///
/// Threading: single-threaded. Every call, every timer and every callback happens on the
/// reactor thread that owns the TimerWheel; there is no locking.
///
/// Lifetime: the TimerWheel and the sender must outlive the layer. Destroying the layer
/// drops every transaction silently (no callbacks). Transactions are removed from the layer
/// as soon as they are Terminated; handles notice and report Terminated. A non-INVITE server
/// transaction whose final response went out on a datagram flow, and whose TU set no
/// callbacks, continues as a compact record until Timer J (see lingering_responses.hpp): its
/// handle reports Terminated from then on, while retransmissions still get the final.

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>

#include "sip/message/message.hpp"
#include "sip/timer/timer_wheel.hpp"
#include "sip/transaction/client_transaction.hpp"
#include "sip/transaction/lingering_responses.hpp"
#include "sip/transaction/server_transaction.hpp"
#include "sip/transaction/transaction_types.hpp"
#include "sip/transport/packet.hpp"

namespace sb::sip {

/// What onRequest() made of a request.
enum class RequestDisposition {
  /// A new server transaction was created; the TU handles the request and responds through
  /// RequestResult::transaction.
  NewTransaction,
  /// A retransmission (or an ACK for a non-2xx final): handled here, nothing for the TU.
  Absorbed,
  /// Belongs to the TU without a server transaction: an ACK for a 2xx (RFC 6026: it matches
  /// no server transaction, or one in Accepted), or a request without a usable Via/CSeq.
  PassToTu,
};

struct RequestResult {
  RequestDisposition disposition = RequestDisposition::PassToTu;
  /// Set for NewTransaction.
  ServerTransactionHandle transaction;
};

/// What onResponse() made of a response.
enum class ResponseDisposition {
  /// Handed to its client transaction (which may have absorbed it).
  Matched,
  /// No client transaction: the caller owns it. A stray 2xx to an INVITE (after Timer M, or
  /// to a request sent elsewhere) must reach the dialog layer to be ACKed and BYE'd.
  Unmatched,
};

class TransactionLayer {
 public:
  /// `wheel` runs all transaction timers; `sender` puts bytes on the wire.
  TransactionLayer(TimerWheel& wheel, TransactionSender sender, TransactionSettings settings = {});
  ~TransactionLayer();
  TransactionLayer(const TransactionLayer&) = delete;
  TransactionLayer& operator=(const TransactionLayer&) = delete;

  /// Settings; changes to the timers apply to transactions created afterwards.
  const TransactionSettings& settings() const { return settings_; }
  void setSettings(TransactionSettings settings) { settings_ = std::move(settings); }
  TimerWheel& wheel() { return wheel_; }

  // Server side.

  /// Matches a received request (RFC 3261 17.2.3, with the RFC 2543 fallback). A
  /// retransmission is absorbed (the latest response is resent where the state machine says
  /// so); an ACK is absorbed by an INVITE transaction in Completed/Confirmed and otherwise
  /// passed to the TU; anything else creates a server transaction. CANCEL gets its own
  /// non-INVITE transaction: the TU finds the INVITE with findInviteForCancel().
  [[nodiscard]] RequestResult onRequest(const Message& request, const Flow& flow);

  /// The INVITE server transaction a CANCEL refers to (RFC 3261 9.2), or an empty handle.
  ServerTransactionHandle findInviteForCancel(const Message& cancel) const;

  // Client side.

  /// Starts a client transaction for `request` (anything but ACK) towards `destination`. The
  /// request goes out as given: the TU supplies the top Via with a unique branch (see
  /// newBranch() in transaction_key.hpp). Retransmissions run on datagram flows only.
  /// Returns an empty handle, having sent nothing, when the request has no top Via branch or
  /// CSeq, is an ACK, or its branch and method are already in use.
  [[nodiscard]] ClientTransactionHandle sendRequest(Message request, Flow destination,
                                                    ClientCallbacks callbacks);

  /// Cancels a client INVITE (RFC 3261 9.1): the CANCEL runs as its own non-INVITE client
  /// transaction on the same flow, right away if a provisional response has arrived,
  /// otherwise when the first one does (and never if a final response comes first). The
  /// INVITE then normally ends with a 487 (onFinal); without a final response within 64*T1
  /// of the CANCEL, onTimeout fires. False when the handle is not a live INVITE awaiting
  /// its final response, or a CANCEL was already asked for.
  /// `reason`, when given, is sent as the CANCEL's Reason header (RFC 3326).
  bool cancel(const ClientTransactionHandle& invite, std::string reason = {});

  /// Matches a received response to its client transaction (RFC 3261 17.1.3).
  [[nodiscard]] ResponseDisposition onResponse(const Message& response, const Flow& flow);

  /// Sends a message outside any transaction (the TU's ACK for a 2xx, a 2xx retransmission
  /// after Timer L, a stateless response).
  void sendStateless(const Message& message, const Flow& flow);

  /// Changes every message just before it leaves on a flow (requests, responses, ACKs,
  /// stateless replies): NAT address rewriting. nullptr (the default) changes nothing.
  using OutgoingRewriter = std::function<void(Message&, const Flow&)>;
  void setOutgoingRewriter(OutgoingRewriter rewriter) { rewriter_ = std::move(rewriter); }
  /// The wire text of `message` leaving on `flow`, after the outgoing rewriter.
  std::string wireFor(const Message& message, const Flow& flow) const;

  // Monitoring.

  /// Server transactions, the compact records of completed ones included.
  std::size_t serverCount() const { return serverCount_ + lingering_.size(); }
  /// The compact records of completed non-INVITE server transactions (waiting for Timer J).
  const LingeringResponses& lingering() const { return lingering_; }
  std::size_t clientCount() const { return clients_.size(); }

 private:
  friend class ServerTransaction;
  friend class ClientTransaction;
  friend class InviteClientTransaction;

  void sendBytes(const Flow& flow, std::string bytes, SendDone done);
  void removeServer(ServerTransaction& tx, const std::string& key, const std::string& alias);
  bool addServerAlias(const std::string& key, std::shared_ptr<ServerTransaction> tx);
  void removeClient(ClientTransaction& tx, const std::string& key);
  void startCancel(Message cancel, const Flow& flow);

  TimerWheel& wheel_;
  TransactionSender sender_;
  TransactionSettings settings_;
  OutgoingRewriter rewriter_;
  // RFC 2543 INVITE transactions that sent a non-2xx final are filed twice (see alias).
  std::unordered_map<std::string, std::shared_ptr<ServerTransaction>> servers_;
  std::size_t serverCount_ = 0;
  std::unordered_map<std::string, std::shared_ptr<ClientTransaction>> clients_;
  LingeringResponses lingering_;
};

}  // namespace sb::sip
