#pragma once
/// @file
/// How a session carries DTMF: the endpoint's dtmf_mode, settled by what SDP negotiated, as
/// chan_pjsip decides it.

#include <string_view>

namespace sb::modules::chan_pjsip {

/// The way digits go out and are listened for.
enum class DtmfMethod {
  None,     ///< dtmf_mode=none: digits neither sent nor heard
  Rfc4733,  ///< RFC 4733 telephone-events in the RTP stream
  Info,     ///< SIP INFO (application/dtmf-relay)
  Inband,   ///< tones in the G.711 audio
};

/// rfc4733, info, inband and none as they say; auto is rfc4733 when telephone-event was
/// negotiated and inband otherwise; auto_info is rfc4733 when negotiated and info otherwise.
/// An unknown word is rfc4733, the default.
DtmfMethod dtmfMethod(std::string_view dtmfMode, bool telephoneEventNegotiated);

}  // namespace sb::modules::chan_pjsip
