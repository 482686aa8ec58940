#pragma once
/// @file
/// The applications and functions the PBX core provides, registered with the service.

#include "core/util/registration.hpp"
#include "modules/pbx/pbx_service.hpp"

namespace sb::modules::pbx {

/// Answer, Hangup, NoOp, Verbose, Log, Set, Goto, GotoIf, Gosub, Return, Wait, Ringing,
/// Progress, Busy, Congestion, UserEvent.
[[nodiscard]] Registrations addBasicApplications(PbxService& pbx);
/// Echo and Playback: media on the channel's relay stream (prompts from PbxService::soundsDir).
[[nodiscard]] Registrations addMediaApplications(PbxService& pbx);
/// Dial.
[[nodiscard]] Registrations addDialApplication(PbxService& pbx);
/// SendDTMF.
[[nodiscard]] Registrations addDtmfApplications(PbxService& pbx);
/// CALLERID, CHANNEL, LEN, IF, ISNULL, EXISTS, GLOBAL.
[[nodiscard]] Registrations addCoreFunctions(PbxService& pbx);
/// DEVICE_STATE: reads any device's state, sets "Custom:" devices.
[[nodiscard]] Registrations addDeviceStateFunctions(PbxService& pbx);
/// PJSIP_HEADER, PJSIP_HEADERS, SIP_HEADER, SIP_HEADERS, SIPAddHeader, SIPRemoveHeader.
[[nodiscard]] Registrations addSipHeaderFunctions(PbxService& pbx);

/// Application data with surrounding white space removed, as a string of its own.
std::string trimmedString(std::string_view text);

/// Asterisk's pbx_checkcondition: empty is false, a number is its value, other text is true.
bool conditionTrue(std::string_view text);

}  // namespace sb::modules::pbx
