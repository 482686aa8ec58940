// PJSIP_HEADER, PJSIP_HEADERS, SIP_HEADER(S), SIPAddHeader and SIPRemoveHeader through the
// PBX service, as the dialplan calls them.
#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include "modules/pbx/applications.hpp"
#include "modules/pbx/pbx_service.hpp"

namespace sb::modules::pbx {
namespace {

class SipHeaderFunctions : public ::testing::Test {
 protected:
  SipHeaderFunctions() : pbx_(std::make_shared<PbxService>(io_, bus_)) {
    registrations_ += addSipHeaderFunctions(*pbx_);
    inbound_ = pbx_->newChannel("PJSIP", "alice", nullptr, false);
    inbound_->sipHeaders.assign({{"Via", "SIP/2.0/UDP a"}, {"X-A", "1"}, {"X-B", "2"}});
    outbound_ = pbx_->newChannel("PJSIP", "bob", nullptr, true);
  }

  std::string eval(const std::shared_ptr<Channel>& channel, const std::string& text) {
    return pbx_->substitute(channel.get(), text);
  }
  void set(const std::shared_ptr<Channel>& channel, const std::string& name,
           const std::string& value) {
    pbx_->setVariable(channel.get(), name, value);
  }
  void runApp(const std::shared_ptr<Channel>& channel, const std::string& app,
              const std::string& data) {
    const auto* info = pbx_->application(app);
    ASSERT_NE(info, nullptr) << app;
    boost::asio::co_spawn(io_, info->run(*pbx_, channel, data),
                          [](std::exception_ptr, AppResult) {});
    io_.run();
    io_.restart();
  }

