#pragma once
/// @file
/// PJSIPHangup (chan_pjsip, Asterisk 18.21/20.6/21.1): ends an incoming PJSIP call that is not
/// answered yet with a chosen SIP final response. The dialplan application (chan_pjsip) and
/// the manager action (manager_calls) share these: the response code's checks and the
/// hang-up itself, with Asterisk's warnings.

#include <string>
#include <string_view>

#include "modules/pbx/channel.hpp"

namespace sb::modules::pbx {

/// ast_sip_str2rc: a response code named as pjsip's pjsip_status_code does, with or without
/// its PJSIP_SC_ prefix, in any case ("BUSY_HERE", "pjsip_sc_decline"); -1 when unknown.
int sipResponseCodeByName(std::string_view name);

/// response_code_validator: a number, or a name sipResponseCodeByName knows, in 400..699;
/// anything else is 603 (Decline), with Asterisk's warning naming `channelName`.
int pjsipHangupResponse(const std::string& channelName, std::string_view text);

/// pjsip_app_hangup_handler: sends `status` as the final response of `channel`'s INVITE and
/// ends the call (HangupRequest, as when a session ends under a channel). Only a PJSIP
/// channel that is incoming and not answered can; otherwise a warning is logged and nothing
/// changes. True when the response went out.
bool pjsipHangup(Channel& channel, int status);

}  // namespace sb::modules::pbx
