// libFuzzer target for the SDP parser and the offer/answer code: anything that parses must
// serialize to text that parses to the same description, and answering it must not crash.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "media/sdp/offer_answer.hpp"
#include "media/sdp/session_description.hpp"

namespace {

const sb::media::MediaOptions& options() {
  static const sb::media::MediaOptions opts = [] {
    sb::media::MediaOptions o;
    o.codecs = sb::media::CodecPrefs::fromAllow("ulaw,alaw,g722,opus,g729,h264,vp8,t140");
    o.maxAudioStreams = 2;
    o.localAddress = "192.0.2.1";
    return o;
  }();
  return opts;
}

std::size_t lineCount(std::string_view text) {
  std::size_t n = 0;
  for (char c : text)
    n += c == '\n';
  return n;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace sb::media;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::string error;
  auto sdp = SessionDescription::parse(text, &error);
  if (!sdp) {
    if (error.empty())
      __builtin_trap();
    return 0;
  }
  const std::string wire = sdp->serialize();
  // CRLF and the s=/t= lines the serializer always writes may push a body at the limits over.
  if (wire.size() <= kSdpMaxSize && lineCount(wire) <= kSdpMaxLines) {
    auto again = SessionDescription::parse(wire, &error);
    if (!again || !(*again == *sdp) || again->serialize() != wire)
      __builtin_trap();
  }
  for (const MediaDescription& m : sdp->media) {
    for (int pt : {0, 8, 96, 101, 127}) {
      (void)m.rtpmap(pt);
      (void)m.fmtp(pt);
    }
    (void)m.ptime();
    (void)m.rtcpPort();
    (void)sdp->direction(m);
    (void)sdp->effectiveConnection(m);
  }
  SdpSession session(1);
  auto result = answerOffer(
      *sdp, options(),
      [](unsigned i, const std::string&) { return static_cast<uint16_t>(10000 + 2 * i); }, session);
  if (result.streams.size() != sdp->media.size() || result.answer.media.size() != sdp->media.size())
    __builtin_trap();
  // Our own answer must parse, and must be a valid answer to the offer.
  auto answer = SessionDescription::parse(result.answer.serialize(), &error);
  if (!answer)
    __builtin_trap();
  for (const NegotiatedStream& s : result.streams) {
    if (s.accepted && s.formats.empty())
      __builtin_trap();
  }
  if (result.anyAccepted && !applyAnswer(*sdp, *answer, options(), &error))
    __builtin_trap();
  return 0;
}
