// A transfer's hand-over of a channel and the activity its progress report hears.
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>

#include "modules/pbx/channel.hpp"

namespace sb::modules::pbx {
namespace {

/// A driver that only records what it was asked.
class RecordingTech : public ChannelTech {
 public:
  void answer(Channel&) override {}
  void indicate(Channel&, Indication indication) override { indications.push_back(indication); }
  void call(Channel&) override {}
  void hangup(Channel&, int) override {}
  ChannelMedia media() const override { return {}; }
  std::optional<std::string> info(std::string_view) const override { return std::nullopt; }
  std::vector<Indication> indications;
};

std::shared_ptr<Channel> makeChannel(std::shared_ptr<ChannelTech> tech = nullptr) {
  Channel::Identity identity;
  identity.name = "PJSIP/bob-00000002";
  identity.uniqueId = "1.2";
  return std::make_shared<Channel>(identity, std::move(tech), false);
}

TEST(ChannelHandOver, RequestInterruptsUntilReleasedThenTaken) {
  boost::asio::io_context io;
  auto channel = makeChannel();
  auto watcher = std::make_shared<ChannelWatcher>(io.get_executor());
  channel->watch(watcher);
  EXPECT_FALSE(channel->handOverPending());
  EXPECT_TRUE(channel->requestHandOver());
  EXPECT_TRUE(watcher->consumeSignal());
  EXPECT_TRUE(channel->handOverPending());
  EXPECT_TRUE(channel->interrupted());
  EXPECT_FALSE(channel->releasedToTaker());

  channel->releaseToTaker();
  EXPECT_TRUE(watcher->consumeSignal());  // the taker waits for this
  EXPECT_FALSE(channel->handOverPending());
  EXPECT_TRUE(channel->releasedToTaker());
  EXPECT_FALSE(channel->interrupted());

  channel->takeOver();
  EXPECT_FALSE(channel->releasedToTaker());
  EXPECT_FALSE(channel->interrupted());
  EXPECT_TRUE(channel->requestHandOver());  // a later transfer may move it again
}

TEST(ChannelHandOver, NothingToHandOverAfterHangupOrWithoutRequest) {
  auto channel = makeChannel();
  channel->releaseToTaker();  // not asked: nothing happens
  EXPECT_FALSE(channel->releasedToTaker());
  channel->hangup(16);
  EXPECT_FALSE(channel->requestHandOver());
  EXPECT_FALSE(channel->handOverPending());
}

TEST(ChannelActivity, IndicationsOnAnAnsweredChannelAreHeardButNotSent) {
  auto tech = std::make_shared<RecordingTech>();
  auto channel = makeChannel(tech);
  std::vector<ChannelActivity> heard;
  channel->setActivityListener([&](ChannelActivity activity) { heard.push_back(activity); });
  channel->indicate(Indication::Ringing);
  channel->markAnswered();
  channel->indicate(Indication::Ringing);
  channel->indicate(Indication::Busy);
  channel->reportActivity(ChannelActivity::Bridged);
  EXPECT_EQ(tech->indications, std::vector<Indication>{Indication::Ringing});
  EXPECT_EQ(heard, (std::vector<ChannelActivity>{ChannelActivity::Ringing, ChannelActivity::Ringing,
                                                 ChannelActivity::Busy, ChannelActivity::Bridged}));
}

TEST(ChannelActivity, HangupIsHeardAndAListenerMayRemoveItself) {
  auto channel = makeChannel(std::make_shared<RecordingTech>());
  int calls = 0;
  channel->setActivityListener([&](ChannelActivity activity) {
    ++calls;
    EXPECT_EQ(activity, ChannelActivity::HungUp);
    channel->setActivityListener(nullptr);
  });
  channel->hangup(16);
  channel->reportActivity(ChannelActivity::MediaSent);
  EXPECT_EQ(calls, 1);

  auto remote = makeChannel(std::make_shared<RecordingTech>());
  bool heard = false;
  remote->setActivityListener(
      [&](ChannelActivity activity) { heard = activity == ChannelActivity::HungUp; });
  remote->remoteHangup(17);
  EXPECT_TRUE(heard);
}

}  // namespace
}  // namespace sb::modules::pbx
