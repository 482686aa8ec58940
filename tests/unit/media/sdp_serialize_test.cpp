#include <gtest/gtest.h>

#include "media/sdp/session_description.hpp"
#include "sdp_samples.hpp"

namespace sb::media {
namespace {

using namespace sdptest;

TEST(SdpSerialize, RealWorldBodiesRoundTrip) {
  for (std::string_view text : kAllSamples) {
    std::string error;
    auto first = SessionDescription::parse(text, &error);
    ASSERT_TRUE(first) << error << "\n" << text;
    std::string wire = first->serialize();
    auto second = SessionDescription::parse(wire, &error);
    ASSERT_TRUE(second) << error << "\n" << wire;
    EXPECT_EQ(*first, *second) << wire;
    EXPECT_EQ(second->serialize(), wire);
  }
}

TEST(SdpSerialize, CrlfBodiesComeBackByteForByte) {
  for (std::string_view text : {kBaresipOffer, kAsteriskOffer, kPolycomOffer, kWebrtcOffer,
                                kVideoOffer, kTwoAudioStreams, kT38Offer}) {
    auto sdp = SessionDescription::parse(text);
    ASSERT_TRUE(sdp);
    EXPECT_EQ(sdp->serialize(), text);
  }
}

TEST(SdpSerialize, LineOrderFollowsRfc4566) {
  auto sdp = SessionDescription::parse(kStaticNoRtpmap);
  ASSERT_TRUE(sdp);
  EXPECT_EQ(sdp->serialize(),
            "v=0\r\n"
            "o=root 5555 5555 IN IP4 10.10.10.10\r\n"
            "s=call\r\n"
            "i=A call with static payload types only\r\n"
            "u=http://example.com/call\r\n"
            "e=ops@example.com\r\n"
            "p=+1 555 0100\r\n"
            "c=IN IP4 10.10.10.10/127\r\n"
            "b=CT:128\r\n"
            "t=3034423619 3042462419\r\n"
            "r=604800 3600 0 90000\r\n"
            "z=2882844526 -1h\r\n"
            "m=audio 49170/2 RTP/AVP 0 3 4 18\r\n"
            "i=main audio\r\n"
            "k=prompt\r\n"
            "y=unknown line type\r\n"
            "a=ptime:30\r\n");
}

TEST(SdpSerialize, LfAndBlanksAreNormalized) {
  auto sdp = SessionDescription::parse(
      "v=0\n"
      "o=-  1 2 IN IP6 ::1\n"
      "s=-\n"
      "c=IN IP6 ::1 \n"
      "t=0 0\n"
      "m=audio 4000 RTP/AVP 0\n"
      "a=rtpmap:0 PCMU/8000\n");
  ASSERT_TRUE(sdp);
  EXPECT_EQ(sdp->serialize(),
            "v=0\r\no=- 1 2 IN IP6 ::1\r\ns=-\r\nc=IN IP6 ::1\r\nt=0 0\r\n"
            "m=audio 4000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n");
}

TEST(SdpSerialize, BuiltFromScratch) {
  SessionDescription sdp;
  sdp.origin = Origin{"-", "7", "8", "IN", "IP4", "192.0.2.1"};
  sdp.sessionName = "Asterisk";
  sdp.connection = Connection{"IN", "IP4", "192.0.2.1"};
  MediaDescription m;
  m.type = "audio";
  m.port = 10000;
  m.proto = "RTP/AVP";
  m.formats = {"0"};
  m.attributes = {{"rtpmap", "0 PCMU/8000"}, {"sendrecv", std::nullopt}, {"empty", ""}};
  sdp.media.push_back(m);
  EXPECT_EQ(sdp.serialize(),
            "v=0\r\no=- 7 8 IN IP4 192.0.2.1\r\ns=Asterisk\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"
            "m=audio 10000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=sendrecv\r\na=empty:\r\n");
  auto back = SessionDescription::parse(sdp.serialize());
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, sdp);
}

}  // namespace
}  // namespace sb::media
