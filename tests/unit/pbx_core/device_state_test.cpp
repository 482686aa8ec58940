#include <gtest/gtest.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "modules/pbx/device_state.hpp"
#include "modules/pbx/device_states.hpp"

namespace sb::modules::pbx {
namespace {

using S = ChannelState;
using D = DeviceState;

D compute(std::optional<bool> reachable, std::vector<DeviceChannel> channels, unsigned busyAt = 0) {
  return endpointDeviceState(reachable, channels, busyAt);
}

TEST(DeviceState, NamesAndNumbersAreAsterisks) {
  const std::vector<std::pair<D, std::string>> expected = {
      {D::Unknown, "UNKNOWN"}, {D::NotInUse, "NOT_INUSE"},  {D::InUse, "INUSE"},
      {D::Busy, "BUSY"},       {D::Invalid, "INVALID"},     {D::Unavailable, "UNAVAILABLE"},
      {D::Ringing, "RINGING"}, {D::RingInUse, "RINGINUSE"}, {D::OnHold, "ONHOLD"}};
  int number = 0;
  for (const auto& [state, name] : expected) {
    EXPECT_EQ(static_cast<int>(state), number++);
    EXPECT_EQ(deviceStateName(state), name);
    EXPECT_EQ(deviceStateFromName(name), state);
  }
  EXPECT_EQ(deviceStateFromName("inuse"), D::InUse);
  EXPECT_EQ(deviceStateFromName("lamp"), D::Unknown);
}

TEST(DeviceState, ChannelStatesMapAsChan2dev) {
  EXPECT_EQ(deviceStateOfChannel(S::Down), D::NotInUse);
  EXPECT_EQ(deviceStateOfChannel(S::Ringing), D::Ringing);
  EXPECT_EQ(deviceStateOfChannel(S::PreRing), D::Ringing);
  EXPECT_EQ(deviceStateOfChannel(S::Ring), D::InUse);
  EXPECT_EQ(deviceStateOfChannel(S::Up), D::InUse);
  EXPECT_EQ(deviceStateOfChannel(S::Dialing), D::InUse);
  EXPECT_EQ(deviceStateOfChannel(S::Busy), D::Busy);
}

TEST(DeviceState, WithoutChannelsReachabilityDecides) {
  EXPECT_EQ(compute(true, {}), D::NotInUse);
  EXPECT_EQ(compute(false, {}), D::Unavailable);
  EXPECT_EQ(compute(std::nullopt, {}), D::Unknown);
}

TEST(DeviceState, ChannelsAggregate) {
  EXPECT_EQ(compute(true, {{S::Ringing}}), D::Ringing);
  EXPECT_EQ(compute(true, {{S::Up}}), D::InUse);
  EXPECT_EQ(compute(true, {{S::Ring}}), D::InUse);
  EXPECT_EQ(compute(true, {{S::Busy}}), D::Busy);
  EXPECT_EQ(compute(true, {{S::Down}}), D::NotInUse);
  EXPECT_EQ(compute(true, {{S::Up, true}}), D::OnHold);
  EXPECT_EQ(compute(true, {{S::Up}, {S::Ringing}}), D::RingInUse);
  EXPECT_EQ(compute(true, {{S::Ringing}, {S::Up, true}}), D::RingInUse);
  EXPECT_EQ(compute(true, {{S::Up, true}, {S::Up}}), D::InUse);
  EXPECT_EQ(compute(true, {{S::Down}, {S::Ringing}}), D::Ringing);
  // Channels count even when the endpoint is unreachable, as in chan_pjsip.
  EXPECT_EQ(compute(false, {{S::Up}}), D::InUse);
}

TEST(DeviceState, BusyAtCountsUpRingAndBusyChannels) {
  EXPECT_EQ(compute(true, {{S::Up}}, 1), D::Busy);
  EXPECT_EQ(compute(true, {{S::Up}}, 2), D::InUse);
  EXPECT_EQ(compute(true, {{S::Up}, {S::Ring}}, 2), D::Busy);
  EXPECT_EQ(compute(true, {{S::Ringing}}, 1), D::Ringing);
}

TEST(DeviceState, AggregateOrder) {
  DeviceStateAggregate aggregate;
  EXPECT_EQ(aggregate.result(), D::Invalid);
  aggregate.add(D::Unknown);
  EXPECT_EQ(aggregate.result(), D::Unknown);
  aggregate.add(D::Unavailable);
  EXPECT_EQ(aggregate.result(), D::Unavailable);
  aggregate.add(D::NotInUse);
  EXPECT_EQ(aggregate.result(), D::NotInUse);
  aggregate.add(D::OnHold);
  EXPECT_EQ(aggregate.result(), D::OnHold);
  aggregate.add(D::Busy);
  EXPECT_EQ(aggregate.result(), D::Busy);
}

std::shared_ptr<Channel> makeChannel(const std::string& tech, const std::string& endpoint, int n) {
  Channel::Identity identity;
  identity.tech = tech;
  identity.endpoint = endpoint;
  identity.name = tech + "/" + endpoint + "-" + std::to_string(n);
  identity.uniqueId = "1." + std::to_string(n);
  return std::make_shared<Channel>(identity, nullptr, false);
}

struct Tracker {
  Tracker()
      : states([this](const std::string& device, D state) {
          published.emplace_back(device, std::string(deviceStateName(state)));
        }) {
    registration =
        states.addProvider("PJSIP",
                           [this](const std::string& resource) -> std::optional<DeviceInfo> {
                             auto found = reachable.find(resource);
                             if (found == reachable.end()) {
                               return std::nullopt;
                             }
                             return DeviceInfo{found->second, 0};
                           },
                           {"SIP"});
  }
  std::map<std::string, bool> reachable{{"alice", true}, {"bob", true}};
  std::vector<std::pair<std::string, std::string>> published;
  DeviceStates states;
  Registration registration;
};

TEST(DeviceStates, PublishesOnlyChanges) {
  Tracker t;
  t.states.seed("PJSIP/bob");
  auto leg = makeChannel("SIP", "bob", 1);  // SIP/ is the same device
  t.states.track(leg);
  t.states.channelChanged(*leg);  // Down: NOT_INUSE, no change
  EXPECT_TRUE(t.published.empty());
  leg->setState(S::Ringing);
  t.states.channelChanged(*leg);
  t.states.channelChanged(*leg);
  leg->setState(S::Up);
  t.states.channelChanged(*leg);
  EXPECT_EQ(t.states.state("sip/bob"), D::InUse);
  t.states.untrack(*leg);
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"PJSIP/bob", "RINGING"}, {"PJSIP/bob", "INUSE"}, {"PJSIP/bob", "NOT_INUSE"}};
  EXPECT_EQ(t.published, expected);
}

