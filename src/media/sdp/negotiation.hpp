#pragma once
// Pieces shared by answerOffer, makeOffer and applyAnswer (internal to src/media/sdp).

#include <optional>
#include <string>
#include <vector>

#include "media/sdp/offer_answer.hpp"

namespace sb::media::detail {

/// One entry of an m= line's format list, resolved.
struct OfferedFormat {
  int payloadType = -1;
  const Codec* codec = nullptr;  ///< nullptr for telephone-event and unknown formats.
  bool telephoneEvent = false;
  unsigned clockRate = 0;  ///< From rtpmap (telephone-event's rate), 0 if none.
  std::optional<std::string> fmtp;
};

/// Resolves each format of an RTP m= line through rtpmap (or the static table); formats that
/// are not payload type numbers are left out.
std::vector<OfferedFormat> resolveFormats(const MediaDescription& m);

/// "IP6" for an address with a colon, else "IP4".
std::string addrTypeOf(const std::string& address);

/// v=, o= (owner and address; id and version come from SdpSession), s=, c= and t= of a body we
/// send.
SessionDescription skeleton(const MediaOptions& options);

/// Our direction given what the peer said (from its side), whether it gave the hold address,
/// and what we want.
MediaDirection ourDirection(MediaDirection peer, bool peerHoldAddress, MediaDirection local);

/// Appends a=rtpmap (and a=fmtp when there are parameters) for a codec.
void addCodecAttributes(MediaDescription& m, const NegotiatedFormat& f);
/// Appends telephone-event/<rate> with its fmtp.
void addTelephoneEvent(MediaDescription& m, int pt, unsigned rate, const std::string& fmtp);
/// Appends a=ptime and a=maxptime (when non-zero).
void addPacketization(MediaDescription& m, unsigned ptime, unsigned maxptime);

/// Smallest framing and smallest maximum (0 if none) over the audio formats.
std::pair<unsigned, unsigned> packetization(const std::vector<NegotiatedFormat>& formats,
                                            const CodecPrefs& prefs);

/// The address part of a connection address (drops a multicast /ttl suffix).
std::string connectionAddress(const Connection* c);

/// True for the plain RTP profile we support.
bool isPlainRtp(const std::string& proto);

}  // namespace sb::media::detail
