// applyAnswer: the offerer side of RFC 3264, checking the answer against what we offered.

#include <algorithm>

#include "media/codec/strings.hpp"
#include "media/sdp/negotiation.hpp"
#include "media/sdp/offer_answer.hpp"

namespace sb::media {
namespace {

bool fail(std::string* error, std::string message) {
  if (error)
    *error = std::move(message);
  return false;
}

bool applyStream(const SessionDescription& offer, const MediaDescription& om,
                 const SessionDescription& answer, const MediaDescription& am,
                 const MediaOptions& options, NegotiatedStream& stream, std::string* error) {
  const std::string where = "m= line " + std::to_string(stream.index + 1);
  if (am.type != om.type)
    return fail(error, where + ": answer has media '" + am.type + "', offer '" + om.type + "'");
  if (am.port == 0)
    return true;  // Declined.
  if (om.port == 0)
    return fail(error, where + ": answer accepts a stream the offer disabled");
  if (!iequals(am.proto, om.proto))
    return fail(error, where + ": answer changes the transport to '" + am.proto + "'");

  const auto offered = detail::resolveFormats(om);
  for (const detail::OfferedFormat& f : detail::resolveFormats(am)) {
    if (f.telephoneEvent) {
      if (options.telephoneEvent && stream.dtmfPayloadType < 0)
        stream.dtmfPayloadType = f.payloadType;
      continue;
    }
    if (!f.codec)
      continue;  // Comfort noise and other formats we do not use.
    bool wasOffered = std::any_of(offered.begin(), offered.end(),
                                  [&](const auto& o) { return o.codec == f.codec; });
    if (!wasOffered)
      return fail(error, where + ": answer has codec '" + std::string(f.codec->name) +
                             "' that was not offered");
    bool dup = std::any_of(stream.formats.begin(), stream.formats.end(),
                           [&](const NegotiatedFormat& n) { return n.codec == f.codec; });
    if (!dup)
      stream.formats.push_back(NegotiatedFormat{f.codec, f.payloadType, f.fmtp.value_or("")});
  }
  if (stream.formats.empty())
    return fail(error, where + ": answer accepts the stream without a codec we offered");

  const Connection* conn = answer.effectiveConnection(am);
  if (!conn)
    return fail(error, where + ": answer has no c= line");
  const bool holdAddress = conn->isHoldAddress();
  const MediaDirection peer = answer.direction(am);
  stream.accepted = true;
  stream.direction = detail::ourDirection(peer, holdAddress, offer.direction(om));
  stream.remoteAddress = detail::connectionAddress(conn);
  stream.remotePort = am.port;
  stream.remoteRtcpPort = am.rtcpPort();
  stream.remoteHold =
      holdAddress || peer == MediaDirection::SendOnly || peer == MediaDirection::Inactive;
  unsigned ptime = detail::packetization(stream.formats, options.codecs).first;
  if (auto answered = am.ptime(); answered && *answered && ptime)
    ptime = *answered;
  stream.ptime = ptime;
  return true;
}

}  // namespace

std::optional<std::vector<NegotiatedStream>> applyAnswer(const SessionDescription& ourOffer,
                                                         const SessionDescription& answer,
                                                         const MediaOptions& options,
                                                         std::string* error) {
  if (answer.media.size() != ourOffer.media.size()) {
    fail(error, "answer has " + std::to_string(answer.media.size()) + " m= lines, offer " +
                    std::to_string(ourOffer.media.size()));
    return std::nullopt;
  }
  std::vector<NegotiatedStream> streams;
  for (unsigned i = 0; i < ourOffer.media.size(); ++i) {
    NegotiatedStream stream;
    stream.type = ourOffer.media[i].type;
    stream.index = i;
    if (!applyStream(ourOffer, ourOffer.media[i], answer, answer.media[i], options, stream, error))
      return std::nullopt;
    streams.push_back(std::move(stream));
  }
  return streams;
}

}  // namespace sb::media
