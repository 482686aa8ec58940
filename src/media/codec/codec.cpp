#include "media/codec/codec.hpp"

#include <array>

#include "media/codec/strings.hpp"

namespace sb::media {
namespace {

constexpr MediaKind A = MediaKind::Audio;
constexpr MediaKind V = MediaKind::Video;
constexpr MediaKind I = MediaKind::Image;
constexpr MediaKind T = MediaKind::Text;

// Order and packetization follow Asterisk's codec_builtin.c; encodings and payload types follow
// rtp_engine.c (its static map, including the numbers it fixes for dynamic codecs). Signed
// linear is kept out of SDP on purpose: the RTP relay does not carry L16.
constexpr std::array kCodecs{
    //    name, description, kind, m=, encoding, rtp clock, rate, ch, static, pt, min, max, def
    Codec{"g723", "G.723.1", A, "audio", "G723", 8000, 8000, 1, 4, 4, 30, 300, 30, ""},
    Codec{"ulaw", "G.711 u-law", A, "audio", "PCMU", 8000, 8000, 1, 0, 0, 10, 150, 20, ""},
    Codec{"alaw", "G.711 a-law", A, "audio", "PCMA", 8000, 8000, 1, 8, 8, 10, 150, 20, ""},
    Codec{"gsm", "GSM", A, "audio", "GSM", 8000, 8000, 1, 3, 3, 20, 300, 20, ""},
    Codec{"g726", "G.726 RFC3551", A, "audio", "G726-32", 8000, 8000, 1, -1, 111, 10, 300, 20, ""},
    Codec{"g726aal2", "G.726 AAL2", A, "audio", "AAL2-G726-32", 8000, 8000, 1, -1, 112, 10, 300, 20,
          ""},
    Codec{"adpcm", "Dialogic ADPCM", A, "audio", "DVI4", 8000, 8000, 1, 5, 5, 10, 300, 20, ""},
    Codec{"slin", "16 bit Signed Linear PCM", A, "", "", 0, 8000, 1, -1, -1, 10, 70, 20, ""},
    Codec{"slin12", "16 bit Signed Linear PCM (12kHz)", A, "", "", 0, 12000, 1, -1, -1, 10, 70, 20,
          ""},
    Codec{"slin16", "16 bit Signed Linear PCM (16kHz)", A, "", "", 0, 16000, 1, -1, -1, 10, 70, 20,
          ""},
    Codec{"slin24", "16 bit Signed Linear PCM (24kHz)", A, "", "", 0, 24000, 1, -1, -1, 10, 70, 20,
          ""},
    Codec{"slin32", "16 bit Signed Linear PCM (32kHz)", A, "", "", 0, 32000, 1, -1, -1, 10, 70, 20,
          ""},
    Codec{"slin44", "16 bit Signed Linear PCM (44kHz)", A, "", "", 0, 44100, 1, -1, -1, 10, 70, 20,
          ""},
    Codec{"slin48", "16 bit Signed Linear PCM (48kHz)", A, "", "", 0, 48000, 1, -1, -1, 10, 70, 20,
          ""},
    Codec{"slin96", "16 bit Signed Linear PCM (96kHz)", A, "", "", 0, 96000, 1, -1, -1, 10, 70, 20,
          ""},
    Codec{"slin192", "16 bit Signed Linear PCM (192kHz)", A, "", "", 0, 192000, 1, -1, -1, 10, 70,
          20, ""},
    Codec{"lpc10", "LPC10", A, "audio", "LPC", 8000, 8000, 1, 7, 7, 20, 20, 20, ""},
    Codec{"g729", "G.729A", A, "audio", "G729", 8000, 8000, 1, 18, 18, 10, 230, 20, "annexb=no"},
    Codec{"speex", "SpeeX", A, "audio", "speex", 8000, 8000, 1, -1, 110, 10, 60, 20, ""},
    Codec{"speex16", "SpeeX 16khz", A, "audio", "speex", 16000, 16000, 1, -1, 117, 10, 60, 20, ""},
    Codec{"speex32", "SpeeX 32khz", A, "audio", "speex", 32000, 32000, 1, -1, 119, 10, 60, 20, ""},
    Codec{"ilbc", "iLBC", A, "audio", "iLBC", 8000, 8000, 1, -1, 97, 30, 30, 30, "mode=30"},
    Codec{"g722", "G722", A, "audio", "G722", 8000, 16000, 1, 9, 9, 10, 150, 20, ""},
    Codec{"siren7", "ITU G.722.1 (Siren7, licensed from Polycom)", A, "audio", "G7221", 16000,
          16000, 1, -1, 102, 20, 80, 20, "bitrate=32000"},
    Codec{"siren14", "ITU G.722.1 Annex C, (Siren14, licensed from Polycom)", A, "audio", "G7221",
          32000, 32000, 1, -1, 115, 20, 80, 20, "bitrate=48000"},
    Codec{"testlaw", "G.711 test-law", A, "", "", 0, 8000, 1, -1, -1, 10, 150, 20, ""},
    Codec{"g719", "ITU G.719", A, "audio", "G719", 48000, 48000, 1, -1, 116, 20, 80, 20, ""},
    Codec{"opus", "Opus Codec", A, "audio", "opus", 48000, 48000, 2, -1, 107, 20, 60, 20,
          "useinbandfec=1"},
    Codec{"jpeg", "JPEG image", I, "video", "JPEG", 90000, 0, 1, 26, 26, 0, 0, 0, ""},
    Codec{"png", "PNG Image", I, "", "", 0, 0, 1, -1, -1, 0, 0, 0, ""},
    Codec{"h261", "H.261 video", V, "video", "H261", 90000, 0, 1, 31, 31, 0, 0, 0, ""},
    Codec{"h263", "H.263 video", V, "video", "H263", 90000, 0, 1, 34, 34, 0, 0, 0, ""},
    Codec{"h263p", "H.263+ video", V, "video", "h263-1998", 90000, 0, 1, -1, 98, 0, 0, 0, ""},
    Codec{"h264", "H.264 video", V, "video", "H264", 90000, 0, 1, -1, 99, 0, 0, 0, ""},
    Codec{"h265", "H.265 video", V, "video", "H265", 90000, 0, 1, -1, 109, 0, 0, 0, ""},
    Codec{"mpeg4", "MPEG4 video", V, "video", "MP4V-ES", 90000, 0, 1, -1, 104, 0, 0, 0, ""},
    Codec{"vp8", "VP8 video", V, "video", "VP8", 90000, 0, 1, -1, 100, 0, 0, 0, ""},
    Codec{"vp9", "VP9 video", V, "video", "VP9", 90000, 0, 1, -1, 108, 0, 0, 0, ""},
    Codec{"red", "T.140 Realtime Text with redundancy", T, "text", "RED", 1000, 0, 1, -1, 105, 0, 0,
          0, ""},
    Codec{"t140", "Passthrough T.140 Realtime Text", T, "text", "T140", 1000, 0, 1, -1, 106, 0, 0,
          0, ""},
    // T.38 travels over UDPTL (m=image ... udptl t38), not RTP.
    Codec{"t38", "T.38 UDPTL Fax", I, "", "", 0, 0, 1, -1, -1, 0, 0, 0, ""},
};

// Other encoding names Asterisk's rtp_engine.c maps to a codec.
struct Alias {
  std::string_view encoding;
  std::string_view codec;
};
constexpr std::array kAliases{
    Alias{"G711U", "ulaw"},
    Alias{"G711A", "alaw"},
    Alias{"G729A", "g729"},
    Alias{"G.729", "g729"},
};

}  // namespace

std::string_view mediaKindName(MediaKind kind) {
  switch (kind) {
    case MediaKind::Audio:
      return "audio";
    case MediaKind::Video:
      return "video";
    case MediaKind::Image:
      return "image";
    case MediaKind::Text:
      return "text";
  }
  return "audio";
}

std::span<const Codec> allCodecs() {
  return kCodecs;
}

const Codec* findCodec(std::string_view asteriskName) {
  for (const Codec& c : kCodecs) {
    if (iequals(c.name, asteriskName))
      return &c;
  }
  return nullptr;
}

const Codec* findCodecByRtpmap(std::string_view encoding, unsigned clockRate, unsigned channels) {
  if (channels == 0)
    channels = 1;
  for (const Alias& a : kAliases) {
    if (iequals(a.encoding, encoding))
      encoding = findCodec(a.codec)->encoding;
  }
  for (const Codec& c : kCodecs) {
    if (!c.inSdp() || !iequals(c.encoding, encoding) || c.rtpClockRate != clockRate)
      continue;
    // A mono codec offered as stereo is something else; opus (always "/2") may omit it.
    if (channels > c.channels)
      continue;
    return &c;
  }
  return nullptr;
}

const Codec* findCodecByStaticPayload(int pt) {
  if (pt < 0 || pt > 95)
    return nullptr;
  for (const Codec& c : kCodecs) {
    if (c.staticPayload == pt)
      return &c;
  }
  return nullptr;
}

}  // namespace sb::media
