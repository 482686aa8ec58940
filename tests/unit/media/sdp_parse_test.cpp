#include <gtest/gtest.h>

#include "media/sdp/session_description.hpp"
#include "sdp_samples.hpp"

namespace sb::media {
namespace {

using namespace sdptest;

SessionDescription parseOk(std::string_view text) {
  std::string error;
  auto sdp = SessionDescription::parse(text, &error);
  EXPECT_TRUE(sdp) << error << "\n" << text;
  return sdp ? *sdp : SessionDescription{};
}

std::string parseError(std::string_view text) {
  std::string error;
  auto sdp = SessionDescription::parse(text, &error);
  EXPECT_FALSE(sdp) << text;
  EXPECT_FALSE(error.empty());
  return error;
}

TEST(SdpParse, Baresip) {
  SessionDescription sdp = parseOk(kBaresipOffer);
  EXPECT_EQ(sdp.version, 0u);
  EXPECT_EQ(sdp.origin.username, "-");
  EXPECT_EQ(sdp.origin.sessionId, "1366573431");
  EXPECT_EQ(sdp.origin.sessionVersion, "2017937562");
  EXPECT_EQ(sdp.origin.address, "192.168.1.2");
  EXPECT_EQ(sdp.sessionName, "-");
  ASSERT_TRUE(sdp.connection);
  EXPECT_EQ(sdp.connection->address, "192.168.1.2");
  EXPECT_EQ(sdp.timing, "0 0");
  ASSERT_EQ(sdp.media.size(), 1u);
  const MediaDescription& m = sdp.media[0];
  EXPECT_EQ(m.type, "audio");
  EXPECT_EQ(m.port, 15534);
  EXPECT_EQ(m.portCount, 1u);
  EXPECT_EQ(m.proto, "RTP/AVP");
  EXPECT_EQ(m.formats, (std::vector<std::string>{"96", "9", "0", "8", "101"}));
  EXPECT_EQ(m.bandwidths, std::vector<std::string>{"AS:102"});
  auto opus = m.rtpmap(96);
  ASSERT_TRUE(opus);
  EXPECT_EQ(opus->encoding, "opus");
  EXPECT_EQ(opus->clockRate, 48000u);
  EXPECT_EQ(opus->channels, 2u);
  EXPECT_EQ(m.fmtp(96), "stereo=1;sprop-stereo=1");
  EXPECT_EQ(m.fmtp(101), "0-15");
  EXPECT_FALSE(m.fmtp(0));
  EXPECT_FALSE(m.rtpmap(18));
  EXPECT_EQ(m.ptime(), 20u);
  EXPECT_EQ(m.direction(), MediaDirection::SendRecv);
  EXPECT_TRUE(m.hasAttribute("rtcp-rsize"));
  EXPECT_FALSE(m.attribute("rtcp-rsize")->value);
  EXPECT_EQ(m.attribute("label")->value, "1");
}

TEST(SdpParse, LinphoneSessionAttributesAndVideo) {
  SessionDescription sdp = parseOk(kLinphoneOffer);
  EXPECT_EQ(sdp.origin.username, "alice");
  EXPECT_EQ(sdp.sessionName, "Talk");
  ASSERT_EQ(sdp.attributes.size(), 2u);
  EXPECT_EQ(sdp.attributes[0].name, "rtcp-xr");
  EXPECT_EQ(sdp.attribute("record")->value, "off");
  ASSERT_EQ(sdp.media.size(), 2u);
  EXPECT_EQ(sdp.media[1].type, "video");
  EXPECT_EQ(sdp.media[1].fmtp(97), "profile-level-id=42801F");
  EXPECT_EQ(sdp.media[0].fmtp(18), "annexb=yes");
  EXPECT_EQ(sdp.media[0].rtpmap(99)->clockRate, 16000u);
  EXPECT_EQ(sdp.effectiveConnection(sdp.media[1])->address, "192.168.0.12");
}

TEST(SdpParse, SessionDirectionAppliesToStreams) {
  SessionDescription sdp = parseOk(kPolycomOffer);
  EXPECT_FALSE(sdp.media[0].direction());
  EXPECT_EQ(sdp.direction(sdp.media[0]), MediaDirection::SendRecv);
  std::string held(kPolycomOffer);
  held.replace(held.find("a=sendrecv"), 10, "a=sendonly");
  sdp = parseOk(held);
  EXPECT_EQ(sdp.direction(sdp.media[0]), MediaDirection::SendOnly);
}

TEST(SdpParse, WebrtcMediaLevelConnectionAndRtcp) {
  SessionDescription sdp = parseOk(kWebrtcOffer);
  EXPECT_FALSE(sdp.connection);
  ASSERT_EQ(sdp.media.size(), 2u);
  EXPECT_EQ(sdp.media[0].proto, "UDP/TLS/RTP/SAVPF");
  EXPECT_EQ(sdp.media[0].port, 9);
  EXPECT_EQ(sdp.media[0].rtcpPort(), 9);
  EXPECT_EQ(sdp.effectiveConnection(sdp.media[0])->address, "0.0.0.0");
  EXPECT_EQ(sdp.attribute("msid-semantic")->value, " WMS stream1");
  EXPECT_EQ(sdp.media[0].fmtp(111), "minptime=10;useinbandfec=1");
}

TEST(SdpParse, Ipv6) {
  SessionDescription sdp = parseOk(kIpv6Offer);
  EXPECT_EQ(sdp.origin.addrType, "IP6");
  EXPECT_EQ(sdp.connection->addrType, "IP6");
  EXPECT_EQ(sdp.connection->address, "::1");
  EXPECT_EQ(sdp.media[0].rtcpPort(), 5005);
}

TEST(SdpParse, OptionalLinesAreKept) {
  SessionDescription sdp = parseOk(kStaticNoRtpmap);
  ASSERT_EQ(sdp.descriptionLines.size(), 4u);
  EXPECT_EQ(sdp.descriptionLines[0].type, 'i');
  EXPECT_EQ(sdp.descriptionLines[3].value, "+1 555 0100");
  EXPECT_EQ(sdp.connection->address, "10.10.10.10/127");
  EXPECT_EQ(sdp.bandwidths, std::vector<std::string>{"CT:128"});
  EXPECT_EQ(sdp.timing, "3034423619 3042462419");
  ASSERT_EQ(sdp.timeLines.size(), 2u);
  EXPECT_EQ(sdp.timeLines[0].type, 'r');
  const MediaDescription& m = sdp.media[0];
  EXPECT_EQ(m.portCount, 2u);
  EXPECT_EQ(m.title, "main audio");
  ASSERT_EQ(m.otherLines.size(), 2u);
  EXPECT_EQ(m.otherLines[0].type, 'k');
  EXPECT_EQ(m.otherLines[1].type, 'y');
  EXPECT_EQ(m.ptime(), 30u);
}

TEST(SdpParse, ToleratesLfTrailingBlanksAndEmptyLines) {
  SessionDescription sdp = parseOk(
      "v=0  \n"
      "o=- 1 2 IN IP4 10.0.0.1\t\n"
      "s=x\n"
      "c=IN IP4 10.0.0.1\n"
      "t=0 0\n"
      "m=audio  4000   RTP/AVP 0 \r\n"
      "a=sendrecv \r\n"
      "\n\n");
  ASSERT_EQ(sdp.media.size(), 1u);
  EXPECT_EQ(sdp.media[0].formats, std::vector<std::string>{"0"});
  EXPECT_EQ(sdp.media[0].attributes[0].name, "sendrecv");
  EXPECT_EQ(sdp.origin.address, "10.0.0.1");
}

TEST(SdpParse, MissingSessionNameAndTimingGetDefaults) {
  SessionDescription sdp = parseOk("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\nm=audio 1 RTP/AVP 0\r\n");
  EXPECT_EQ(sdp.sessionName, "-");
  EXPECT_EQ(sdp.timing, "0 0");
}

TEST(SdpParse, RejectsMalformedBodies) {
  parseError("");
  parseError("o=- 1 1 IN IP4 1.2.3.4\r\nv=0\r\n");
  parseError("v=x\r\no=- 1 1 IN IP4 1.2.3.4\r\n");
  parseError("v=0\r\n");
  parseError("v=0\r\no=- 1 1 IN IP4\r\n");
  parseError("v=0\r\no=- 1 1 IN IP4 a\r\no=- 1 1 IN IP4 a\r\n");
  parseError("v=0\r\no=- 1 1 IN IP4 a\r\nv=0\r\n");
  parseError("v=0\r\no=- 1 1 IN IP4 a\r\nc=IN IP4\r\n");
  parseError("v=0\r\no=- 1 1 IN IP4 a\r\nc=IN IP4 a\r\nc=IN IP4 b\r\n");
  parseError("v=0\r\no=- 1 1 IN IP4 a\r\nm=audio 4000 RTP/AVP\r\n");
  parseError("v=0\r\no=- 1 1 IN IP4 a\r\nm=audio 70000 RTP/AVP 0\r\n");
  parseError("v=0\r\no=- 1 1 IN IP4 a\r\nm=audio -1 RTP/AVP 0\r\n");
  parseError("v=0\r\no=- 1 1 IN IP4 a\r\nm=audio 4000/0 RTP/AVP 0\r\n");
  parseError("v=0\r\no=- 1 1 IN IP4 a\r\nm=audio 4000/x RTP/AVP 0\r\n");
  parseError("v=0\r\no=- 1 1 IN IP4 a\r\nnot a line\r\n");
  parseError("v=0\r\no=- 1 1 IN IP4 a\r\n1=x\r\n");
  parseError(std::string_view("v=0\r\no=- 1 1 IN IP4 a\r\ns=a\0b\r\n", 30));
  parseError("v=0\r\no=- 1 1 IN IP4 a\r\ns=a\rb\r\n");
}

TEST(SdpParse, IsBounded) {
  std::string many = "v=0\r\no=- 1 1 IN IP4 a\r\n";
  for (std::size_t i = 0; i <= kSdpMaxStreams; ++i)
    many += "m=audio 4000 RTP/AVP 0\r\n";
  EXPECT_NE(parseError(many).find("m="), std::string::npos);
  std::string longLine = "v=0\r\no=- 1 1 IN IP4 a\r\ns=" + std::string(kSdpMaxLineLength, 'x');
  parseError(longLine);
  std::string lines = "v=0\r\no=- 1 1 IN IP4 a\r\n";
  for (std::size_t i = 0; i <= kSdpMaxLines; ++i)
    lines += "a=x\n";
  parseError(lines);
  parseError(std::string(kSdpMaxSize + 1, '\n'));
}

TEST(SdpParse, RtpmapAndNumericAttributeEdgeCases) {
  SessionDescription sdp = parseOk(
      "v=0\r\no=- 1 1 IN IP4 a\r\nm=audio 4000 RTP/AVP 96 97 98\r\n"
      "a=rtpmap:96 PCMU\r\na=rtpmap:97 /8000\r\na=rtpmap:98 opus/48000/x\r\n"
      "a=ptime:20.0\r\na=maxptime:abc\r\na=rtcp:x\r\n");
  const MediaDescription& m = sdp.media[0];
  EXPECT_FALSE(m.rtpmap(96));
  EXPECT_FALSE(m.rtpmap(97));
  EXPECT_FALSE(m.rtpmap(98));
  EXPECT_EQ(m.ptime(), 20u);
  EXPECT_FALSE(m.maxptime());
  EXPECT_FALSE(m.rtcpPort());
}

}  // namespace
}  // namespace sb::media
