#include "sip/transaction/client_non_invite.hpp"

#include <algorithm>
#include <utility>

namespace sb::sip {

NonInviteClientTransaction::NonInviteClientTransaction(TransactionLayer& layer, std::string wire,
                                                       Flow flow, std::string key,
                                                       ClientCallbacks callbacks)
    : ClientTransaction(layer, std::move(wire), std::move(flow), std::move(key), false,
                        TransactionState::Trying, std::move(callbacks)) {}

void NonInviteClientTransaction::start() {
  sendRequest();
  if (!reliable()) {
    interval_ = timers_.t1;
    arm<&NonInviteClientTransaction::onTimerE>(this, retransmit_, interval_);
  }
  arm<&NonInviteClientTransaction::onTimerF>(this, timeout_, timers_.timeout());
}

void NonInviteClientTransaction::onResponse(const Message& response) {
  const int code = response.statusCode();
  if (state_ != TransactionState::Trying && state_ != TransactionState::Proceeding)
    return;  // Completed: a retransmitted final, absorbed
  if (code < 200) {
    state_ = TransactionState::Proceeding;
    notifyProvisional(response);
    return;
  }
  state_ = TransactionState::Completed;
  retransmit_.cancel();
  timeout_.cancel();
  if (reliable())
    terminate();  // Timer K is zero
  else
    arm<&NonInviteClientTransaction::onTimerK>(this, linger_, timers_.timerIK(false));
  notifyFinal(response);
}

void NonInviteClientTransaction::onTimerE() {
  if (state_ != TransactionState::Trying && state_ != TransactionState::Proceeding)
    return;
  sendRequest();
  // Trying doubles up to T2; Proceeding retransmits every T2 (RFC 3261 17.1.2.2).
  interval_ = state_ == TransactionState::Trying ? std::min(2 * interval_, timers_.t2) : timers_.t2;
  arm<&NonInviteClientTransaction::onTimerE>(this, retransmit_, interval_);
}

void NonInviteClientTransaction::onTimerF() {
  terminate();
  notifyTimeout();
}

void NonInviteClientTransaction::onTimerK() {
  terminate();
}

}  // namespace sb::sip
