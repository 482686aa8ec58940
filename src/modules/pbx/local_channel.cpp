#include "modules/pbx/local_channel.hpp"

#include <memory>
#include <string>

#include "core/log/logger.hpp"
#include "modules/pbx/hangup_causes.hpp"
#include "modules/pbx/pbx_service.hpp"

namespace sb::modules::pbx {

namespace {

using ChannelPtr = std::shared_ptr<Channel>;

/// The two halves of one Local channel.
struct LocalPair {
  std::weak_ptr<Channel> one;  ///< ";1": the dialled leg
  std::weak_ptr<Channel> two;  ///< ";2": runs the dialplan
  PbxService* pbx = nullptr;
};

/// ";1": what the dialling side does reaches ";2".
class LocalOne : public ChannelTech {
 public:
  explicit LocalOne(std::shared_ptr<LocalPair> pair) : pair_(std::move(pair)) {}

  void answer(Channel&) override {}
  void indicate(Channel&, Indication) override {}
  void call(Channel& channel) override {
    auto two = pair_->two.lock();
    if (!two || two->hungUp()) {
      channel.remoteHangup(cause::kNormalClearing);
      return;
    }
    pair_->pbx->announce(*two);
    pair_->pbx->startDialplan(two);
  }
  void hangup(Channel&, int cause) override {
    if (auto two = pair_->two.lock()) {
      two->hangup(cause);
    }
  }
  ChannelMedia media() const override {
    // Optimised: the media of whatever ";2" is bridged with.
    auto two = pair_->two.lock();
    auto peer = two ? two->bridgedWith.lock() : nullptr;
    return peer ? peer->media() : ChannelMedia{};
  }
  std::optional<std::string> info(std::string_view) const override { return std::nullopt; }
  bool sendDigitBegin(Channel&, char digit, DigitSource source) override {
    if (auto two = pair_->two.lock()) {
      two->receiveDigitBegin(digit, source);
      return true;
    }
    return false;
  }
  bool sendDigit(Channel&, char digit, unsigned durationMs, DigitSource source) override {
    if (auto two = pair_->two.lock()) {
      two->receiveDigitEnd(digit, durationMs, source);
      return true;
    }
    return false;
  }

 private:
  std::shared_ptr<LocalPair> pair_;
};

/// ";2": what its dialplan does reaches ";1".
class LocalTwo : public ChannelTech {
 public:
  explicit LocalTwo(std::shared_ptr<LocalPair> pair) : pair_(std::move(pair)) {}

  void answer(Channel& channel) override {
    channel.markAnswered();
    if (auto one = pair_->one.lock()) {
      one->markAnswered();
    }
  }
  void indicate(Channel&, Indication indication) override {
    auto one = pair_->one.lock();
    if (!one) {
      return;
    }
    switch (indication) {
      case Indication::Ringing:
        one->markRinging();
        break;
      case Indication::Progress:
        one->markProgress();
        break;
      case Indication::Busy:
        one->remoteHangup(cause::kUserBusy);
        break;
      case Indication::Congestion:
        one->remoteHangup(cause::kCongestion);
        break;
    }
  }
  void call(Channel&) override {}
  void hangup(Channel&, int cause) override {
    if (auto one = pair_->one.lock()) {
      one->remoteHangup(cause);
    }
  }
  ChannelMedia media() const override { return {}; }
  std::optional<std::string> info(std::string_view) const override { return std::nullopt; }
  bool sendDigitBegin(Channel&, char digit, DigitSource source) override {
    if (auto one = pair_->one.lock()) {
      one->receiveDigitBegin(digit, source);
      return true;
    }
    return false;
  }
  bool sendDigit(Channel&, char digit, unsigned durationMs, DigitSource source) override {
    if (auto one = pair_->one.lock()) {
      one->receiveDigitEnd(digit, durationMs, source);
      return true;
    }
    return false;
  }

 private:
  std::shared_ptr<LocalPair> pair_;
};

class LocalDriver : public ChannelDriver {
 public:
  explicit LocalDriver(PbxService& pbx) : pbx_(pbx) {}

  std::vector<ChannelPtr> request(const std::string& resource, const Channel* requestor,
                                  int& failure) override {
    // exten@context[/options]: the options (n, j, m, b) change nothing here.
    const std::string target = resource.substr(0, resource.find('/'));
    const auto at = target.find('@');
    const std::string exten = target.substr(0, at);
    const std::string context = at == std::string::npos ? "default" : target.substr(at + 1);
    auto dialplan = pbx_.dialplan();
    const std::string callerId = requestor ? requestor->caller().number : std::string();
    if (exten.empty() || !dialplan || !dialplan->exists(context, exten, 1, callerId)) {
      SB_NOTICE("No such extension/context {}@{} while calling Local channel", exten, context);
      failure = cause::kNoRouteDestination;
      return {};
    }
    auto pair = std::make_shared<LocalPair>();
    pair->pbx = &pbx_;
    const std::string device = exten + "@" + context;
    const std::string name = pbx_.nextChannelName("Local", device);
    auto one = pbx_.newNamedChannel(name + ";1", "Local", device, std::make_shared<LocalOne>(pair),
                                    true, requestor);
    auto two = pbx_.newNamedChannel(name + ";2", "Local", device, std::make_shared<LocalTwo>(pair),
                                    false, requestor);
    pair->one = one;
    pair->two = two;
    two->context = context;
    two->exten = exten;
    two->priority = 1;
    if (requestor) {
      two->setCaller(requestor->caller());
      two->language = requestor->language;
      two->accountCode = requestor->accountCode;
    }
    two->setState(ChannelState::Ring);
    return {one};
  }

 private:
  PbxService& pbx_;
};

}  // namespace

Registrations addLocalChannels(PbxService& pbx) {
  Registrations out;
  out += pbx.addDriver("Local", std::make_shared<LocalDriver>(pbx));
  return out;
}

}  // namespace sb::modules::pbx
