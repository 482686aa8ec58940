#pragma once
/// @file
/// A request as the pipeline's handlers see it: the parsed message, the flow it arrived on,
/// and a way to answer it once.

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sip/message/message.hpp"
#include "sip/transaction/server_transaction.hpp"
#include "sip/transport/packet.hpp"

namespace sb::sip {

/// Extra header fields for a response, in order.
using HeaderList = std::vector<std::pair<std::string, std::string>>;

/// Handlers that answer later (Verdict::Async) keep the request alive with shared().
class IncomingRequest : public std::enable_shared_from_this<IncomingRequest> {
 public:
  /// `responder` sends a finished response to `request` (the stack fills it in: Via
  /// received/rport, Server header).
  using Responder = std::function<void(const Message& request, Message response, bool stateless)>;

  IncomingRequest(Message message, Flow flow, Responder responder)
      : message_(std::move(message)), flow_(std::move(flow)), responder_(std::move(responder)) {}

  const Message& message() const { return message_; }
  const Flow& flow() const { return flow_; }
  Method method() const { return message_.method(); }

  /// Answers with `code` and `reason` plus `headers` (and `body` with `contentType`).
  /// A final response may be sent once; later calls are ignored.
  void respond(int code, std::string_view reason, const HeaderList& headers = {},
               std::string_view body = {}, std::string_view contentType = {});
  bool answered() const { return finalSent_; }
  /// Sends the 2xx to an INVITE again (RFC 3261 13.3.1.4: the UAS core retransmits it until
  /// the ACK arrives). No-op when no 2xx was sent.
  void retransmitFinal();
  /// Makes the final response stateless (RFC 3261 8.2.7): the transaction is forgotten once
  /// it is sent, so a retransmitted request is handled as new. Meant for challenges.
  void setStatelessResponse() { stateless_ = true; }

  /// Values that earlier stages leave for later ones (e.g. the identified endpoint's name).
  std::string& attribute(const std::string& key) { return attributes_[key]; }
  const std::string* findAttribute(const std::string& key) const {
    auto found = attributes_.find(key);
    return found == attributes_.end() ? nullptr : &found->second;
  }

  /// Shared ownership for answering after the handler returned; the request must have been
  /// created with std::make_shared (the stack always does).
  std::shared_ptr<IncomingRequest> shared() { return shared_from_this(); }

  /// The local tag used for To in responses this request gets.
  const std::string& localTag();

  /// The server transaction the request created (empty for ACK and stateless requests).
  /// Sessions keep it to send further responses (1xx, 2xx retransmissions) themselves.
  const ServerTransactionHandle& transaction() const { return transaction_; }
  void setTransaction(ServerTransactionHandle transaction) {
    transaction_ = std::move(transaction);
  }

 private:
  Message message_;
  Flow flow_;
  Responder responder_;
  bool finalSent_ = false;
  bool stateless_ = false;
  std::string localTag_;
  ServerTransactionHandle transaction_;
  std::optional<Message> sent2xx_;
  std::map<std::string, std::string> attributes_;
};

}  // namespace sb::sip
