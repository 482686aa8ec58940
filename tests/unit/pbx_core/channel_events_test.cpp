// NewCallerid, NewConnectedLine, HangupRequest and SoftHangupRequest as the PBX core
// publishes them (manager_channels.c's fields and the moments channel.c raises them).
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>

#include "modules/pbx/applications.hpp"
#include "modules/pbx/pbx_service.hpp"

namespace sb::modules::pbx {
namespace {

class FakeTech : public ChannelTech {
 public:
  void answer(Channel&) override {}
  void indicate(Channel&, Indication) override {}
  void call(Channel&) override {}
  void hangup(Channel&, int cause) override { hungUpWith = cause; }
  ChannelMedia media() const override { return {}; }
  std::optional<std::string> info(std::string_view) const override { return std::nullopt; }
  int hungUpWith = -1;
};

class ChannelEvents : public ::testing::Test {
 protected:
  ChannelEvents() : pbx_(std::make_shared<PbxService>(io_, bus_)) {
    registrations_ += addCoreFunctions(*pbx_);
    subscription_ = bus_.subscribe([this](const auto& event) {
      if (event->name != "VarSet" && event->name != "DeviceStateChange") {
        events_.push_back(*event);
      }
    });
    tech_ = std::make_shared<FakeTech>();
    channel_ = pbx_->newChannel("PJSIP", "alice", tech_, false);
    channel_->setCaller(PartyId{"Alice", "100", 0, 0});
    channel_->context = "internal";
    channel_->exten = "200";
    pbx_->announce(*channel_);
    events_.clear();
  }

  void set(const std::string& name, const std::string& value) {
    pbx_->setVariable(channel_.get(), name, value);
  }
  static std::string field(const events::Event& event, const std::string& key) {
    for (const auto& [name, value] : event.fields) {
      if (name == key) {
        return value;
      }
    }
    return "(absent)";
  }
  static std::vector<std::string> keys(const events::Event& event) {
    std::vector<std::string> out;
    for (const auto& [name, value] : event.fields) {
      out.push_back(name);
    }
    return out;
  }
  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const auto& event : events_) {
      out.push_back(event.name);
    }
    return out;
  }

  boost::asio::io_context io_;
  events::EventBus bus_;
  std::shared_ptr<PbxService> pbx_;
  Registrations registrations_;
  Registration subscription_;
  std::vector<events::Event> events_;
  std::shared_ptr<FakeTech> tech_;
  std::shared_ptr<Channel> channel_;
};

const std::vector<std::string> kChannelFields{
    "Channel",           "ChannelState", "ChannelStateDesc",
    "CallerIDNum",       "CallerIDName", "ConnectedLineNum",
    "ConnectedLineName", "Language",     "AccountCode",
    "Context",           "Exten",        "Priority",
    "Uniqueid",          "Linkedid"};

TEST_F(ChannelEvents, CallerIdWritesRaiseNewCalleridOnlyOnChange) {
  set("CALLERID(num)", "555");
  ASSERT_EQ(names(), std::vector<std::string>{"NewCallerid"});
  auto expected = kChannelFields;
  expected.push_back("CID-CallingPres");
  EXPECT_EQ(keys(events_[0]), expected);
  EXPECT_EQ(events_[0].classes, events::kCall);
  EXPECT_EQ(field(events_[0], "CallerIDNum"), "555");
  EXPECT_EQ(field(events_[0], "CallerIDName"), "Alice");
  EXPECT_EQ(field(events_[0], "CID-CallingPres"), "0 (Presentation Allowed, Not Screened)");

  // The same value, a presentation alone, or a bad item: no snapshot change, no event.
  set("CALLERID(num)", "555");
  set("CALLERID(pres)", "prohib");
  set("CALLERID(colour)", "red");
  EXPECT_EQ(names().size(), 1u);

  set("CALLERID(name)", "Eve");
  ASSERT_EQ(names().size(), 2u);
  EXPECT_EQ(field(events_[1], "CallerIDName"), "Eve");
  EXPECT_EQ(field(events_[1], "CID-CallingPres"), "35 (Presentation Prohibited, Network Number)");
  set("CALLERID(all)", "\"Zed\" <777>");
  ASSERT_EQ(names().size(), 3u);
  EXPECT_EQ(field(events_[2], "CallerIDNum"), "777");
  EXPECT_EQ(field(events_[2], "CallerIDName"), "Zed");
}

TEST_F(ChannelEvents, ConnectedLineWritesRaiseNewConnectedLine) {
  set("CONNECTEDLINE(num)", "300");
  ASSERT_EQ(names(), std::vector<std::string>{"NewConnectedLine"});
  EXPECT_EQ(keys(events_[0]), kChannelFields);
  EXPECT_EQ(field(events_[0], "ConnectedLineNum"), "300");
  EXPECT_EQ(field(events_[0], "ConnectedLineName"), "<unknown>");
  set("CONNECTEDLINE(num,i)", "300");
  EXPECT_EQ(names().size(), 1u);
  EXPECT_EQ(pbx_->substitute(channel_.get(), "${CONNECTEDLINE(all)}"), "\"\" <300>");
}

TEST_F(ChannelEvents, BothChangedAtOnceGiveBothEventsWithTheNewValues) {
  channel_->setIdentity(PartyId{"Bob", "200", 0, 0}, PartyId{"Alice", "100", 0, 0});
  ASSERT_EQ(names(), (std::vector<std::string>{"NewCallerid", "NewConnectedLine"}));
  for (const auto& event : events_) {
    EXPECT_EQ(field(event, "CallerIDNum"), "200");
    EXPECT_EQ(field(event, "ConnectedLineNum"), "100");
  }
}

TEST_F(ChannelEvents, NothingBeforeTheChannelIsAnnounced) {
  auto quiet = pbx_->newChannel("PJSIP", "bob", std::make_shared<FakeTech>(), true);
  pbx_->setVariable(quiet.get(), "CALLERID(num)", "1");
  quiet->remoteHangup(16);
  EXPECT_TRUE(events_.empty());
}

TEST_F(ChannelEvents, TheFarEndHangingUpIsAHangupRequest) {
  channel_->remoteHangup(17);
  ASSERT_EQ(names(), std::vector<std::string>{"HangupRequest"});
  auto expected = kChannelFields;
  expected.push_back("Cause");
  EXPECT_EQ(keys(events_[0]), expected);
  EXPECT_EQ(field(events_[0], "Cause"), "17");
  channel_->remoteHangup(16);  // once only
  EXPECT_EQ(names().size(), 1u);
}

TEST_F(ChannelEvents, ARequestFromElsewhereIsASoftHangupRequest) {
  channel_->softHangup(softhangup::kExplicit, 16);
  ASSERT_EQ(names(), std::vector<std::string>{"SoftHangupRequest"});
  EXPECT_EQ(field(events_[0], "Cause"), "32");
  EXPECT_EQ(tech_->hungUpWith, 16);
}

TEST_F(ChannelEvents, ALocalHangupRequestsNothing) {
  // Hangup() and AMI Hangup use ast_softhangup_nolock, which publishes nothing.
  channel_->hangup(16);
  EXPECT_TRUE(events_.empty());
  EXPECT_EQ(tech_->hungUpWith, 16);
}

TEST_F(ChannelEvents, TheDriverEndingTheCallItselfIsAHangupRequest) {
  channel_->driverHangup(102);
  ASSERT_EQ(names(), std::vector<std::string>{"HangupRequest"});
  EXPECT_EQ(field(events_[0], "Cause"), "102");
  EXPECT_EQ(tech_->hungUpWith, 102);
}

}  // namespace
}  // namespace sb::modules::pbx
