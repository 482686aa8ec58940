#include <gtest/gtest.h>

#include "media/sdp/offer_answer.hpp"
#include "sdp_samples.hpp"

namespace sb::media {
namespace {

using namespace sdptest;

MediaOptions endpoint(std::string_view allow) {
  MediaOptions o;
  o.codecs = CodecPrefs::fromAllow(allow);
  o.localAddress = "192.0.2.10";
  return o;
}

uint16_t portFor(unsigned index, const std::string&) {
  return static_cast<uint16_t>(20000 + 2 * index);
}

SessionDescription parsed(std::string_view text) {
  auto sdp = SessionDescription::parse(text);
  EXPECT_TRUE(sdp);
  return sdp ? *sdp : SessionDescription{};
}

std::vector<std::string> codecNames(const NegotiatedStream& s) {
  std::vector<std::string> out;
  for (const NegotiatedFormat& f : s.formats)
    out.emplace_back(f.codec->name);
  return out;
}

TEST(OfferAnswer, AnswersLikeAsterisk) {
  SdpSession session(1000);
  auto r = answerOffer(parsed(kPolycomOffer), endpoint("ulaw,alaw"), portFor, session);
  ASSERT_TRUE(r.anyAccepted);
  EXPECT_EQ(r.answer.serialize(),
            "v=0\r\n"
            "o=- 1000 1000 IN IP4 192.0.2.10\r\n"
            "s=Asterisk\r\n"
            "c=IN IP4 192.0.2.10\r\n"
            "t=0 0\r\n"
            "m=audio 20000 RTP/AVP 0 8 127\r\n"
            "a=rtpmap:0 PCMU/8000\r\n"
            "a=rtpmap:8 PCMA/8000\r\n"
            "a=rtpmap:127 telephone-event/8000\r\n"
            "a=fmtp:127 0-16\r\n"
            "a=ptime:20\r\n"
            "a=maxptime:150\r\n"
            "a=sendrecv\r\n");
  ASSERT_EQ(r.streams.size(), 1u);
  const NegotiatedStream& s = r.streams[0];
  EXPECT_TRUE(s.accepted);
  EXPECT_EQ(codecNames(s), (std::vector<std::string>{"ulaw", "alaw"}));
  EXPECT_EQ(s.dtmfPayloadType, 127);
  EXPECT_EQ(s.remoteAddress, "10.0.0.50");
  EXPECT_EQ(s.remotePort, 2222);
  EXPECT_FALSE(s.remoteRtcpPort);
  EXPECT_EQ(s.direction, MediaDirection::SendRecv);
  EXPECT_FALSE(s.remoteHold);
  EXPECT_EQ(s.ptime, 20u);
}

TEST(OfferAnswer, OffererOrderIntersectedWithAllowed) {
  SdpSession session(1);
  // We prefer alaw, but the offerer's order wins (prefer: pending).
  auto r = answerOffer(parsed(kBaresipOffer), endpoint("alaw,g722,ulaw"), portFor, session);
  ASSERT_TRUE(r.anyAccepted);
  EXPECT_EQ(codecNames(r.streams[0]), (std::vector<std::string>{"g722", "ulaw", "alaw"}));
  EXPECT_EQ(r.answer.media[0].formats, (std::vector<std::string>{"9", "0", "8", "101"}));
  // The offerer's telephone-event fmtp is echoed.
  EXPECT_EQ(r.answer.media[0].fmtp(101), "0-15");
}

TEST(OfferAnswer, KeepsOfferersDynamicPayloadTypes) {
  SdpSession session(1);
  auto r = answerOffer(parsed(kBaresipOffer), endpoint("opus,ulaw"), portFor, session);
  ASSERT_TRUE(r.anyAccepted);
  const NegotiatedStream& s = r.streams[0];
  ASSERT_EQ(s.formats.size(), 2u);
  EXPECT_EQ(s.formats[0].codec->name, "opus");
  EXPECT_EQ(s.formats[0].payloadType, 96);
  EXPECT_EQ(s.formats[0].fmtp, "stereo=1;sprop-stereo=1");
  const MediaDescription& m = r.answer.media[0];
  EXPECT_EQ(m.formats, (std::vector<std::string>{"96", "0", "101"}));
  EXPECT_EQ(m.rtpmap(96)->encoding, "opus");
  EXPECT_EQ(m.rtpmap(96)->channels, 2u);
  EXPECT_EQ(m.fmtp(96), "stereo=1;sprop-stereo=1");
  EXPECT_EQ(m.maxptime(), 60u);
}

TEST(OfferAnswer, TelephoneEventAtTheCodecRate) {
  SdpSession session(1);
  auto r = answerOffer(parsed(kLinphoneOffer), endpoint("opus,ulaw"), portFor, session);
  ASSERT_TRUE(r.anyAccepted);
  EXPECT_EQ(r.streams[0].dtmfPayloadType, 101);  // telephone-event/48000 goes with opus.
  EXPECT_EQ(r.answer.media[0].rtpmap(101)->clockRate, 48000u);
  r = answerOffer(parsed(kLinphoneOffer), endpoint("ulaw"), portFor, session);
  EXPECT_EQ(r.streams[0].dtmfPayloadType, 100);
}

TEST(OfferAnswer, NoTelephoneEventWhenDisabled) {
  SdpSession session(1);
  MediaOptions o = endpoint("ulaw");
  o.telephoneEvent = false;
  auto r = answerOffer(parsed(kPolycomOffer), o, portFor, session);
  EXPECT_EQ(r.streams[0].dtmfPayloadType, -1);
  EXPECT_EQ(r.answer.media[0].formats, std::vector<std::string>{"0"});
}

TEST(OfferAnswer, StaticPayloadsWithoutRtpmap) {
  SdpSession session(1);
  auto r = answerOffer(parsed(kIpv6Offer), endpoint("alaw,ulaw"), portFor, session);
  ASSERT_TRUE(r.anyAccepted);
  EXPECT_EQ(codecNames(r.streams[0]), (std::vector<std::string>{"ulaw", "alaw"}));
  EXPECT_EQ(r.streams[0].dtmfPayloadType, 96);
  EXPECT_EQ(r.streams[0].remoteAddress, "::1");
  EXPECT_EQ(r.streams[0].remoteRtcpPort, 5005);
}

TEST(OfferAnswer, Ipv6LocalAddress) {
  SdpSession session(5);
  MediaOptions o = endpoint("ulaw");
  o.localAddress = "2001:db8::10";
  auto r = answerOffer(parsed(kIpv6Offer), o, portFor, session);
  EXPECT_EQ(r.answer.origin.addrType, "IP6");
  EXPECT_EQ(r.answer.connection->addrType, "IP6");
  EXPECT_EQ(r.answer.connection->address, "2001:db8::10");
}

TEST(OfferAnswer, VideoDeclinedWithoutVideoCodec) {
  SdpSession session(1);
  auto r = answerOffer(parsed(kVideoOffer), endpoint("ulaw"), portFor, session);
  ASSERT_TRUE(r.anyAccepted);
  ASSERT_EQ(r.answer.media.size(), 2u);
  EXPECT_TRUE(r.streams[0].accepted);
  EXPECT_FALSE(r.streams[1].accepted);
  const MediaDescription& video = r.answer.media[1];
  EXPECT_EQ(video.type, "video");
  EXPECT_EQ(video.port, 0);
  EXPECT_EQ(video.formats, std::vector<std::string>{"99"});
  EXPECT_TRUE(video.attributes.empty());
}

TEST(OfferAnswer, VideoAcceptedUnlessMaxVideoStreamsIsZero) {
  SdpSession session(1);
  MediaOptions o = endpoint("ulaw,h264");
  auto r = answerOffer(parsed(kVideoOffer), o, portFor, session);
  ASSERT_TRUE(r.streams[1].accepted);
  EXPECT_EQ(r.answer.media[1].port, 20002);
  EXPECT_EQ(r.answer.media[1].formats, std::vector<std::string>{"99"});
  EXPECT_EQ(r.streams[1].formats[0].fmtp, "profile-level-id=42800d; packetization-mode=0");
  EXPECT_EQ(r.streams[1].remoteRtcpPort, 11799);
  EXPECT_EQ(r.streams[1].ptime, 0u);
  EXPECT_FALSE(r.answer.media[1].ptime());
  o.maxVideoStreams = 0;
  r = answerOffer(parsed(kVideoOffer), o, portFor, session);
  EXPECT_FALSE(r.streams[1].accepted);
  EXPECT_EQ(r.answer.media[1].port, 0);
}

TEST(OfferAnswer, NothingAcceptableMeans488) {
  SdpSession session(1);
  auto r = answerOffer(parsed(kPolycomOffer), endpoint("gsm"), portFor, session);
  EXPECT_FALSE(r.anyAccepted);
  ASSERT_EQ(r.answer.media.size(), 1u);
  EXPECT_EQ(r.answer.media[0].port, 0);
  EXPECT_EQ(r.answer.media[0].formats, std::vector<std::string>{"9"});
  r = answerOffer(parsed(kPolycomOffer), MediaOptions{}, portFor, session);
  EXPECT_FALSE(r.anyAccepted);
}

TEST(OfferAnswer, SrtpAndT38AreDeclined) {
  SdpSession session(1);
  auto r = answerOffer(parsed(kWebrtcOffer), endpoint("opus,ulaw,vp8"), portFor, session);
  EXPECT_FALSE(r.anyAccepted);
  EXPECT_EQ(r.answer.media[0].proto, "UDP/TLS/RTP/SAVPF");
  EXPECT_EQ(r.answer.media[0].port, 0);
  r = answerOffer(parsed(kT38Offer), endpoint("ulaw,t38"), portFor, session);
  EXPECT_FALSE(r.anyAccepted);
  EXPECT_EQ(r.answer.media[0].type, "image");
  EXPECT_EQ(r.answer.media[0].formats, std::vector<std::string>{"t38"});
}

TEST(OfferAnswer, SendonlyOfferIsHold) {
  SdpSession session(1);
  auto r = answerOffer(parsed(kHoldSendonly), endpoint("ulaw"), portFor, session);
  ASSERT_TRUE(r.anyAccepted);
  EXPECT_TRUE(r.streams[0].remoteHold);
  EXPECT_EQ(r.streams[0].direction, MediaDirection::RecvOnly);
  EXPECT_EQ(r.answer.media[0].direction(), MediaDirection::RecvOnly);
}

TEST(OfferAnswer, ZeroAddressOfferIsHold) {
  SdpSession session(1);
  auto r = answerOffer(parsed(kHoldZeroAddress), endpoint("ulaw"), portFor, session);
  ASSERT_TRUE(r.anyAccepted);
  EXPECT_TRUE(r.streams[0].remoteHold);
  EXPECT_EQ(r.streams[0].remoteAddress, "0.0.0.0");
  EXPECT_EQ(r.streams[0].direction, MediaDirection::RecvOnly);
}

TEST(OfferAnswer, DirectionRules) {
  SdpSession session(1);
  auto offerWith = [](std::string_view attr) {
    std::string text(kHoldSendonly);
    text.replace(text.find("a=sendonly"), 10, attr);
    return parsed(text);
  };
  MediaOptions o = endpoint("ulaw");
  auto dir = [&](std::string_view attr, MediaDirection local) {
    return answerOffer(offerWith(attr), o, portFor, session, local).streams[0].direction;
  };
  using D = MediaDirection;
  EXPECT_EQ(dir("a=sendrecv", D::SendRecv), D::SendRecv);
  EXPECT_EQ(dir("a=recvonly", D::SendRecv), D::SendOnly);
  EXPECT_EQ(dir("a=inactive", D::SendRecv), D::Inactive);
  EXPECT_EQ(dir("a=sendrecv", D::SendOnly), D::SendOnly);  // We hold the peer.
  EXPECT_EQ(dir("a=sendonly", D::SendOnly), D::Inactive);
  EXPECT_EQ(dir("a=recvonly", D::RecvOnly), D::Inactive);
  EXPECT_EQ(dir("a=sendrecv", D::Inactive), D::Inactive);
}

TEST(OfferAnswer, SecondAudioStreamDeclinedByDefault) {
  SdpSession session(1);
  MediaOptions o = endpoint("ulaw,alaw");
  auto r = answerOffer(parsed(kTwoAudioStreams), o, portFor, session);
  ASSERT_EQ(r.streams.size(), 2u);
  EXPECT_TRUE(r.streams[0].accepted);
  EXPECT_FALSE(r.streams[1].accepted);
  EXPECT_EQ(r.answer.media[1].port, 0);
  o.maxAudioStreams = 2;
  r = answerOffer(parsed(kTwoAudioStreams), o, portFor, session);
  EXPECT_TRUE(r.streams[1].accepted);
  EXPECT_EQ(r.answer.media[1].port, 20002);
  EXPECT_EQ(r.streams[1].direction, MediaDirection::Inactive);
  EXPECT_EQ(r.streams[1].dtmfPayloadType, -1);
}

TEST(OfferAnswer, PreferredCodecOnly) {
  SdpSession session(1);
  MediaOptions o = endpoint("ulaw,alaw,g722");
  o.preferredCodecOnly = true;
  auto r = answerOffer(parsed(kPolycomOffer), o, portFor, session);
  EXPECT_EQ(codecNames(r.streams[0]), std::vector<std::string>{"g722"});
  EXPECT_EQ(r.answer.media[0].formats, (std::vector<std::string>{"9", "127"}));
}

TEST(OfferAnswer, OffererPtimeIsEchoed) {
  SdpSession session(1);
  auto r = answerOffer(parsed(kStaticNoRtpmap), endpoint("g723,ulaw"), portFor, session);
  ASSERT_TRUE(r.anyAccepted);
  EXPECT_EQ(codecNames(r.streams[0]), (std::vector<std::string>{"ulaw", "g723"}));
  EXPECT_EQ(r.answer.media[0].ptime(), 30u);
  EXPECT_EQ(r.streams[0].ptime, 30u);
}

TEST(OfferAnswer, ConfiguredFramingSetsPtime) {
  SdpSession session(1);
  auto r = answerOffer(parsed(kPolycomOffer), endpoint("ulaw:30"), portFor, session);
  EXPECT_EQ(r.answer.media[0].ptime(), 30u);
}

TEST(OfferAnswer, G729GetsAnnexbNoWithoutOfferedFmtp) {
  SdpSession session(1);
  auto r = answerOffer(parsed("v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\nc=IN IP4 10.0.0.1\r\n"
                              "m=audio 4000 RTP/AVP 18\r\n"),
                       endpoint("g729"), portFor, session);
  ASSERT_TRUE(r.anyAccepted);
  EXPECT_EQ(r.answer.media[0].fmtp(18), "annexb=no");
}

TEST(OfferAnswer, MakeOfferListsAllowedCodecsWithAsteriskPayloadTypes) {
  SdpSession session(77);
  MediaOptions o = endpoint("ulaw,opus,g722,h264,vp8");
  SessionDescription offer = makeOffer(o, portFor, session);
  EXPECT_EQ(offer.serialize(),
            "v=0\r\n"
            "o=- 77 77 IN IP4 192.0.2.10\r\n"
            "s=Asterisk\r\n"
            "c=IN IP4 192.0.2.10\r\n"
            "t=0 0\r\n"
            "m=audio 20000 RTP/AVP 0 107 9 101\r\n"
            "a=rtpmap:0 PCMU/8000\r\n"
            "a=rtpmap:107 opus/48000/2\r\n"
            "a=fmtp:107 useinbandfec=1\r\n"
            "a=rtpmap:9 G722/8000\r\n"
            "a=rtpmap:101 telephone-event/8000\r\n"
            "a=fmtp:101 0-16\r\n"
            "a=ptime:20\r\n"
            "a=maxptime:60\r\n"
            "a=sendrecv\r\n");
  offer = makeOffer(o, portFor, session, MediaDirection::SendOnly, {"audio", "video"});
  ASSERT_EQ(offer.media.size(), 2u);
  EXPECT_EQ(offer.media[1].formats, (std::vector<std::string>{"99", "100"}));
  EXPECT_EQ(offer.media[1].port, 20002);
  EXPECT_EQ(offer.media[1].direction(), MediaDirection::SendOnly);
  EXPECT_FALSE(offer.media[1].ptime());
  // No allowed codec of a kind: no stream of that kind.
  offer =
      makeOffer(endpoint("ulaw"), portFor, session, MediaDirection::SendRecv, {"audio", "video"});
  EXPECT_EQ(offer.media.size(), 1u);
}

TEST(OfferAnswer, OfferThenAnswerRoundTrip) {
  SdpSession alice(1), bob(2);
  MediaOptions a = endpoint("ulaw,alaw,h264");
  MediaOptions b = endpoint("alaw,h264");
  b.localAddress = "198.51.100.20";
  SessionDescription offer =
      makeOffer(a, portFor, alice, MediaDirection::SendRecv, {"audio", "video"});
  auto answered = answerOffer(offer, b, portFor, bob);
  ASSERT_TRUE(answered.anyAccepted);
  std::string error;
  auto streams = applyAnswer(offer, answered.answer, a, &error);
  ASSERT_TRUE(streams) << error;
  ASSERT_EQ(streams->size(), 2u);
  EXPECT_EQ(codecNames((*streams)[0]), std::vector<std::string>{"alaw"});
  EXPECT_EQ((*streams)[0].dtmfPayloadType, 101);
  EXPECT_EQ((*streams)[0].remoteAddress, "198.51.100.20");
  EXPECT_EQ((*streams)[0].remotePort, 20000);
  EXPECT_EQ((*streams)[0].direction, MediaDirection::SendRecv);
  EXPECT_EQ((*streams)[0].ptime, 20u);
  EXPECT_TRUE((*streams)[1].accepted);
  EXPECT_EQ(codecNames((*streams)[1]), std::vector<std::string>{"h264"});
}

TEST(OfferAnswer, ApplyAnswerDirectionAndDeclinedStreams) {
  SdpSession alice(1);
  MediaOptions a = endpoint("ulaw,h264");
  SessionDescription offer =
      makeOffer(a, portFor, alice, MediaDirection::SendRecv, {"audio", "video"});
  auto answer = SessionDescription::parse(
      "v=0\r\no=- 5 5 IN IP4 203.0.113.5\r\ns=-\r\nc=IN IP4 203.0.113.5\r\nt=0 0\r\n"
      "m=audio 30000 RTP/AVP 0 13\r\na=rtpmap:13 CN/8000\r\na=recvonly\r\n"
      "m=video 0 RTP/AVP 99\r\n");
  ASSERT_TRUE(answer);
  auto streams = applyAnswer(offer, *answer, a);
  ASSERT_TRUE(streams);
  EXPECT_EQ((*streams)[0].direction, MediaDirection::SendOnly);
  EXPECT_EQ((*streams)[0].dtmfPayloadType, -1);
  EXPECT_EQ(codecNames((*streams)[0]), std::vector<std::string>{"ulaw"});
  EXPECT_FALSE((*streams)[1].accepted);
}

TEST(OfferAnswer, ApplyAnswerRejectsInvalidAnswers) {
  SdpSession alice(1);
  MediaOptions a = endpoint("ulaw");
  SessionDescription offer = makeOffer(a, portFor, alice);
  const std::string head = "v=0\r\no=- 5 5 IN IP4 203.0.113.5\r\ns=-\r\nc=IN IP4 203.0.113.5\r\n";
  auto expectError = [&](const std::string& body) {
    auto answer = SessionDescription::parse(head + body);
    ASSERT_TRUE(answer) << body;
    std::string error;
    EXPECT_FALSE(applyAnswer(offer, *answer, a, &error)) << body;
    EXPECT_FALSE(error.empty());
  };
  expectError("");  // No m= line.
  expectError("m=audio 30000 RTP/AVP 0\r\nm=audio 30002 RTP/AVP 0\r\n");
  expectError("m=video 30000 RTP/AVP 0\r\n");
  expectError("m=audio 30000 RTP/AVP 8\r\n");  // alaw was not offered.
  expectError("m=audio 30000 RTP/SAVP 0\r\n");
  expectError("m=audio 30000 RTP/AVP 13\r\n");  // Nothing usable.
}

TEST(OfferAnswer, OutputAlwaysParses) {
  SdpSession session(1);
  MediaOptions o = endpoint("ulaw");
  o.localAddress.clear();
  o.sdpOwner.clear();
  SessionDescription offer = makeOffer(o, portFor, session);
  auto back = SessionDescription::parse(offer.serialize());
  ASSERT_TRUE(back);
  EXPECT_EQ(back->connection->address, "0.0.0.0");
  EXPECT_EQ(back->origin.username, "-");
}

TEST(SdpSession, VersionMovesOnlyWhenTheBodyChanges) {
  SdpSession session(4242);
  EXPECT_EQ(session.sessionId(), 4242u);
  MediaOptions o = endpoint("ulaw");
  SessionDescription first = makeOffer(o, portFor, session);
  EXPECT_EQ(first.origin.sessionId, "4242");
  EXPECT_EQ(first.origin.sessionVersion, "4242");
  SessionDescription same = makeOffer(o, portFor, session);
  EXPECT_EQ(same.origin.sessionVersion, "4242");
  EXPECT_EQ(session.sessionVersion(), 4242u);
  SessionDescription hold = makeOffer(o, portFor, session, MediaDirection::SendOnly);
  EXPECT_EQ(hold.origin.sessionVersion, "4243");
  SessionDescription resume = makeOffer(o, portFor, session);
  EXPECT_EQ(resume.origin.sessionVersion, "4244");
  EXPECT_EQ(session.sessionVersion(), 4244u);
}

TEST(SdpSession, RandomIdsDiffer) {
  SdpSession a, b;
  EXPECT_NE(a.sessionId(), b.sessionId());
  EXPECT_EQ(a.sessionVersion(), a.sessionId());
}

}  // namespace
}  // namespace sb::media
