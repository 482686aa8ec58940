#include "modules/chan_pjsip/refer_progress.hpp"

#include "core/log/logger.hpp"
#include "modules/chan_pjsip/session.hpp"
#include "modules/pbx/hangup_causes.hpp"
#include "sip/message/refer_notify.hpp"

namespace sb::modules::chan_pjsip {

ReferProgress::ReferProgress(std::shared_ptr<Session> transferer, bool subscribed)
    : transferer_(std::move(transferer)), subscribed_(subscribed) {}

ReferProgress::~ReferProgress() = default;

void ReferProgress::notify(int status) {
  if (ended_ || !subscribed_) {
    ended_ = ended_ || status >= 200;
    return;
  }
  if (!sent100_) {
    sent100_ = true;
    if (status != 100) {
      send(100);
    }
  }
  send(status);
  if (status >= 200) {
    ended_ = true;
    if (auto channel = followed_.lock()) {
      channel->setActivityListener(nullptr);  // may destroy this object's last holder
    }
  }
}

void ReferProgress::send(int status) {
  const bool terminated = status >= 200;
  const auto elapsed =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - started_)
          .count();
  const unsigned left =
      elapsed >= sip::kReferSubscriptionSeconds ? 0 : sip::kReferSubscriptionSeconds - elapsed;
  SB_DEBUG(3, "Sending NOTIFY of transfer progress {} to endpoint '{}'", status,
           transferer_->endpointName());
  transferer_->sendInDialog("NOTIFY", nullptr,
                            {{"Event", std::string(sip::kReferEvent)},
                             {"Subscription-State", sip::referSubscriptionState(terminated, left)}},
                            sip::sipfragStatusLine(status, pbx::reasonPhrase(status)),
                            std::string(sip::kSipfragContentType));
}

void ReferProgress::follow(pbx::Channel& transferee) {
  followed_ = transferee.weak_from_this();
  // The channel holds this object while it follows, as a framehook holds its data.
  transferee.setActivityListener(
      [self = shared_from_this()](pbx::ChannelActivity activity) { self->onActivity(activity); });
}

void ReferProgress::onActivity(pbx::ChannelActivity activity) {
  auto self = shared_from_this();  // notify() may drop the channel's reference
  switch (activity) {
    case pbx::ChannelActivity::Ringing:
      notify(180);
      return;
    case pbx::ChannelActivity::Progress:
      notify(183);
      return;
    case pbx::ChannelActivity::MediaSent:
    case pbx::ChannelActivity::Bridged:
      notify(200);
      return;
    case pbx::ChannelActivity::Busy:
      notify(486);
      return;
    case pbx::ChannelActivity::Congestion:
    case pbx::ChannelActivity::HungUp:
      notify(503);
      return;
  }
}

}  // namespace sb::modules::chan_pjsip
