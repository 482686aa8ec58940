// How a channel reports the digits it hears and passes them to its bridged peer's driver.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "modules/pbx/channel.hpp"

namespace sb::modules::pbx {
namespace {

// A driver that records what it is asked to send.
class FakeTech : public ChannelTech {
 public:
  void answer(Channel&) override {}
  void indicate(Channel&, Indication) override {}
  void call(Channel&) override {}
  void hangup(Channel&, int) override {}
  ChannelMedia media() const override { return {}; }
  std::optional<std::string> info(std::string_view) const override { return std::nullopt; }
  bool sendDigitBegin(Channel&, char digit, DigitSource source) override {
    calls.push_back(std::string("begin ") + digit + sourceName(source));
    return accepts;
  }
  bool sendDigit(Channel&, char digit, unsigned durationMs, DigitSource source) override {
    calls.push_back(std::string("send ") + digit + " " + std::to_string(durationMs) +
                    sourceName(source));
    return accepts;
  }
  static std::string sourceName(DigitSource source) {
    switch (source) {
      case DigitSource::Info:
        return " info";
      case DigitSource::Rfc4733:
        return " rfc4733";
      case DigitSource::Inband:
        return " inband";
      case DigitSource::Local:
        return " local";
    }
    return "";
  }
  bool accepts = true;
  std::vector<std::string> calls;
};

struct Leg {
  explicit Leg(const std::string& name) : tech(std::make_shared<FakeTech>()) {
    Channel::Identity identity;
    identity.name = name;
    channel = std::make_shared<Channel>(identity, tech, false);
    channel->setDtmfSink([this](Channel&, char digit, DigitPhase phase, unsigned ms, bool in) {
      const char* what = phase == DigitPhase::Begin ? "Begin"
                         : phase == DigitPhase::End ? "End"
                                                    : "Whole";
      events.push_back(std::string(what) + " " + digit + " " + std::to_string(ms) +
                       (in ? " Received" : " Sent"));
    });
  }
  std::shared_ptr<FakeTech> tech;
  std::shared_ptr<Channel> channel;
  std::vector<std::string> events;
};

using Strings = std::vector<std::string>;

TEST(ChannelDtmf, BeginAndEndAreReportedAndPassedToThePeer) {
  Leg alice("PJSIP/alice-1");
  Leg bob("PJSIP/bob-2");
  alice.channel->bridgedWith = bob.channel;
  alice.channel->receiveDigitBegin('5', DigitSource::Rfc4733);
  EXPECT_EQ(alice.events, Strings{"Begin 5 0 Received"});
  EXPECT_EQ(bob.tech->calls, Strings{"begin 5 rfc4733"});
  EXPECT_EQ(bob.events, Strings{"Begin 5 0 Sent"});
  alice.channel->receiveDigitEnd('5', 120, DigitSource::Rfc4733);
  EXPECT_EQ(alice.events, (Strings{"Begin 5 0 Received", "End 5 120 Received"}));
  EXPECT_EQ(bob.tech->calls, (Strings{"begin 5 rfc4733", "send 5 120 rfc4733"}));
  EXPECT_EQ(bob.events, (Strings{"Begin 5 0 Sent", "End 5 120 Sent"}));
}

TEST(ChannelDtmf, AnEndWithoutBeginIsAWholeDigit) {
  Leg alice("PJSIP/alice-1");
  Leg bob("PJSIP/bob-2");
  alice.channel->receiveDigitBegin('1', DigitSource::Inband);  // not bridged yet
  alice.channel->bridgedWith = bob.channel;
  alice.channel->receiveDigitEnd('1', 90, DigitSource::Inband);
  EXPECT_EQ(alice.events, (Strings{"Begin 1 0 Received", "End 1 90 Received"}));
  EXPECT_EQ(bob.tech->calls, Strings{"send 1 90 inband"});
  EXPECT_EQ(bob.events, Strings{"Whole 1 90 Sent"});
  // A digit whose begin was never heard is whole on both sides.
  alice.channel->receiveDigitEnd('2', 60, DigitSource::Rfc4733);
  EXPECT_EQ(alice.events.back(), "Whole 2 60 Received");
  EXPECT_EQ(bob.events.back(), "Whole 2 60 Sent");
}

TEST(ChannelDtmf, InfoDigitsAreWhole) {
  Leg alice("PJSIP/alice-1");
  Leg bob("PJSIP/bob-2");
  alice.channel->bridgedWith = bob.channel;
  alice.channel->receiveDigit('#', 250);
  EXPECT_EQ(alice.events, Strings{"Whole # 250 Received"});
  EXPECT_EQ(bob.tech->calls, Strings{"send # 250 info"});
  EXPECT_EQ(bob.events, Strings{"Whole # 250 Sent"});
}

TEST(ChannelDtmf, ADriverThatCannotSendReportsNothing) {
  Leg alice("PJSIP/alice-1");
  Leg bob("PJSIP/bob-2");
  bob.tech->accepts = false;
  alice.channel->bridgedWith = bob.channel;
  alice.channel->receiveDigitBegin('7', DigitSource::Rfc4733);
  alice.channel->receiveDigitEnd('7', 100, DigitSource::Rfc4733);
  EXPECT_EQ(bob.events, Strings{});
  EXPECT_FALSE(bob.channel->sendDigit('7', 100));
  EXPECT_EQ(bob.tech->calls.back(), "send 7 100 local");
}

TEST(ChannelDtmf, ABegunDigitGetsItsEndEvenIfItCannotGoOut) {
  Leg alice("PJSIP/alice-1");
  Leg bob("PJSIP/bob-2");
  alice.channel->bridgedWith = bob.channel;
  alice.channel->receiveDigitBegin('3', DigitSource::Rfc4733);
  bob.tech->accepts = false;  // e.g. the call was re-negotiated meanwhile
  alice.channel->receiveDigitEnd('3', 80, DigitSource::Rfc4733);
  EXPECT_EQ(bob.events, (Strings{"Begin 3 0 Sent", "End 3 80 Sent"}));
}

TEST(ChannelDtmf, HungUpChannelsNeitherReportNorPassOn) {
  Leg alice("PJSIP/alice-1");
  Leg bob("PJSIP/bob-2");
  alice.channel->bridgedWith = bob.channel;
  bob.channel->hangup(16);
  alice.channel->receiveDigit('9', 100);
  EXPECT_EQ(alice.events, Strings{"Whole 9 100 Received"});
  EXPECT_EQ(bob.events, Strings{});
  alice.channel->hangup(16);
  alice.channel->receiveDigitBegin('9', DigitSource::Rfc4733);
  EXPECT_EQ(alice.events.size(), 1u);
}

TEST(ChannelDtmf, AnInterceptorKeepsDigitsFromThePeerButTheyAreStillReported) {
  Leg alice("PJSIP/alice-1");
  Leg bob("PJSIP/bob-2");
  alice.channel->bridgedWith = bob.channel;
  Strings seen;
  alice.channel->setDigitInterceptor(
      [&seen](char digit, DigitPhase phase, unsigned ms, DigitSource) {
        seen.push_back(std::string(phase == DigitPhase::Begin ? "Begin " : "End ") + digit + " " +
                       std::to_string(ms));
        return digit == '#';  // keeps '#', lets the others through
      });
  EXPECT_TRUE(alice.channel->interceptsDigits());
  alice.channel->receiveDigitBegin('#', DigitSource::Rfc4733);
  alice.channel->receiveDigitEnd('#', 100, DigitSource::Rfc4733);
  alice.channel->receiveDigit('7', 80, DigitSource::Info);
  EXPECT_EQ(seen, (Strings{"Begin # 0", "End # 100", "End 7 80"}));
  EXPECT_EQ(alice.events,
            (Strings{"Begin # 0 Received", "End # 100 Received", "Whole 7 80 Received"}));
  EXPECT_EQ(bob.tech->calls, Strings{"send 7 80 info"});
  alice.channel->setDigitInterceptor({});
  EXPECT_FALSE(alice.channel->interceptsDigits());
}

}  // namespace
}  // namespace sb::modules::pbx
