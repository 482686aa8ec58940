#pragma once
// RFC 3264 offer/answer with chan_pjsip's defaults: answer in the offerer's codec order
// (incoming_offer_codec_prefs = prefer:pending, operation:intersect, keep:all), keep the
// offerer's payload type numbers, echo telephone-event, and write an Asterisk-looking body.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "media/codec/codec_prefs.hpp"
#include "media/sdp/sdp_session.hpp"
#include "media/sdp/session_description.hpp"

namespace sb::media {

/// One codec of a negotiated stream.
struct NegotiatedFormat {
  const Codec* codec = nullptr;
  int payloadType = -1;  ///< The number used on the wire for it.
  std::string fmtp;      ///< fmtp parameters ("annexb=no"), empty if none.
  bool operator==(const NegotiatedFormat&) const = default;
};

/// The outcome of offer/answer for one m= line.
struct NegotiatedStream {
  std::string type;                       ///< m= media type ("audio").
  unsigned index = 0;                     ///< Position of the m= line.
  bool accepted = false;                  ///< False when the stream was declined (port 0).
  std::vector<NegotiatedFormat> formats;  ///< First = the codec to send.
  int dtmfPayloadType = -1;               ///< telephone-event payload type, or -1.
  MediaDirection direction = MediaDirection::SendRecv;  ///< From our point of view.
  std::string remoteAddress;                            ///< Where to send RTP.
  uint16_t remotePort = 0;
  std::optional<uint16_t> remoteRtcpPort;  ///< a=rtcp, when the peer gave one.
  bool remoteHold = false;                 ///< The peer holds: c=0.0.0.0, sendonly or inactive.
  unsigned ptime = 0;                      ///< Packetization in ms (0 for video).
};

/// What an endpoint allows; defaults are chan_pjsip's.
struct MediaOptions {
  CodecPrefs codecs;                       ///< allow= / disallow=.
  unsigned maxAudioStreams = 1;            ///< max_audio_streams.
  unsigned maxVideoStreams = 1;            ///< max_video_streams.
  bool preferredCodecOnly = false;         ///< preferred_codec_only.
  bool telephoneEvent = true;              ///< dtmf_mode is rfc4733 or auto.
  std::string sdpOwner = "-";              ///< sdp_owner.
  std::string sdpSession = "Asterisk";     ///< sdp_session.
  std::string localAddress = "127.0.0.1";  ///< Our media address, IPv4 or IPv6 literal.
};

/// Gives our RTP port for an accepted stream (m= line index and media type). Must be set: an
/// accepted stream with port 0 would read as declined.
using PortAllocator = std::function<uint16_t(unsigned streamIndex, const std::string& type)>;

/// The answer to an offer and what it agreed on.
struct AnswerResult {
  SessionDescription answer;
  std::vector<NegotiatedStream> streams;  ///< One per offered m= line.
  bool anyAccepted = false;  ///< False: nothing acceptable, reply 488 Not Acceptable Here.
};

/// Answers an offer. Audio and video streams are accepted up to the limits when some offered
/// codec is allowed; others (other media, non RTP/AVP profiles such as SRTP or udptl, port 0)
/// are declined with port 0 and the first offered format (RFC 3264 §6). localDirection is what
/// we want (SendOnly to hold the peer); it is combined with the offered direction.
AnswerResult answerOffer(const SessionDescription& offer, const MediaOptions& options,
                         const PortAllocator& ports, SdpSession& session,
                         MediaDirection localDirection = MediaDirection::SendRecv);

/// Builds an offer: one m= line per entry of streamTypes (up to the stream limits, skipping
/// kinds with no allowed codec) listing every allowed codec in preference order with Asterisk's
/// payload types, plus telephone-event/8000 (101, fmtp 0-16) in audio when enabled.
SessionDescription makeOffer(const MediaOptions& options, const PortAllocator& ports,
                             SdpSession& session,
                             MediaDirection localDirection = MediaDirection::SendRecv,
                             const std::vector<std::string>& streamTypes = {"audio"});

/// Checks an answer against our offer (same m= lines and media types, same profile, only codecs
/// we offered, some codec in each accepted stream) and returns the negotiated streams, or
/// nothing with *error set.
std::optional<std::vector<NegotiatedStream>> applyAnswer(const SessionDescription& ourOffer,
                                                         const SessionDescription& answer,
                                                         const MediaOptions& options,
                                                         std::string* error = nullptr);

}  // namespace sb::media
