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
  sendAndKeep(response);
  if (code < 200) {
    state_ = TransactionState::Proceeding;
    return true;
  }
  state_ = TransactionState::Completed;
  if (reliable()) {
    terminate();  // Timer J is zero
  } else {
    // Only the response is needed to answer retransmissions for the next 64*T1; dropping
    // the request keeps a busy registrar's lingering transactions small.
    request_ = Message{};
    arm<&NonInviteServerTransaction::onTimerJ>(this, linger_, timers_.timerJ(false));
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
