// Subroutines an application runs and waits for (Dial's b, B and U options): app_stack's
// gosub_run.
#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include "modules/pbx/applications.hpp"
#include "modules/pbx/dialplan_runner.hpp"
#include "modules/pbx/pbx_service.hpp"
#include "pbx/dialplan_test_support.hpp"

namespace sb::modules::pbx {
namespace {

class Subroutines : public ::testing::Test {
 protected:
  Subroutines() : pbx_(std::make_shared<PbxService>(io_, bus_)) {
    registrations_ += addBasicApplications(*pbx_);
    channel_ = pbx_->newChannel("PJSIP", "alice", nullptr, false);
    auto load = sb::pbx::testing::loadDialplan(R"(
[internal]
exten => 100,1,NoOp()
[handler]
exten => s,1,Set(SEEN=${ARG1}-${ARGC})
 same => n,Return(done)
exten => noreturn,1,Set(X=1)
exten => nested,1,Gosub(handler,s,1(inner))
 same => n,Return(outer-${SEEN})
exten => hangup,1,Hangup()
)");
    pbx_->setDialplan(load.dialplan);
    channel_->context = "internal";
    channel_->exten = "100";
    channel_->priority = 1;
  }

  bool run(const std::string& target) {
    bool ran = false;
    boost::asio::co_spawn(io_, runSubroutine(*pbx_, channel_, target),
                          [&](std::exception_ptr, bool result) { ran = result; });
    io_.run();
    io_.restart();
    return ran;
  }

  boost::asio::io_context io_;
  events::EventBus bus_;
  std::shared_ptr<PbxService> pbx_;
  Registrations registrations_;
  std::shared_ptr<Channel> channel_;

  void expectHome() {
    EXPECT_EQ(channel_->context, "internal");
    EXPECT_EQ(channel_->exten, "100");
    EXPECT_EQ(channel_->priority, 1);
    EXPECT_TRUE(channel_->gosubStack.empty());
  }
};

TEST_F(Subroutines, RunsToItsReturnAndComesBack) {
  EXPECT_TRUE(run("handler,s,1(a)"));
  EXPECT_EQ(channel_->variable("SEEN"), "a-1");
  EXPECT_EQ(channel_->variable("GOSUB_RETVAL"), "done");
  EXPECT_FALSE(channel_->variable("ARG1"));
  EXPECT_FALSE(channel_->variable("ARGC"));
  expectHome();
}

TEST_F(Subroutines, NestedGosubReturnsInsideTheRoutine) {
  EXPECT_TRUE(run("handler,nested,1"));
  EXPECT_EQ(channel_->variable("GOSUB_RETVAL"), "outer-inner-1");
  expectHome();
}

TEST_F(Subroutines, AnAbnormalEndIsCleanedUp) {
  EXPECT_TRUE(run("handler,noreturn,1"));
  EXPECT_EQ(channel_->variable("GOSUB_RETVAL"), "");
  expectHome();
}

TEST_F(Subroutines, ShortTargetsUseTheChannelsLocation) {
  // internal,100,1 exists; it never Returns, so the run ends abnormally but did run.
  EXPECT_TRUE(run("1"));
  EXPECT_EQ(channel_->variable("GOSUB_RETVAL"), "");
  expectHome();
}

TEST_F(Subroutines, AMissingDestinationDoesNotStart) {
  EXPECT_FALSE(run("handler,nosuch,1"));
  EXPECT_FALSE(run("nosuch"));
  EXPECT_FALSE(run(""));
  expectHome();
  // A missing ")" is only warned about, as in Asterisk.
  EXPECT_TRUE(run("handler,s,1(unclosed"));
  EXPECT_EQ(channel_->variable("SEEN"), "unclosed-1");
  expectHome();
}

TEST_F(Subroutines, AHangupEndsTheRoutine) {
  EXPECT_TRUE(run("handler,hangup,1"));
  EXPECT_TRUE(channel_->hungUp());
  expectHome();
}

}  // namespace
}  // namespace sb::modules::pbx