  boost::asio::io_context io_;
  events::EventBus bus_;
  std::shared_ptr<PbxService> pbx_;
  Registrations registrations_;
  std::shared_ptr<Channel> inbound_;
  std::shared_ptr<Channel> outbound_;
};

TEST_F(SipHeaderFunctions, ReadsTheInboundInvite) {
  EXPECT_EQ(eval(inbound_, "${PJSIP_HEADER(read,x-b)}"), "2");
  EXPECT_EQ(eval(inbound_, "${PJSIP_HEADER(READ,X-*,2)}"), "2");
  EXPECT_EQ(eval(inbound_, "${PJSIP_HEADER(read,X-*,0)}"), "1");
  EXPECT_EQ(eval(inbound_, "${PJSIP_HEADER(read,X-C)}"), "");
  EXPECT_EQ(eval(inbound_, "${PJSIP_HEADERS(X-)}"), "X-A,X-B");
  EXPECT_EQ(eval(inbound_, "${PJSIP_HEADERS()}"), "Via,X-A,X-B");
  EXPECT_EQ(eval(inbound_, "${SIP_HEADER(v)}"), "SIP/2.0/UDP a");
  EXPECT_EQ(eval(inbound_, "${SIP_HEADERS(X)}"), "X-A,X-B");
}

TEST_F(SipHeaderFunctions, AddUpdateRemoveOnTheOutboundChannel) {
  set(outbound_, "PJSIP_HEADER(add,X-New)", "one");
  set(outbound_, "PJSIP_HEADER(add,X-New)", "two");
  set(outbound_, "PJSIP_HEADER(update,X-New,2)", "deux");
  EXPECT_EQ(eval(outbound_, "${PJSIP_HEADER(read,X-New,2)}"), "deux");
  set(outbound_, "PJSIP_HEADER(add,X-Other)", "");
  EXPECT_EQ(eval(outbound_, "${PJSIP_HEADER(remove,X-New)}"), "2");
  set(outbound_, "PJSIP_HEADER(remove,*)", "");
  EXPECT_TRUE(outbound_->sipHeaders.exists());
  EXPECT_TRUE(outbound_->sipHeaders.headers().empty());
}

TEST_F(SipHeaderFunctions, ErrorsLeaveEverythingAsItWas) {
  set(outbound_, "PJSIP_HEADER(update,X-New)", "x");
  set(outbound_, "PJSIP_HEADER(remove,X-New)", "");
  EXPECT_EQ(eval(outbound_, "${PJSIP_HEADER(remove,X-New)}"), "");
  EXPECT_FALSE(outbound_->sipHeaders.exists());
  // Only PJSIP channels have PJSIP headers.
  auto legacy = pbx_->newChannel("SIP", "carol", nullptr, true);
  set(legacy, "PJSIP_HEADER(add,X-New)", "x");
  EXPECT_FALSE(legacy->sipHeaders.exists());
  EXPECT_EQ(eval(legacy, "${PJSIP_HEADERS()}"), "");
  // No channel at all.
  EXPECT_EQ(pbx_->substitute(nullptr, "${PJSIP_HEADER(read,X-A)}${SIP_HEADER(X-A)}"), "");
  pbx_->setVariable(nullptr, "PJSIP_HEADER(add,X-A)", "1");
}

TEST_F(SipHeaderFunctions, AnyArgumentsAreSafe) {
  const std::vector<std::string> hostile = {"",
                                            ",",
                                            ",,",
                                            "read",
                                            "read,",
                                            "read,,",
                                            ",X",
                                            "add,X,",
                                            "update,X,-5",
                                            "update,X,99999999999999999999999",
                                            "remove,",
                                            "remove,*",
                                            "read,*,2147483647",
                                            "(",
                                            ")",
                                            "\"",
                                            "\\",
                                            "read,\"X-A",
                                            "read,X-A,abc",
                                            std::string(5000, 'A'),
                                            "add,X\r\nY,1",
                                            std::string("read\0x", 6)};
  for (const auto& args : hostile) {
    for (const auto& channel : {inbound_, outbound_}) {
      (void)eval(channel, "${PJSIP_HEADER(" + args + ")}");
      (void)eval(channel, "${PJSIP_HEADERS(" + args + ")}");
      (void)eval(channel, "${SIP_HEADER(" + args + ")}");
      (void)eval(channel, "${SIP_HEADERS(" + args + ")}");
      set(channel, "PJSIP_HEADER(" + args + ")", "v");
    }
  }
  SUCCEED();
}

TEST_F(SipHeaderFunctions, SipAddHeaderStoresInheritableVariables) {
  runApp(inbound_, "SIPAddHeader", "X-One: 1");
  runApp(inbound_, "SIPAddHeader", "X-Two: a\\tb");
  EXPECT_EQ(inbound_->variable("__SIPADDHEADER01"), "X-One: 1");
  EXPECT_EQ(inbound_->variable("SIPADDHEADER02"), "X-Two: a\tb");
  runApp(inbound_, "SIPAddHeader", "");
  EXPECT_FALSE(inbound_->variable("SIPADDHEADER03"));
  runApp(inbound_, "SIPRemoveHeader", "X-One:");
  EXPECT_FALSE(inbound_->variable("SIPADDHEADER01"));
  EXPECT_TRUE(inbound_->variable("SIPADDHEADER02"));
  runApp(inbound_, "SIPRemoveHeader", "");
  EXPECT_FALSE(inbound_->variable("SIPADDHEADER02"));
  for (int i = 0; i < 60; ++i) {
    runApp(inbound_, "SIPAddHeader", "X-Many: " + std::to_string(i));
  }
  EXPECT_TRUE(inbound_->variable("SIPADDHEADER51"));
  EXPECT_FALSE(inbound_->variable("SIPADDHEADER52"));
}

TEST_F(SipHeaderFunctions, ListedWithAsterisksSynopses) {
  ASSERT_NE(pbx_->application("SIPAddHeader"), nullptr);
  EXPECT_EQ(pbx_->application("sipaddheader")->synopsis, "Add a SIP header to the outbound call.");
  EXPECT_EQ(pbx_->application("SIPRemoveHeader")->synopsis,
            "Remove SIP headers previously added with SIPAddHeader");
  ASSERT_NE(pbx_->function("PJSIP_HEADERS"), nullptr);
  EXPECT_NE(pbx_->function("PJSIP_HEADER")->write, nullptr);
}

}  // namespace
}  // namespace sb::modules::pbx
