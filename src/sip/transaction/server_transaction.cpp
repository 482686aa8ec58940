#include "sip/transaction/server_transaction.hpp"

#include <utility>

#include "sip/transaction/transaction_layer.hpp"

namespace sb::sip {

ServerTransaction::ServerTransaction(TransactionLayer& layer, Message request, Flow flow,
                                     std::string key, bool invite, TransactionState initial)
    : layer_(layer),
      timers_(layer.settings().timers),
      state_(initial),
      invite_(invite),
      request_(std::move(request)),
      flow_(std::move(flow)),
      retransmit_(layer.wheel()),
      timeout_(layer.wheel()),
      linger_(layer.wheel()),
      failure_(layer.wheel()),
      key_(std::move(key)) {}

void ServerTransaction::setCallbacks(ServerCallbacks callbacks) {
  callbacks_ = std::make_shared<ServerCallbacks>(std::move(callbacks));
}

bool ServerTransaction::reliable() const {
  return isStream(flow_.kind);
}

void ServerTransaction::send(std::string bytes) {
  std::weak_ptr<ServerTransaction> weak = weak_from_this();
  layer_.sendBytes(flow_, std::move(bytes), [weak](const std::string& error) {
    if (error.empty())
      return;
    if (auto tx = weak.lock())
      tx->onSendFailed(error);
  });
}

void ServerTransaction::sendAndKeep(const Message& response) {
  lastResponse_ = layer_.wireFor(response, flow_);
  send(lastResponse_);
}

void ServerTransaction::resendLast() {
  if (!lastResponse_.empty())
    send(lastResponse_);
}

void ServerTransaction::sendFinalAndLinger(const Message& response, Duration timerJ) {
  std::string wire = layer_.wireFor(response, flow_);
  terminate();
  layer_.lingering_.add(key_, wire, flow_, timerJ);
  layer_.sendBytes(flow_, std::move(wire), nullptr);
}

bool ServerTransaction::respondStatelessly(const Message& response) {
  if (state_ != TransactionState::Trying && state_ != TransactionState::Proceeding)
    return false;
  auto keep = shared_from_this();
  layer_.sendBytes(flow_, layer_.wireFor(response, flow_), nullptr);
  terminate();
  return true;
}

void ServerTransaction::terminate() {
  if (state_ == TransactionState::Terminated)
    return;
  state_ = TransactionState::Terminated;
  retransmit_.cancel();
  timeout_.cancel();
  linger_.cancel();
  failure_.cancel();
  layer_.removeServer(*this, key_, alias_);
}

void ServerTransaction::notifyTimeout() {
  auto callbacks = callbacks_;  // the callback may drop them
  if (callbacks && callbacks->onTimeout)
    callbacks->onTimeout();
}

void ServerTransaction::addAlias(std::string key) {
  if (key == key_ || !alias_.empty())
    return;
  if (layer_.addServerAlias(key, shared_from_this()))
    alias_ = std::move(key);
}

void ServerTransaction::onSendFailed(std::string error) {
  // The sender may report synchronously, from inside our own code: finish in a fresh call.
  if (state_ == TransactionState::Terminated || !error_.empty())
    return;
  error_ = std::move(error);
  timeout_.cancel();
  linger_.cancel();
  arm<&ServerTransaction::deliverTransportError>(this, failure_, Duration::zero());
}

void ServerTransaction::deliverTransportError() {
  terminate();
  auto callbacks = callbacks_;
  if (callbacks && callbacks->onTransportError)
    callbacks->onTransportError(error_);
}

TransactionState ServerTransactionHandle::state() const {
  auto tx = tx_.lock();
  return tx ? tx->state() : TransactionState::Terminated;
}

bool ServerTransactionHandle::isInvite() const {
  auto tx = tx_.lock();
  return tx && tx->isInvite();
}

std::optional<Message> ServerTransactionHandle::request() const {
  auto tx = tx_.lock();
  if (!tx)
    return std::nullopt;
  return tx->request();
}

bool ServerTransactionHandle::respond(const Message& response) const {
  auto tx = tx_.lock();  // keeps it alive even if responding terminates it
  if (!tx || !response.isResponse())
    return false;
  return tx->respond(response);
}

bool ServerTransactionHandle::respondStatelessly(const Message& response) const {
  auto tx = tx_.lock();
  if (!tx || !response.isResponse() || response.statusCode() < 200)
    return false;
  return tx->respondStatelessly(response);
}

void ServerTransactionHandle::setCallbacks(ServerCallbacks callbacks) const {
  if (auto tx = tx_.lock())
    tx->setCallbacks(std::move(callbacks));
}

void ServerTransactionHandle::releaseCallbacks() const {
  if (auto tx = tx_.lock())
    tx->clearCallbacks();
}

}  // namespace sb::sip
