// The DTMF-mode re-offer: telephone-event added to or removed from a body we sent.
#include <gtest/gtest.h>

#include "media/sdp/telephone_event.hpp"

namespace sb::media {
namespace {

constexpr const char* kWithEvents =
    "v=0\r\no=- 5 6 IN IP4 192.0.2.1\r\ns=Asterisk\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"
    "m=audio 10000 RTP/AVP 8 96\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:96 telephone-event/8000\r\n"
    "a=fmtp:96 0-16\r\na=ptime:20\r\na=sendrecv\r\n"
    "m=video 0 RTP/AVP 31\r\n";

constexpr const char* kWithoutEvents =
    "v=0\r\no=- 5 6 IN IP4 192.0.2.1\r\ns=Asterisk\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"
    "m=audio 10000 RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 speex/8000\r\n"
    "a=ptime:20\r\na=sendrecv\r\n";

TEST(SdpTelephoneEvent, RemovesEveryTelephoneEventFormatAndItsLines) {
  auto sdp = SessionDescription::parse(kWithEvents);
  ASSERT_TRUE(sdp);
  EXPECT_TRUE(setTelephoneEvent(*sdp, false));
  const auto text = sdp->serialize();
  EXPECT_NE(text.find("m=audio 10000 RTP/AVP 8\r\n"), std::string::npos) << text;
  EXPECT_EQ(text.find("telephone-event"), std::string::npos) << text;
  EXPECT_EQ(text.find("fmtp:96"), std::string::npos) << text;
  EXPECT_NE(text.find("a=ptime:20\r\na=sendrecv"), std::string::npos) << text;
  EXPECT_FALSE(setTelephoneEvent(*sdp, false));  // nothing left to remove
}

TEST(SdpTelephoneEvent, AddsItAfterTheCodecsOnAFreePayloadType) {
  auto sdp = SessionDescription::parse(kWithoutEvents);
  ASSERT_TRUE(sdp);
  EXPECT_TRUE(setTelephoneEvent(*sdp, true));
  const auto text = sdp->serialize();
  // 101 is taken by another codec: the next free dynamic type is used.
  EXPECT_NE(text.find("m=audio 10000 RTP/AVP 0 101 102\r\n"), std::string::npos) << text;
  EXPECT_NE(text.find("a=rtpmap:101 speex/8000\r\na=rtpmap:102 telephone-event/8000\r\n"
                      "a=fmtp:102 0-16\r\na=ptime:20"),
            std::string::npos)
      << text;
  EXPECT_FALSE(setTelephoneEvent(*sdp, true));  // already there
}

TEST(SdpTelephoneEvent, LeavesDeclinedAndOtherStreamsAlone) {
  auto sdp = SessionDescription::parse(kWithEvents);
  ASSERT_TRUE(sdp);
  sdp->media[0].port = 0;
  EXPECT_FALSE(setTelephoneEvent(*sdp, false));
  EXPECT_FALSE(setTelephoneEvent(*sdp, true));
}

}  // namespace
}  // namespace sb::media
