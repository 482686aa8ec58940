#include "sip/transaction/server_non_invite.hpp"

#include <utility>

#include "sip/transaction/transaction_layer.hpp"

namespace sb::sip {

NonInviteServerTransaction::NonInviteServerTransaction(TransactionLayer& layer, Message request,
                                                       Flow flow, std::string key)
    : ServerTransaction(layer, std::move(request), std::move(flow), std::move(key), false,
                        TransactionState::Trying) {}

bool NonInviteServerTransaction::respond(const Message& response) {
  const int code = response.statusCode();
  if (code < 100 || code > 699)
    return false;
  if (state_ != TransactionState::Trying && state_ != TransactionState::Proceeding)
    return false;
  if (code < 200) {
    sendAndKeep(response);
    state_ = TransactionState::Proceeding;
    return true;
  }
  const Duration timerJ = timers_.timerJ(reliable());
  if (timerJ > Duration::zero() && !hasCallbacks()) {
    // Completed needs only the key, the response and the flow for the next 64*T1: a compact
    // record in the layer holds them instead of this object (a busy registrar has hundreds
    // of thousands in Completed).
    sendFinalAndLinger(response, timerJ);
    return true;
  }
  sendAndKeep(response);
  state_ = TransactionState::Completed;
  if (timerJ == Duration::zero()) {
    terminate();
  } else {
    // The TU listens for transport errors: keep the transaction, but not the request.
    request_ = Message{};
    arm<&NonInviteServerTransaction::onTimerJ>(this, linger_, timerJ);
  }
  return true;
}

void NonInviteServerTransaction::onRetransmission() {
  // Trying: nothing to repeat yet. Proceeding/Completed: repeat the latest response.
  if (state_ == TransactionState::Proceeding || state_ == TransactionState::Completed)
    resendLast();
}

void NonInviteServerTransaction::onTimerJ() {
  terminate();
}

}  // namespace sb::sip
