// makeOffer: the offer chan_pjsip sends for an outgoing call or a re-INVITE.

#include "media/sdp/negotiation.hpp"
#include "media/sdp/offer_answer.hpp"

namespace sb::media {

SessionDescription makeOffer(const MediaOptions& options, const PortAllocator& ports,
                             SdpSession& session, MediaDirection localDirection,
                             const std::vector<std::string>& streamTypes) {
  SessionDescription offer = detail::skeleton(options);
  unsigned audioStreams = 0, videoStreams = 0;
  for (const std::string& type : streamTypes) {
    const bool audio = type == "audio";
    const bool video = type == "video";
    if ((audio && audioStreams >= options.maxAudioStreams) ||
        (video && videoStreams >= options.maxVideoStreams))
      continue;
    std::vector<NegotiatedFormat> formats;
    for (const CodecPref& pref : options.codecs.sdpCodecs(type))
      formats.push_back(NegotiatedFormat{pref.codec, pref.codec->payloadType,
                                         std::string(pref.codec->defaultFmtp)});
    if (formats.empty())
      continue;
    if (audio)
      ++audioStreams;
    if (video)
      ++videoStreams;
    const auto index = static_cast<unsigned>(offer.media.size());
    MediaDescription m;
    m.type = type;
    m.port = ports ? ports(index, type) : 0;
    m.proto = "RTP/AVP";
    for (const NegotiatedFormat& f : formats) {
      m.formats.push_back(std::to_string(f.payloadType));
      detail::addCodecAttributes(m, f);
    }
    if (audio && options.telephoneEvent) {
      m.formats.push_back(std::to_string(kTelephoneEventPayloadType));
      detail::addTelephoneEvent(m, kTelephoneEventPayloadType, 8000, "0-16");
    }
    auto [ptime, maxptime] = detail::packetization(formats, options.codecs);
    detail::addPacketization(m, ptime, maxptime);
    m.attributes.push_back(Attribute{std::string(directionName(localDirection)), {}});
    offer.media.push_back(std::move(m));
  }
  session.stamp(offer);
  return offer;
}

}  // namespace sb::media
