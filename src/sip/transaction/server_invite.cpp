#include "sip/transaction/server_invite.hpp"

#include <algorithm>
#include <utility>

#include "sip/message/builder.hpp"
#include "sip/transaction/transaction_key.hpp"
#include "sip/transaction/transaction_layer.hpp"

namespace sb::sip {

InviteServerTransaction::InviteServerTransaction(TransactionLayer& layer, Message request,
                                                 Flow flow, std::string key,
                                                 std::optional<Duration> autoTryingDelay)
    : ServerTransaction(layer, std::move(request), std::move(flow), std::move(key), true,
                        TransactionState::Proceeding),
      autoTryingDelay_(autoTryingDelay) {}

void InviteServerTransaction::start() {
  if (!autoTryingDelay_)
    return;
  if (*autoTryingDelay_ <= Duration::zero()) {
    sendTrying();
    return;
  }
  arm<&InviteServerTransaction::sendTrying>(this, retransmit_, *autoTryingDelay_);
}

void InviteServerTransaction::sendTrying() {
  // Only when the TU has said nothing yet (RFC 3261 17.2.1).
  if (state_ != TransactionState::Proceeding || !lastResponse_.empty())
    return;
  auto trying = makeResponse(request_, 100, "Trying");
  if (!trying)
    return;
  if (layer_.settings().decorateTrying)
    layer_.settings().decorateTrying(*trying, request_, flow_);
  sendAndKeep(*trying);
}

bool InviteServerTransaction::respond(const Message& response) {
  const int code = response.statusCode();
  if (code < 100 || code > 699)
    return false;
  switch (state_) {
    case TransactionState::Proceeding:
      retransmit_.cancel();  // a pending automatic 100 is no longer wanted
      sendAndKeep(response);
      if (code < 200)
        return true;
      if (code < 300) {
        // RFC 6026: the TU retransmits the 2xx; we absorb INVITE retransmissions meanwhile.
        state_ = TransactionState::Accepted;
        // Accepted only absorbs retransmissions (the TU resends its 2xx): neither the request
        // nor the response is needed for the 64*T1 it lingers, so a busy server keeps less.
        request_ = Message{};
        lastResponse_ = std::string{};
        arm<&InviteServerTransaction::onEnd>(this, timeout_, timers_.timeout());  // Timer L
        return true;
      }
      state_ = TransactionState::Completed;
      if (auto via = request_.topVia(); via && !via->hasMagicCookie()) {
        // An RFC 2543 ACK carries the To tag of this response.
        auto to = response.to();
        if (auto alias = rfc2543Key(request_, "INVITE", to ? to->tag() : std::string_view{}))
          addAlias(std::move(*alias));
      }
      // Timer G resends the kept response; the request is not needed any more.
      request_ = Message{};
      if (!reliable()) {
        gInterval_ = timers_.t1;
        arm<&InviteServerTransaction::onTimerG>(this, retransmit_, gInterval_);
      }
      arm<&InviteServerTransaction::onTimerH>(this, timeout_, timers_.timeout());
      return true;
    case TransactionState::Accepted:
      // Further 2xx (the TU's retransmissions) go out as they are.
      if (code < 200 || code >= 300)
        return false;
      send(layer_.wireFor(response, flow_));
      return true;
    default:
      return false;
  }
}

void InviteServerTransaction::onRetransmission() {
  switch (state_) {
    case TransactionState::Proceeding:
      // Resend the latest provisional; if the TU has sent none, the automatic 100 goes now.
      if (lastResponse_.empty() && autoTryingDelay_)
        sendTrying();
      else
        resendLast();
      break;
    case TransactionState::Completed:
      resendLast();
      break;
    default:  // Confirmed, Accepted: absorbed silently
      break;
  }
}

bool InviteServerTransaction::onAck() {
  switch (state_) {
    case TransactionState::Completed:
      state_ = TransactionState::Confirmed;
      retransmit_.cancel();
      timeout_.cancel();
      if (reliable())
        terminate();  // Timer I is zero
      else
        arm<&InviteServerTransaction::onEnd>(this, linger_, timers_.timerIK(false));  // Timer I
      return true;
    case TransactionState::Accepted:
      return false;  // the ACK for a 2xx belongs to the TU (RFC 6026)
    default:
      return true;  // Confirmed: a retransmitted ACK; Proceeding: nothing to acknowledge
  }
}

void InviteServerTransaction::onTimerG() {
  if (state_ != TransactionState::Completed)
    return;
  resendLast();
  gInterval_ = std::min(2 * gInterval_, timers_.t2);
  arm<&InviteServerTransaction::onTimerG>(this, retransmit_, gInterval_);
}

void InviteServerTransaction::onTimerH() {
  // No ACK for our non-2xx final: tell the TU (RFC 3261 17.2.1).
  terminate();
  notifyTimeout();
}

void InviteServerTransaction::onEnd() {
  terminate();
}

}  // namespace sb::sip
