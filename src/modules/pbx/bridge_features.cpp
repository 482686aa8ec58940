#include "modules/pbx/bridge_features.hpp"

#include <boost/asio/steady_timer.hpp>

#include "core/log/logger.hpp"

namespace sb::modules::pbx {

namespace {

/// The codes the letters of Dial's options (or CHANNEL(dtmf_features)) give a channel.
std::vector<sb::pbx::FeatureMatcher::Code> codesFor(std::string_view letters,
                                                    const sb::pbx::FeaturesConfig& config) {
  std::vector<sb::pbx::FeatureMatcher::Code> codes;
  if (letters.find('T') != std::string_view::npos) {
    codes.push_back({std::string(kBlindTransfer), config.blindXfer});
    codes.push_back({std::string(kAttendedTransfer), config.atxfer});
  }
  if (letters.find('H') != std::string_view::npos) {
    codes.push_back({std::string(kDisconnect), config.disconnect});
  }
  return codes;
}

}  // namespace

struct BridgeFeatures::Side : std::enable_shared_from_this<Side> {
  Side(boost::asio::io_context& io, std::shared_ptr<Channel> channel, std::string letters,
       sb::pbx::FeatureMatcher matcher)
      : channel(std::move(channel)),
        letters(std::move(letters)),
        matcher(std::move(matcher)),
        timer(io) {}

  struct HeldDigit {
    char digit;
    unsigned durationMs;
    DigitSource source;
  };
  std::shared_ptr<Channel> channel;
  std::string letters;  ///< its own features
  sb::pbx::FeatureMatcher matcher;
  std::vector<HeldDigit> held;
  boost::asio::steady_timer timer;
  bool collecting = false;
  std::deque<char> queued;
};

BridgeFeatures::BridgeFeatures(boost::asio::io_context& io, const sb::pbx::FeaturesConfig& config,
                               std::shared_ptr<ChannelWatcher> watcher)
    : io_(io), config_(config), watcher_(std::move(watcher)) {}

BridgeFeatures::~BridgeFeatures() {
  for (auto& side : sides_) {
    side->timer.cancel();
    side->channel->setDigitInterceptor({});
  }
}

void BridgeFeatures::enable(const std::shared_ptr<Channel>& channel, std::string_view letters) {
  sb::pbx::FeatureMatcher matcher(codesFor(letters, config_));
  if (matcher.empty() || sideOf(*channel)) {
    return;
  }
  auto side = std::make_shared<Side>(io_, channel, std::string(letters), std::move(matcher));
  std::weak_ptr<Side> weak = side;
  channel->setDigitInterceptor(
      [this, weak](char digit, DigitPhase phase, unsigned durationMs, DigitSource source) {
        auto held = weak.lock();
        if (!held) {
          return false;
        }
        // A begin waits for its end: only whole digits are matched and passed on.
        if (phase != DigitPhase::Begin) {
          onDigit(*held, digit, durationMs, source);
        }
        return true;
      });
  sides_.push_back(std::move(side));
}

void BridgeFeatures::useCodes(const Channel& channel,
                              std::vector<sb::pbx::FeatureMatcher::Code> codes) {
  if (Side* side = sideOf(channel)) {
    side->matcher = sb::pbx::FeatureMatcher(std::move(codes));
    side->held.clear();
    side->timer.cancel();
  }
}

void BridgeFeatures::restoreCodes(const Channel& channel) {
  if (Side* side = sideOf(channel)) {
    useCodes(channel, codesFor(side->letters, config_));
  }
}

std::optional<BridgeFeatures::Request> BridgeFeatures::takeRequest() {
  return std::exchange(request_, std::nullopt);
}

void BridgeFeatures::collect(const Channel& channel, bool on) {
  if (Side* side = sideOf(channel)) {
    side->collecting = on;
    side->queued.clear();
  }
}

std::optional<char> BridgeFeatures::takeDigit(const Channel& channel) {
  Side* side = sideOf(channel);
  if (!side || side->queued.empty()) {
    return std::nullopt;
  }
  const char digit = side->queued.front();
  side->queued.pop_front();
  return digit;
}

bool BridgeFeatures::hasDigit(const Channel& channel) const {
  const Side* side = sideOf(channel);
  return side && !side->queued.empty();
}

BridgeFeatures::Side* BridgeFeatures::sideOf(const Channel& channel) const {
  for (const auto& side : sides_) {
    if (side->channel.get() == &channel) {
      return side.get();
    }
  }
  return nullptr;
}

void BridgeFeatures::onDigit(Side& side, char digit, unsigned durationMs, DigitSource source) {
  if (side.collecting) {
    side.queued.push_back(digit);
    watcher_->notify();
    return;
  }
  const auto step = side.matcher.feed(digit);
  using Outcome = sb::pbx::FeatureMatcher::Outcome;
  switch (step.outcome) {
    case Outcome::Withhold: {
      side.held.push_back({digit, durationMs, source});
      side.timer.expires_after(config_.featureDigitTimeout);
      side.timer.async_wait(
          [this, weak = side.weak_from_this()](const boost::system::error_code& error) {
            auto held = weak.lock();
            if (!error && held) {
              onTimeout(*held);
            }
          });
      return;
    }
    case Outcome::Pass:
      for (const auto& held : side.held) {
        passOn(side, held.digit, held.durationMs, held.source);
      }
      side.held.clear();
      side.timer.cancel();
      passOn(side, digit, durationMs, source);
      return;
    case Outcome::Trigger:
      side.held.clear();
      side.timer.cancel();
      SB_DEBUG(1, "Channel {}: DTMF feature '{}' dialled", side.channel->name(), step.feature);
      request_ = Request{side.channel, step.feature};
      watcher_->notify();
      return;
  }
}

void BridgeFeatures::onTimeout(Side& side) {
  const auto step = side.matcher.timeout();
  if (step.outcome == sb::pbx::FeatureMatcher::Outcome::Trigger) {
    side.held.clear();
    request_ = Request{side.channel, step.feature};
    watcher_->notify();
    return;
  }
  for (const auto& held : side.held) {
    passOn(side, held.digit, held.durationMs, held.source);
  }
  side.held.clear();
}

void BridgeFeatures::passOn(Side& side, char digit, unsigned durationMs, DigitSource source) {
  auto peer = side.channel->bridgedWith.lock();
  if (!peer) {
    return;
  }
  // The bridge does not relay this channel's RFC 4733 events: the peer's driver plays them.
  peer->sendDigit(digit, durationMs, source == DigitSource::Rfc4733 ? DigitSource::Local : source);
}

}  // namespace sb::modules::pbx
