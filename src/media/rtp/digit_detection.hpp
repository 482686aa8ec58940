#pragma once
/// @file
/// Which DTMF a stream listens for (RtpStream::detectDigits).

namespace sb::media {

/// The payload types that carry DTMF on one stream; -1 switches a kind off.
struct DigitDetection {
  int eventPayloadType = -1;   ///< RFC 4733 telephone-events with this payload type
  int inbandPayloadType = -1;  ///< G.711 audio with this payload type, searched for tones
  bool inbandAlaw = false;     ///< that audio is A-law (else µ-law)
};

}  // namespace sb::media
