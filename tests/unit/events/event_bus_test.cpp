#include "core/events/event_bus.hpp"

#include <gtest/gtest.h>

namespace sb::events {
namespace {

TEST(EventClasses, ParseAndNameInAsterisksOrder) {
  EXPECT_EQ(parseClasses("call,System"), kSystem | kCall);
  EXPECT_EQ(classNames(kSystem | kCall), "system,call");
  EXPECT_EQ(parseClasses("all"), kAllClasses);
  EXPECT_EQ(parseClasses("none"), 0u);
  EXPECT_EQ(parseClasses("security, bogus"), kSecurity);
  EXPECT_EQ(classNames(0), "");
}

TEST(EventBus, DeliversInOrderUntilUnsubscribed) {
  EventBus bus;
  std::vector<std::string> seen;
  EXPECT_FALSE(bus.wants(kSystem));
  {
    auto first = bus.subscribe([&](const auto& event) { seen.push_back("a:" + event->name); });
    auto second = bus.subscribe([&](const auto& event) { seen.push_back("b:" + event->name); });
    bus.publish({"One", kSystem, {{"Key", "Value"}}});
  }
  bus.publish({"Two", kSystem, {}});
  EXPECT_EQ(seen, (std::vector<std::string>{"a:One", "b:One"}));
  EXPECT_FALSE(bus.wants(kSystem));
}

TEST(EventBus, ASubscriberMayUnsubscribeItselfWhileCalled) {
  EventBus bus;
  int calls = 0;
  Registration self;
  self = bus.subscribe([&](const auto&) {
    ++calls;
    self.reset();
  });
  bus.publish({"One", kSystem, {}});
  bus.publish({"Two", kSystem, {}});
  EXPECT_EQ(calls, 1);
}

TEST(EventBus, PublishesOnlyTheClassesSomeSubscriberTakes) {
  EventBus bus;
  std::vector<std::string> seen;
  std::uint64_t id = 0;
  auto subscription =
      bus.subscribe([&](const auto& event) { seen.push_back(event->name); }, 0, &id);
  EXPECT_FALSE(bus.wants(kSecurity));
  bus.publish({"Nobody", kSecurity, {}});
  bus.setInterest(id, kSystem | kSecurity);
  EXPECT_TRUE(bus.wants(kSecurity));
  EXPECT_TRUE(bus.wants(kSystem | kSecurity));
  EXPECT_FALSE(bus.wants(kCall));
  EXPECT_FALSE(bus.wants(kCall | kSystem));  // needs both classes
  bus.publish({"Call", kCall, {}});
  bus.publish({"Taken", kSecurity, {}});
  EXPECT_EQ(seen, (std::vector<std::string>{"Taken"}));
  subscription.reset();
  EXPECT_FALSE(bus.wants(kSecurity));
}

}  // namespace
}  // namespace sb::events
