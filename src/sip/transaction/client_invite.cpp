#include "sip/transaction/client_invite.hpp"

#include <utility>

#include "sip/transaction/ack_cancel.hpp"
#include "sip/transaction/transaction_layer.hpp"

namespace sb::sip {

InviteClientTransaction::InviteClientTransaction(TransactionLayer& layer, Message request,
                                                 std::string wire, Flow flow, std::string key,
                                                 ClientCallbacks callbacks)
    : ClientTransaction(layer, std::move(wire), std::move(flow), std::move(key), true,
                        TransactionState::Calling, std::move(callbacks)),
      request_(std::move(request)) {}

void InviteClientTransaction::start() {
  sendRequest();
  if (!reliable()) {
    interval_ = timers_.t1;
    arm<&InviteClientTransaction::onTimerA>(this, retransmit_, interval_);
  }
  arm<&InviteClientTransaction::onTimeout>(this, timeout_, timers_.timeout());  // Timer B
}

void InviteClientTransaction::onResponse(const Message& response) {
  const int code = response.statusCode();
  const bool waiting =
      state_ == TransactionState::Calling || state_ == TransactionState::Proceeding;
  if (code < 200) {
    if (!waiting)
      return;
    if (state_ == TransactionState::Calling) {
      state_ = TransactionState::Proceeding;
      retransmit_.cancel();
      timeout_.cancel();  // Timer B only guards Calling
      if (cancelHeld_) {
        cancelHeld_ = false;
        sendCancel();
      }
    }
    notifyProvisional(response);
    return;
  }
  if (code < 300) {
    if (waiting) {
      // RFC 6026: stay to pass on every 2xx (retransmissions, other forks); the TU ACKs.
      state_ = TransactionState::Accepted;
      cancelHeld_ = false;
      retransmit_.cancel();
      arm<&InviteClientTransaction::onEnd>(this, timeout_, timers_.timeout());  // Timer M
      notifyFinal(response);
    } else if (state_ == TransactionState::Accepted) {
      notifyFinal(response);
    }
    return;
  }
  if (state_ == TransactionState::Completed) {
    send(ack_, true);  // a retransmitted final: the ACK was lost
    return;
  }
  if (!waiting)
    return;
  state_ = TransactionState::Completed;
  cancelHeld_ = false;
  retransmit_.cancel();
  timeout_.cancel();
  if (auto ack = makeAckForNon2xx(request_, response)) {
    ack_ = ack->serialize();
    send(ack_, true);
  }
  if (reliable())
    terminate();  // Timer D is zero
  else
    arm<&InviteClientTransaction::onEnd>(this, linger_, timers_.timerD(false));
  notifyFinal(response);
}

bool InviteClientTransaction::requestCancel(std::string reason) {
  if (cancelHeld_ || cancelSent_)
    return false;
  cancelReason_ = std::move(reason);
  if (state_ == TransactionState::Calling) {
    cancelHeld_ = true;  // RFC 3261 9.1: not before a provisional response
    return true;
  }
  if (state_ == TransactionState::Proceeding) {
    sendCancel();
    return true;
  }
  return false;
}

void InviteClientTransaction::sendCancel() {
  auto cancel = makeCancel(request_);
  if (!cancel)
    return;
  if (!cancelReason_.empty())
    cancel->addHeader("Reason", cancelReason_);
  cancelSent_ = true;
  layer_.startCancel(std::move(*cancel), flow_);
  // RFC 3261 9.1: without a final response within 64*T1 of the CANCEL, give up.
  arm<&InviteClientTransaction::onTimeout>(this, timeout_, timers_.timeout());
}

void InviteClientTransaction::onTimerA() {
  if (state_ != TransactionState::Calling)
    return;
  sendRequest();
  interval_ *= 2;
  arm<&InviteClientTransaction::onTimerA>(this, retransmit_, interval_);
}

void InviteClientTransaction::onTimeout() {
  if (state_ != TransactionState::Calling && state_ != TransactionState::Proceeding)
    return;
  terminate();
  notifyTimeout();
}

void InviteClientTransaction::onEnd() {
  terminate();
}

}  // namespace sb::sip
