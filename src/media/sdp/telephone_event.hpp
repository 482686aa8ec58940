#pragma once
// Adding or removing RFC 4733 telephone-event in a body we already sent, for the re-offer a
// change of DTMF mode makes (PJSIP_DTMF_MODE on an established call): codecs, ports and
// payload types stay as negotiated.

#include "media/sdp/session_description.hpp"

namespace sb::media {

/// In every accepted (port != 0) RTP audio stream: with `enable`, adds telephone-event/8000
/// (payload type 101, or the first free dynamic one, fmtp 0-16) after the codecs when it is
/// missing; without, removes every telephone-event format and its rtpmap/fmtp lines. Returns
/// true when the body changed.
bool setTelephoneEvent(SessionDescription& sdp, bool enable);

}  // namespace sb::media