TEST(DeviceStates, ReachabilityRefreshAndUnknownDevices) {
  Tracker t;
  t.states.seed("PJSIP/alice");
  t.reachable["alice"] = false;
  t.states.refresh("PJSIP/alice");
  t.states.refresh("PJSIP/alice");
  ASSERT_EQ(t.published.size(), 1u);
  EXPECT_EQ(t.published[0].second, "UNAVAILABLE");
  EXPECT_EQ(t.states.state("PJSIP/carol"), D::Invalid);
  EXPECT_EQ(t.states.state("IAX2/alice"), D::Invalid);
  EXPECT_EQ(t.states.state("Custom:lamp"), D::Unknown);
  t.states.setCustom("custom:lamp", D::Busy);
  EXPECT_EQ(t.states.state("Custom:lamp"), D::Busy);
  EXPECT_EQ(t.published.back(), std::make_pair(std::string("Custom:lamp"), std::string("BUSY")));
}

TEST(DeviceState, CountsGiveTheSameStateAsTheChannels) {
  const std::vector<std::vector<S>> cases = {{},
                                             {S::Down},
                                             {S::Ringing},
                                             {S::Up, S::Up, S::Ringing},
                                             {S::Dialing, S::Up},
                                             {S::Busy},
                                             {S::Ring, S::Up, S::Up}};
  for (const auto& states : cases) {
    std::vector<DeviceChannel> channels;
    ChannelStateCounts counts{};
    for (const auto state : states) {
      channels.push_back({state, false});
      ++counts[static_cast<std::size_t>(state)];
    }
    for (const unsigned busyAt : {0u, 1u, 2u, 3u}) {
      for (const auto reachable : {std::optional<bool>{}, std::optional<bool>{true}}) {
        EXPECT_EQ(endpointDeviceState(reachable, counts, busyAt),
                  compute(reachable, channels, busyAt))
            << states.size() << " channels, busy at " << busyAt;
      }
    }
  }
}

TEST(DeviceStates, ManyChannelsOfOneDeviceFollowTheirChanges) {
  // A trunk with many calls: each change moves one count; the state follows them all.
  Tracker t;
  t.states.seed("PJSIP/bob");
  std::vector<std::shared_ptr<Channel>> legs;
  for (int n = 0; n < 1000; ++n) {
    legs.push_back(makeChannel("PJSIP", "bob", n));
    t.states.track(legs.back());
    legs.back()->setState(n % 2 ? S::Up : S::Ringing);
    t.states.channelChanged(*legs.back());
  }
  EXPECT_EQ(t.states.state("PJSIP/bob"), D::RingInUse);
  for (int n = 0; n < 1000; n += 2) {
    legs[n]->setState(S::Up);
    t.states.channelChanged(*legs[n]);
  }
  EXPECT_EQ(t.states.state("PJSIP/bob"), D::InUse);
  for (auto& leg : legs) {
    t.states.untrack(*leg);
  }
  EXPECT_EQ(t.states.state("PJSIP/bob"), D::NotInUse);
  t.states.untrack(*legs[0]);  // twice: nothing to uncount
  EXPECT_EQ(t.states.state("PJSIP/bob"), D::NotInUse);
  const std::vector<std::pair<std::string, std::string>> expected = {{"PJSIP/bob", "RINGING"},
                                                                     {"PJSIP/bob", "RINGINUSE"},
                                                                     {"PJSIP/bob", "INUSE"},
                                                                     {"PJSIP/bob", "NOT_INUSE"}};
  EXPECT_EQ(t.published, expected);
}

}  // namespace
}  // namespace sb::modules::pbx
