// PJSIPHangup's response code checks and its hang-up (chan_pjsip's dialplan_functions.c).
#include "modules/pbx/pjsip_hangup.hpp"

#include <gtest/gtest.h>

#include "modules/pbx/hangup_causes.hpp"

namespace sb::modules::pbx {
namespace {

TEST(PjsipHangup, ResponseCodesByPjsipName) {
  EXPECT_EQ(sipResponseCodeByName("BUSY_HERE"), 486);
  EXPECT_EQ(sipResponseCodeByName("pjsip_sc_busy_here"), 486);
  EXPECT_EQ(sipResponseCodeByName("UNSUPPORTED_CERTIFICATE"), 437);
  EXPECT_EQ(sipResponseCodeByName("OK"), 200);
  EXPECT_EQ(sipResponseCodeByName("PJSIP_SC_"), -1);
  EXPECT_EQ(sipResponseCodeByName("AMBIGUOUS"), -1);  // 485 has no PJSIP_SC_ name
  EXPECT_EQ(sipResponseCodeByName(""), -1);
}

TEST(PjsipHangup, ResponseCodesOutsideFourToSixHundredsDecline) {
  EXPECT_EQ(pjsipHangupResponse("PJSIP/a", "486"), 486);
  EXPECT_EQ(pjsipHangupResponse("PJSIP/a", " 699"), 699);
  EXPECT_EQ(pjsipHangupResponse("PJSIP/a", "decline"), 603);
  EXPECT_EQ(pjsipHangupResponse("PJSIP/a", "TEMPORARILY_UNAVAILABLE"), 480);
  EXPECT_EQ(pjsipHangupResponse("PJSIP/a", "399"), 603);
  EXPECT_EQ(pjsipHangupResponse("PJSIP/a", "700"), 603);
  EXPECT_EQ(pjsipHangupResponse("PJSIP/a", "OK"), 603);
  EXPECT_EQ(pjsipHangupResponse("PJSIP/a", "486x"), 603);
  EXPECT_EQ(pjsipHangupResponse("PJSIP/a", ""), 603);
}

TEST(PjsipHangup, AnyFinalResponseCarriesItsReasonPhrase) {
  EXPECT_EQ(reasonPhrase(437), "Unsupported Certificate");
  EXPECT_EQ(reasonPhrase(480), "Temporarily Unavailable");
  EXPECT_EQ(reasonPhrase(608), "Rejected");
  EXPECT_EQ(reasonPhrase(699), "Unknown");
}

class IncomingTech : public ChannelTech {
 public:
  void answer(Channel&) override {}
  void indicate(Channel&, Indication) override {}
  void call(Channel&) override {}
  void hangup(Channel&, int) override {}
  ChannelMedia media() const override { return {}; }
  std::optional<std::string> info(std::string_view) const override { return std::nullopt; }
  bool hangupWithResponse(Channel&, int status, std::string& state) override {
    if (answered) {
      state = "CONFIRMED";
      return false;
    }
    sent = status;
    return true;
  }
  bool answered = false;
  int sent = 0;
};

std::shared_ptr<Channel> channelOf(const std::string& tech, std::shared_ptr<ChannelTech> driver) {
  Channel::Identity identity;
  identity.tech = tech;
  identity.name = tech + "/alice-00000001";
  return std::make_shared<Channel>(identity, std::move(driver), false);
}

TEST(PjsipHangup, OnlyAnUnansweredIncomingPjsipCall) {
  auto tech = std::make_shared<IncomingTech>();
  auto legacy = channelOf("SIP", tech);
  EXPECT_FALSE(pjsipHangup(*legacy, 486));
  EXPECT_EQ(tech->sent, 0);

  tech->answered = true;
  auto channel = channelOf("PJSIP", tech);
  EXPECT_FALSE(pjsipHangup(*channel, 486));
  EXPECT_EQ(tech->sent, 0);
  tech->answered = false;
  EXPECT_TRUE(pjsipHangup(*channel, 486));
  EXPECT_EQ(tech->sent, 486);

  // A channel without a driver any more (hung up) is refused.
  channel->hangup(16);
  EXPECT_FALSE(pjsipHangup(*channel, 404));
}

}  // namespace
}  // namespace sb::modules::pbx
