#pragma once
/// @file
/// The dialplan's say over one PJSIP call: PJSIP_DTMF_MODE() read/write, PJSIP_MEDIA_OFFER
/// (audio|video) read/write, and chan_sip's SIPDtmfMode(mode) application mapped onto the
/// same change. They act on the SIP session driving the channel.

#include <optional>
#include <string>
#include <string_view>

#include "core/util/registration.hpp"
#include "modules/pbx/pbx_service.hpp"

namespace sb::store {
class ObjectStore;
}

namespace sb::modules::chan_pjsip {

/// ast_sip_str_to_dtmf: a dtmf_mode word (any case) as its canonical lower-case form, or
/// nullopt when it is none of rfc4733, inband, info, auto, auto_info, none.
std::optional<std::string> dtmfModeWord(std::string_view text);

/// SIPDtmfMode's modes onto dtmf_mode words: info and shortinfo -> info, rfc2833 -> rfc4733,
/// inband -> inband (any case); nullopt for others.
std::optional<std::string> legacyDtmfMode(std::string_view text);

/// Registers the two functions and the application. A hung-up channel's session is gone:
/// reads then give its endpoint's configured values from `store`, writes do nothing.
[[nodiscard]] Registrations addChannelFunctions(pbx::PbxService& pbx,
                                                const store::ObjectStore& store);

}  // namespace sb::modules::chan_pjsip
