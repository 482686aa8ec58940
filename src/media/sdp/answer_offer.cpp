// answerOffer: the answerer side of RFC 3264 as chan_pjsip does it by default.

#include <algorithm>

#include "media/sdp/negotiation.hpp"
#include "media/sdp/offer_answer.hpp"

namespace sb::media {
namespace {

using detail::OfferedFormat;

// The telephone-event entry to echo: the one at the send codec's clock rate, else 8000 Hz,
// else the first (WebRTC offers one per rate).
const OfferedFormat* pickTelephoneEvent(const std::vector<OfferedFormat>& offered,
                                        const Codec* sendCodec) {
  const OfferedFormat* first = nullptr;
  const OfferedFormat* at8000 = nullptr;
  for (const OfferedFormat& f : offered) {
    if (!f.telephoneEvent)
      continue;
    if (sendCodec && f.clockRate == sendCodec->rtpClockRate)
      return &f;
    if (!first)
      first = &f;
    if (!at8000 && f.clockRate == 8000)
      at8000 = &f;
  }
  return at8000 ? at8000 : first;
}

// Codecs both sides have, in the offerer's order (prefer:pending, operation:intersect).
std::vector<NegotiatedFormat> jointFormats(const std::vector<OfferedFormat>& offered,
                                           const MediaOptions& options) {
  std::vector<NegotiatedFormat> joint;
  for (const OfferedFormat& f : offered) {
    if (!f.codec || !options.codecs.allows(*f.codec))
      continue;
    bool seen = std::any_of(joint.begin(), joint.end(),
                            [&](const NegotiatedFormat& j) { return j.codec == f.codec; });
    if (seen)
      continue;
    // Echo the offerer's parameters; without any, send ours (g729 annexb=no, like Asterisk).
    joint.push_back(NegotiatedFormat{f.codec, f.payloadType,
                                     f.fmtp ? *f.fmtp : std::string(f.codec->defaultFmtp)});
  }
  if (options.preferredCodecOnly && joint.size() > 1)
    joint.resize(1);
  return joint;
}

// RFC 3264 §6: a declined stream keeps its m= line with port 0 and one offered format.
MediaDescription declined(const MediaDescription& offered) {
  MediaDescription m;
  m.type = offered.type;
  m.port = 0;
  m.proto = offered.proto;
  if (!offered.formats.empty())
    m.formats.push_back(offered.formats.front());
  return m;
}

}  // namespace

AnswerResult answerOffer(const SessionDescription& offer, const MediaOptions& options,
                         const PortAllocator& ports, SdpSession& session,
                         MediaDirection localDirection) {
  AnswerResult result;
  result.answer = detail::skeleton(options);
  unsigned audioStreams = 0, videoStreams = 0;
  for (unsigned index = 0; index < offer.media.size(); ++index) {
    const MediaDescription& om = offer.media[index];
    NegotiatedStream stream;
    stream.type = om.type;
    stream.index = index;
    const bool audio = om.type == "audio";
    const bool video = om.type == "video";
    bool room = (audio && audioStreams < options.maxAudioStreams) ||
                (video && videoStreams < options.maxVideoStreams);
    std::vector<OfferedFormat> offered;
    std::vector<NegotiatedFormat> joint;
    if (room && om.port != 0 && detail::isPlainRtp(om.proto)) {
      offered = detail::resolveFormats(om);
      joint = jointFormats(offered, options);
    }
    if (joint.empty()) {
      result.answer.media.push_back(declined(om));
      result.streams.push_back(std::move(stream));
      continue;
    }
    (audio ? audioStreams : videoStreams)++;

    const Connection* conn = offer.effectiveConnection(om);
    const bool holdAddress = conn && conn->isHoldAddress();
    const MediaDirection peer = offer.direction(om);
    stream.accepted = true;
    stream.direction = detail::ourDirection(peer, holdAddress, localDirection);
    stream.remoteAddress = detail::connectionAddress(conn);
    stream.remotePort = om.port;
    stream.remoteRtcpPort = om.rtcpPort();
    stream.remoteHold =
        holdAddress || peer == MediaDirection::SendOnly || peer == MediaDirection::Inactive;

    MediaDescription am;
    am.type = om.type;
    am.port = ports ? ports(index, om.type) : 0;
    am.proto = om.proto;
    for (const NegotiatedFormat& f : joint) {
      am.formats.push_back(std::to_string(f.payloadType));
      detail::addCodecAttributes(am, f);
    }
    if (audio && options.telephoneEvent) {
      if (const OfferedFormat* te = pickTelephoneEvent(offered, joint.front().codec)) {
        stream.dtmfPayloadType = te->payloadType;
        am.formats.push_back(std::to_string(te->payloadType));
        detail::addTelephoneEvent(am, te->payloadType, te->clockRate ? te->clockRate : 8000,
                                  te->fmtp ? *te->fmtp : "0-16");
      }
    }
    auto [ptime, maxptime] = detail::packetization(joint, options.codecs);
    // Asterisk adopts the offerer's a=ptime as its framing and echoes it.
    if (auto offeredPtime = om.ptime(); offeredPtime && *offeredPtime && ptime)
      ptime = *offeredPtime;
    detail::addPacketization(am, ptime, maxptime);
    am.attributes.push_back(Attribute{std::string(directionName(stream.direction)), {}});
    stream.ptime = ptime;
    stream.formats = std::move(joint);
    result.answer.media.push_back(std::move(am));
    result.streams.push_back(std::move(stream));
    result.anyAccepted = true;
  }
  session.stamp(result.answer);
  return result;
}

}  // namespace sb::media
