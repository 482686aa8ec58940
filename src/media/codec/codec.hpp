#pragma once
// Asterisk's codec table: the names `allow=` takes, how each appears in SDP (rtpmap encoding,
// clock rate, payload type) and its packetization limits (Asterisk's codec_builtin.c).

#include <span>
#include <string_view>

namespace sb::media {

/// What an m= line carries; Asterisk's ast_media_type (image covers jpeg, png and t38).
enum class MediaKind { Audio, Video, Image, Text };

/// "audio", "video", "image" or "text".
std::string_view mediaKindName(MediaKind kind);

/// One entry of the codec table.
struct Codec {
  std::string_view name;         ///< Asterisk's format name, as in `allow=` ("ulaw", "g722").
  std::string_view description;  ///< Asterisk's description ("G.711 u-law").
  MediaKind kind;                ///< Asterisk's media type.
  std::string_view sdpMedia;     ///< m= type it is offered in; empty if never offered over RTP.
  std::string_view encoding;     ///< rtpmap encoding name ("PCMU"); empty if not in SDP.
  unsigned rtpClockRate;         ///< rtpmap clock rate (8000 for G722, which samples at 16000).
  unsigned sampleRate;           ///< Real sample rate (0 for video and image).
  unsigned channels;             ///< rtpmap channel count (2 for opus, else 1).
  int staticPayload;             ///< RFC 3551 static payload type, or -1.
  int payloadType;               ///< The payload type Asterisk offers it with, or -1.
  unsigned minMs;                ///< Smallest packetization in ms (0: not framed).
  unsigned maxMs;                ///< Largest packetization in ms (a=maxptime).
  unsigned defaultMs;            ///< Default packetization in ms (a=ptime).
  std::string_view defaultFmtp;  ///< fmtp Asterisk sends in offers ("annexb=no" for g729).

  /// True when the codec can be negotiated in an RTP m= line.
  bool inSdp() const { return !encoding.empty() && payloadType >= 0; }
};

/// Every codec, in Asterisk's registration order (the order `allow=all` adds them).
std::span<const Codec> allCodecs();

/// The codec with this Asterisk name (case-insensitive), or nullptr.
const Codec* findCodec(std::string_view asteriskName);

/// The codec an rtpmap names (encoding case-insensitive, aliases such as G729A accepted), or
/// nullptr. A channel count of 0 means "not given" (1).
const Codec* findCodecByRtpmap(std::string_view encoding, unsigned clockRate,
                               unsigned channels = 1);

/// The codec a static payload type (0-95) means without rtpmap, or nullptr.
const Codec* findCodecByStaticPayload(int pt);

/// The telephone-event (RFC 4733) payload type Asterisk offers.
inline constexpr int kTelephoneEventPayloadType = 101;

}  // namespace sb::media
