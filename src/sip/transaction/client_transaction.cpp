#include "sip/transaction/client_transaction.hpp"

#include <utility>

#include "sip/transaction/transaction_layer.hpp"

namespace sb::sip {

ClientTransaction::ClientTransaction(TransactionLayer& layer, std::string wire, Flow flow,
                                     std::string key, bool invite, TransactionState initial,
                                     ClientCallbacks callbacks)
    : layer_(layer),
      timers_(layer.settings().timers),
      state_(initial),
      invite_(invite),
      wire_(std::move(wire)),
      flow_(std::move(flow)),
      retransmit_(layer.wheel()),
      timeout_(layer.wheel()),
      linger_(layer.wheel()),
      failure_(layer.wheel()),
      key_(std::move(key)),
      callbacks_(std::make_shared<ClientCallbacks>(std::move(callbacks))) {}

bool ClientTransaction::reliable() const {
  return isStream(flow_.kind);
}

void ClientTransaction::send(std::string bytes, bool quiet) {
  if (quiet) {
    layer_.sendBytes(flow_, std::move(bytes), {});
    return;
  }
  std::weak_ptr<ClientTransaction> weak = weak_from_this();
  layer_.sendBytes(flow_, std::move(bytes), [weak](const std::string& error) {
    if (error.empty())
      return;
    if (auto tx = weak.lock())
      tx->onSendFailed(error);
  });
}

void ClientTransaction::terminate() {
  if (state_ == TransactionState::Terminated)
    return;
  state_ = TransactionState::Terminated;
  retransmit_.cancel();
  timeout_.cancel();
  linger_.cancel();
  failure_.cancel();
  layer_.removeClient(*this, key_);
}

void ClientTransaction::notifyProvisional(const Message& response) {
  auto callbacks = callbacks_;  // the callback may release the handle
  if (callbacks && callbacks->onProvisional)
    callbacks->onProvisional(response);
}

void ClientTransaction::notifyFinal(const Message& response) {
  auto callbacks = callbacks_;
  if (callbacks && callbacks->onFinal)
    callbacks->onFinal(response);
}

void ClientTransaction::notifyTimeout() {
  auto callbacks = callbacks_;
  if (callbacks && callbacks->onTimeout)
    callbacks->onTimeout();
}

void ClientTransaction::onSendFailed(std::string error) {
  // Only while the request is outstanding: a lost ACK or a late retransmission after the
  // final response changes nothing for the TU.
  const bool outstanding = state_ == TransactionState::Calling ||
                           state_ == TransactionState::Trying ||
                           state_ == TransactionState::Proceeding;
  if (!outstanding || !error_.empty())
    return;
  // The sender may report synchronously, from inside our own code: finish in a fresh call.
  error_ = std::move(error);
  timeout_.cancel();
  arm<&ClientTransaction::deliverTransportError>(this, failure_, Duration::zero());
}

void ClientTransaction::deliverTransportError() {
  terminate();
  auto callbacks = callbacks_;
  if (callbacks && callbacks->onTransportError)
    callbacks->onTransportError(error_);
}

ClientTransactionHandle& ClientTransactionHandle::operator=(
    ClientTransactionHandle&& other) noexcept {
  if (this != &other) {
    release();
    tx_ = std::move(other.tx_);
  }
  return *this;
}

TransactionState ClientTransactionHandle::state() const {
  auto tx = tx_.lock();
  return tx ? tx->state() : TransactionState::Terminated;
}

bool ClientTransactionHandle::isInvite() const {
  auto tx = tx_.lock();
  return tx && tx->isInvite();
}

void ClientTransactionHandle::release() {
  if (auto tx = tx_.lock())
    tx->clearCallbacks();
  tx_.reset();
}

}  // namespace sb::sip
