#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>

#include "modules/pbx/channel.hpp"

namespace sb::modules::pbx {
namespace {

std::shared_ptr<Channel> makeChannel() {
  Channel::Identity identity;
  identity.name = "PJSIP/alice-00000001";
  identity.uniqueId = "1.1";
  return std::make_shared<Channel>(identity, nullptr, false);
}

TEST(ChannelGoto, PendingGotoInterruptsAndIsAppliedOnce) {
  auto channel = makeChannel();
  channel->context = "internal";
  channel->exten = "800";
  channel->priority = 2;
  EXPECT_FALSE(channel->interrupted());
  channel->requestGoto({"other", "810", 3});
  EXPECT_TRUE(channel->gotoPending());
  EXPECT_TRUE(channel->interrupted());
  EXPECT_FALSE(channel->hungUp());
  // Nothing moves until whoever drives the channel applies it.
  EXPECT_EQ(channel->exten, "800");
  EXPECT_TRUE(channel->applyPendingGoto());
  EXPECT_EQ(channel->context, "other");
  EXPECT_EQ(channel->exten, "810");
  EXPECT_EQ(channel->priority, 3);
  EXPECT_FALSE(channel->interrupted());
  EXPECT_FALSE(channel->applyPendingGoto());
}

TEST(ChannelGoto, RequestWakesWatchersAndIsIgnoredAfterHangup) {
  boost::asio::io_context io;
  auto channel = makeChannel();
  auto watcher = std::make_shared<ChannelWatcher>(io.get_executor());
  channel->watch(watcher);
  channel->requestGoto({"internal", "810", 1});
  EXPECT_TRUE(watcher->consumeSignal());

  auto gone = makeChannel();
  gone->hangup(16);
  gone->requestGoto({"internal", "810", 1});
  EXPECT_FALSE(gone->gotoPending());
}

TEST(ChannelVariables, SinkHearsOnlyAnnouncedChannelsAndNotStoredCopies) {
  auto channel = makeChannel();
  std::vector<std::pair<std::string, std::string>> heard;
  channel->setVariableSink([&](Channel&, const std::string& name, const std::string& value) {
    heard.emplace_back(name, value);
  });
  channel->setVariable("EARLY", "1");  // before Newchannel: no VarSet
  channel->announced = true;
  channel->setVariable("__COLOUR", "blue");
  channel->storeVariable("COLOUR", "blue");
  EXPECT_EQ(heard, (std::vector<std::pair<std::string, std::string>>{{"__COLOUR", "blue"}}));
  EXPECT_EQ(channel->variable("COLOUR"), "blue");
  EXPECT_EQ(channel->variable("EARLY"), "1");
}

}  // namespace
}  // namespace sb::modules::pbx
