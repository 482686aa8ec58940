#include "modules/pbx/hangup_causes.hpp"

#include <gtest/gtest.h>

#include "modules/pbx/applications.hpp"
#include "modules/pbx/channel.hpp"

namespace sb::modules::pbx {
namespace {

TEST(PbxCauses, MapToTheResponsesChanPjsipSends) {
  EXPECT_EQ(causeToSipStatus(cause::kUserBusy), 486);
  EXPECT_EQ(causeToSipStatus(cause::kCongestion), 503);
  EXPECT_EQ(causeToSipStatus(cause::kCallRejected), 403);
  EXPECT_EQ(causeToSipStatus(cause::kNoAnswer), 480);
  EXPECT_EQ(causeToSipStatus(cause::kUnallocated), 404);
  EXPECT_EQ(causeToSipStatus(cause::kBearerCapabilityNotAvailable), 488);
  // No mapping (normal clearing) declines, as pjsip does for a response of 0.
  EXPECT_EQ(causeToSipStatus(cause::kNormalClearing), 603);
}

TEST(PbxCauses, SipFailuresMapBackToCauses) {
  EXPECT_EQ(sipStatusToCause(486), cause::kUserBusy);
  EXPECT_EQ(sipStatusToCause(600), cause::kUserBusy);
  EXPECT_EQ(sipStatusToCause(404), cause::kUnallocated);
  EXPECT_EQ(sipStatusToCause(480), cause::kNoAnswer);
  EXPECT_EQ(sipStatusToCause(503), cause::kCongestion);
  EXPECT_EQ(sipStatusToCause(603), cause::kCallRejected);
  EXPECT_EQ(sipStatusToCause(487), cause::kInterworking);
  EXPECT_EQ(sipStatusToCause(599), cause::kCongestion);
  EXPECT_EQ(causeText(16), "Normal Clearing");
  EXPECT_EQ(causeText(17), "User busy");
  EXPECT_EQ(causeText(9999), "Unknown");
}

TEST(PbxConditions, FollowPbxCheckCondition) {
  EXPECT_FALSE(conditionTrue(""));
  EXPECT_FALSE(conditionTrue("0"));
  EXPECT_FALSE(conditionTrue(" 0 "));
  EXPECT_FALSE(conditionTrue("0.0"));
  EXPECT_TRUE(conditionTrue("1"));
  EXPECT_TRUE(conditionTrue("-2"));
  EXPECT_TRUE(conditionTrue("yes"));
}

TEST(PbxChannel, StatesHaveAsterisksNamesAndNumbers) {
  EXPECT_EQ(channelStateName(ChannelState::Reserved), "Rsrvd");
  EXPECT_EQ(channelStateName(ChannelState::Up), "Up");
  EXPECT_EQ(channelStateNumber(ChannelState::Ringing), 5);
  EXPECT_EQ(channelStateNumber(ChannelState::Up), 6);
}

/// Records what the channel asked its driver to do.
class RecordingTech : public ChannelTech {
 public:
  void answer(Channel& channel) override {
    ++answers;
    channel.markAnswered();
  }
  void indicate(Channel&, Indication) override { ++indications; }
  void call(Channel&) override { ++calls; }
  void hangup(Channel&, int cause) override { hangups.push_back(cause); }
  ChannelMedia media() const override { return {}; }
  std::optional<std::string> info(std::string_view) const override { return std::nullopt; }
  int answers = 0, indications = 0, calls = 0;
  std::vector<int> hangups;
};

TEST(PbxChannel, DriverIsToldOnceAndForgottenAfterHangup) {
  auto tech = std::make_shared<RecordingTech>();
  Channel channel({"PJSIP/a-00000001", "1.1", "", "a", "PJSIP"}, tech, false);
  EXPECT_EQ(channel.linkedId(), "1.1");
  channel.answer();
  EXPECT_EQ(channel.state(), ChannelState::Up);
  channel.answer();  // already up: not asked again
  EXPECT_EQ(tech->answers, 1);
  channel.hangup(17);
  channel.hangup(16);
  channel.indicate(Indication::Busy);
  EXPECT_EQ(tech->hangups, std::vector<int>{17});
  EXPECT_EQ(tech->indications, 0);
  EXPECT_TRUE(channel.hungUp());
  EXPECT_EQ(channel.hangupCause(), 17);
}

TEST(PbxChannel, RemoteHangupDoesNotCallBackIntoTheDriver) {
  auto tech = std::make_shared<RecordingTech>();
  Channel channel({"PJSIP/a-00000002", "1.2", "", "a", "PJSIP"}, tech, true);
  channel.remoteHangup(21);
  channel.hangup(16);
  EXPECT_TRUE(tech->hangups.empty());
  EXPECT_EQ(channel.hangupCause(), 21);
}

}  // namespace
}  // namespace sb::modules::pbx
