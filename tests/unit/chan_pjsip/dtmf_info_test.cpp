// INFO bodies as res_pjsip_dtmf_info reads them, and the body chan_pjsip writes.
#include "modules/chan_pjsip/dtmf_info.hpp"

#include <gtest/gtest.h>

namespace sb::modules::chan_pjsip {
namespace {

char digitOf(std::string_view subtype, std::string_view body) {
  const auto parsed = parseDtmfInfo(subtype, body);
  return parsed ? parsed->digit : '?';
}

TEST(DtmfInfo, RelayBodiesGiveTheSignalAndDuration) {
  const auto parsed = parseDtmfInfo("dtmf-relay", "Signal=5\r\nDuration=250\r\n");
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->digit, '5');
  EXPECT_EQ(parsed->durationMs, 250u);
  EXPECT_EQ(parseDtmfInfo("DTMF-Relay", "signal= *\n")->durationMs, 100u);  // default
  EXPECT_EQ(digitOf("dtmf-relay", "Signal=*"), '*');
  EXPECT_EQ(digitOf("dtmf-relay", "Signal=11"), '#');
  EXPECT_EQ(digitOf("dtmf-relay", "Signal=14"), 'C');
  EXPECT_EQ(digitOf("dtmf-relay", "Signal=d"), 'D');
  EXPECT_EQ(digitOf("dtmf-relay", "Signal=16"), '!');
  EXPECT_EQ(digitOf("dtmf-relay", "Signal=17"), '\0');
  EXPECT_EQ(digitOf("dtmf-relay", "Signal=Z"), '\0');
  EXPECT_EQ(digitOf("dtmf-relay", "Duration=100"), '\0');
}

TEST(DtmfInfo, PlainDtmfBodiesAndOtherTypes) {
  EXPECT_EQ(digitOf("dtmf", "7"), '7');
  EXPECT_EQ(digitOf("dtmf", "10"), '*');
  EXPECT_EQ(digitOf("dtmf", ""), '\0');
  EXPECT_FALSE(parseDtmfInfo("sdp", "Signal=5"));
  EXPECT_FALSE(parseDtmfInfo("media_control+xml", "<x/>"));
  EXPECT_EQ(dtmfRelayBody('#', 160), "Signal=#\r\nDuration=160\r\n");
}

}  // namespace
}  // namespace sb::modules::chan_pjsip
