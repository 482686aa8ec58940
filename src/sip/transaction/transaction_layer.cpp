#include "sip/transaction/transaction_layer.hpp"

#include <utility>

#include "sip/transaction/client_invite.hpp"
#include "sip/transaction/client_non_invite.hpp"
#include "sip/transaction/server_invite.hpp"
#include "sip/transaction/server_non_invite.hpp"
#include "sip/transaction/transaction_key.hpp"

namespace sb::sip {

std::string_view stateName(TransactionState state) {
  switch (state) {
    case TransactionState::Calling:
      return "calling";
    case TransactionState::Trying:
      return "trying";
    case TransactionState::Proceeding:
      return "proceeding";
    case TransactionState::Completed:
      return "completed";
    case TransactionState::Confirmed:
      return "confirmed";
    case TransactionState::Accepted:
      return "accepted";
    case TransactionState::Terminated:
      return "terminated";
  }
  return "unknown";
}

TransactionLayer::TransactionLayer(TimerWheel& wheel, TransactionSender sender,
                                   TransactionSettings settings)
    : wheel_(wheel),
      sender_(std::move(sender)),
      settings_(std::move(settings)),
      lingering_(wheel, [this](const Flow& flow, std::string bytes, SendDone done) {
        sendBytes(flow, std::move(bytes), std::move(done));
      }) {}

TransactionLayer::~TransactionLayer() {
  // Move the tables out first so no transaction's teardown finds a half-destroyed one.
  auto servers = std::move(servers_);
  auto clients = std::move(clients_);
  servers_.clear();
  clients_.clear();
}

RequestResult TransactionLayer::onRequest(const Message& request, const Flow& flow) {
  if (!request.isRequest())
    return {};
  const Method method = request.method();
  if (method == Method::Ack) {
    auto key = serverKey(request, "INVITE");
    if (!key)
      return {};
    auto it = servers_.find(*key);
    if (it == servers_.end())
      return {};
    auto tx = it->second;  // keeps it alive if the ACK ends it
    if (tx->isInvite() && tx->onAck())
      return {RequestDisposition::Absorbed, {}};
    return {};
  }
  auto key = serverKey(request, request.methodText());
  if (!key || !request.cseq())
    return {};
  if (auto it = servers_.find(*key); it != servers_.end()) {
    auto tx = it->second;
    tx->onRetransmission();
    return {RequestDisposition::Absorbed, {}};
  }
  if (method != Method::Invite && lingering_.resendIfKept(*key))
    return {RequestDisposition::Absorbed, {}};
  std::shared_ptr<ServerTransaction> tx;
  if (method == Method::Invite)
    tx = std::make_shared<InviteServerTransaction>(*this, request, flow, *key,
                                                   settings_.autoTryingDelay);
  else
    tx = std::make_shared<NonInviteServerTransaction>(*this, request, flow, *key);
  servers_.emplace(std::move(*key), tx);
  ++serverCount_;
  tx->start();
  return {RequestDisposition::NewTransaction, ServerTransactionHandle{tx}};
}

ServerTransactionHandle TransactionLayer::findInviteForCancel(const Message& cancel) const {
  auto key = serverKey(cancel, "INVITE");
  if (!key)
    return {};
  auto it = servers_.find(*key);
  if (it == servers_.end() || !it->second->isInvite())
    return {};
  return ServerTransactionHandle{it->second};
}

ClientTransactionHandle TransactionLayer::sendRequest(Message request, Flow destination,
                                                      ClientCallbacks callbacks) {
  if (!request.isRequest() || request.method() == Method::Ack)
    return {};
  auto key = clientKey(request);
  if (!key || clients_.contains(*key))
    return {};
  if (rewriter_)
    rewriter_(request, destination);  // before the transaction keeps it: ACK and CANCEL copy it
  std::string wire = request.serialize();
  std::shared_ptr<ClientTransaction> tx;
  if (request.method() == Method::Invite)
    tx = std::make_shared<InviteClientTransaction>(*this, std::move(request), std::move(wire),
                                                   std::move(destination), *key,
                                                   std::move(callbacks));
  else
    tx = std::make_shared<NonInviteClientTransaction>(
        *this, std::move(wire), std::move(destination), *key, std::move(callbacks));
  clients_.emplace(std::move(*key), tx);
  tx->start();
  return ClientTransactionHandle{tx};
}

bool TransactionLayer::cancel(const ClientTransactionHandle& invite, std::string reason) {
  auto tx = invite.lock();
  if (!tx || !tx->isInvite())
    return false;
  return static_cast<InviteClientTransaction&>(*tx).requestCancel(std::move(reason));
}

ResponseDisposition TransactionLayer::onResponse(const Message& response, const Flow&) {
  if (!response.isResponse())
    return ResponseDisposition::Unmatched;
  auto key = clientKey(response);
  if (!key)
    return ResponseDisposition::Unmatched;
  auto it = clients_.find(*key);
  if (it == clients_.end())
    return ResponseDisposition::Unmatched;
  auto tx = it->second;  // keeps it alive through callbacks that end it
  tx->onResponse(response);
  return ResponseDisposition::Matched;
}

void TransactionLayer::sendStateless(const Message& message, const Flow& flow) {
  sendBytes(flow, wireFor(message, flow), {});
}

std::string TransactionLayer::wireFor(const Message& message, const Flow& flow) const {
  if (!rewriter_)
    return message.serialize();
  Message copy = message;
  rewriter_(copy, flow);
  return copy.serialize();
}

void TransactionLayer::sendBytes(const Flow& flow, std::string bytes, SendDone done) {
  if (sender_)
    sender_(flow, std::move(bytes), std::move(done));
}

void TransactionLayer::removeServer(ServerTransaction& tx, const std::string& key,
                                    const std::string& alias) {
  for (const std::string* k : {&alias, &key}) {
    if (k->empty())
      continue;
    auto it = servers_.find(*k);
    if (it != servers_.end() && it->second.get() == &tx) {
      if (k == &key)
        --serverCount_;
      servers_.erase(it);
    }
  }
}

bool TransactionLayer::addServerAlias(const std::string& key,
                                      std::shared_ptr<ServerTransaction> tx) {
  return servers_.emplace(key, std::move(tx)).second;
}

void TransactionLayer::removeClient(ClientTransaction& tx, const std::string& key) {
  auto it = clients_.find(key);
  if (it != clients_.end() && it->second.get() == &tx)
    clients_.erase(it);
}

void TransactionLayer::startCancel(Message cancel, const Flow& flow) {
  // Nobody listens to the CANCEL's own outcome: the INVITE's final response tells the TU.
  ClientTransactionHandle handle = sendRequest(std::move(cancel), flow, {});
  (void)handle;  // releasing it only drops the (empty) callbacks
}

}  // namespace sb::sip
