#include <gtest/gtest.h>

#include "media/codec/codec.hpp"

namespace sb::media {
namespace {

TEST(CodecTable, FindsAsteriskNamesCaseInsensitively) {
  const Codec* ulaw = findCodec("ULAW");
  ASSERT_NE(ulaw, nullptr);
  EXPECT_EQ(ulaw->name, "ulaw");
  EXPECT_EQ(ulaw->encoding, "PCMU");
  EXPECT_EQ(ulaw->staticPayload, 0);
  EXPECT_EQ(ulaw->defaultMs, 20u);
  EXPECT_EQ(ulaw->maxMs, 150u);
  EXPECT_EQ(findCodec("nonsense"), nullptr);
  EXPECT_EQ(findCodec(""), nullptr);
  for (auto name :
       {"alaw",  "gsm",     "g722",    "g729",    "g723",   "g726",   "g726aal2", "ilbc",
        "speex", "speex16", "speex32", "slin",    "slin16", "slin48", "opus",     "lpc10",
        "adpcm", "siren7",  "siren14", "testlaw", "h261",   "h263",   "h263p",    "h264",
        "h265",  "mpeg4",   "vp8",     "vp9",     "jpeg",   "t140",   "red",      "t38"}) {
    EXPECT_NE(findCodec(name), nullptr) << name;
  }
}

TEST(CodecTable, G722AdvertisesEightKilohertz) {
  const Codec* g722 = findCodec("g722");
  ASSERT_NE(g722, nullptr);
  EXPECT_EQ(g722->rtpClockRate, 8000u);
  EXPECT_EQ(g722->sampleRate, 16000u);
  EXPECT_EQ(findCodecByRtpmap("G722", 8000), g722);
  EXPECT_EQ(findCodecByRtpmap("G722", 16000), nullptr);
}

TEST(CodecTable, RtpmapLookup) {
  EXPECT_EQ(findCodecByRtpmap("pcmu", 8000), findCodec("ulaw"));
  EXPECT_EQ(findCodecByRtpmap("G711A", 8000), findCodec("alaw"));
  EXPECT_EQ(findCodecByRtpmap("G729A", 8000), findCodec("g729"));
  EXPECT_EQ(findCodecByRtpmap("opus", 48000, 2), findCodec("opus"));
  EXPECT_EQ(findCodecByRtpmap("OPUS", 48000, 0), findCodec("opus"));
  EXPECT_EQ(findCodecByRtpmap("speex", 16000), findCodec("speex16"));
  EXPECT_EQ(findCodecByRtpmap("G7221", 32000), findCodec("siren14"));
  EXPECT_EQ(findCodecByRtpmap("H264", 90000), findCodec("h264"));
  EXPECT_EQ(findCodecByRtpmap("h263-1998", 90000), findCodec("h263p"));
  EXPECT_EQ(findCodecByRtpmap("PCMU", 8000, 2), nullptr);
  EXPECT_EQ(findCodecByRtpmap("telephone-event", 8000), nullptr);
  EXPECT_EQ(findCodecByRtpmap("L16", 8000), nullptr);
}

TEST(CodecTable, StaticPayloadTypes) {
  EXPECT_EQ(findCodecByStaticPayload(0), findCodec("ulaw"));
  EXPECT_EQ(findCodecByStaticPayload(3), findCodec("gsm"));
  EXPECT_EQ(findCodecByStaticPayload(4), findCodec("g723"));
  EXPECT_EQ(findCodecByStaticPayload(8), findCodec("alaw"));
  EXPECT_EQ(findCodecByStaticPayload(9), findCodec("g722"));
  EXPECT_EQ(findCodecByStaticPayload(18), findCodec("g729"));
  EXPECT_EQ(findCodecByStaticPayload(34), findCodec("h263"));
  EXPECT_EQ(findCodecByStaticPayload(13), nullptr);
  EXPECT_EQ(findCodecByStaticPayload(96), nullptr);
  EXPECT_EQ(findCodecByStaticPayload(-1), nullptr);
}

TEST(CodecTable, AsteriskDynamicPayloadTypesAndKinds) {
  EXPECT_EQ(findCodec("opus")->payloadType, 107);
  EXPECT_EQ(findCodec("opus")->channels, 2u);
  EXPECT_EQ(findCodec("h264")->payloadType, 99);
  EXPECT_EQ(findCodec("vp8")->payloadType, 100);
  EXPECT_EQ(findCodec("ilbc")->payloadType, 97);
  EXPECT_EQ(findCodec("g726")->payloadType, 111);
  EXPECT_EQ(findCodec("h264")->kind, MediaKind::Video);
  EXPECT_EQ(findCodec("t140")->kind, MediaKind::Text);
  EXPECT_EQ(findCodec("t38")->kind, MediaKind::Image);
  EXPECT_FALSE(findCodec("t38")->inSdp());
  EXPECT_FALSE(findCodec("slin")->inSdp());
  EXPECT_EQ(findCodec("ilbc")->defaultMs, 30u);
  EXPECT_EQ(findCodec("g723")->defaultMs, 30u);
}

}  // namespace
}  // namespace sb::media
