#pragma once
/// @file
/// PJSIP_PARSE_URI(uri,type) and PJSIP_PARSE_URI_FROM(variable,type): one part of a SIP
/// or SIPS URI, bare or as a name-addr (`"Alice" <sip:alice@host>`), read as pjsip parses
/// it — user, password and parameter values unescaped, an IPv6 host without brackets,
/// port 0 and ttl_param -1 when absent, lr_param 0 or 1.

#include <string>
#include <string_view>

#include "core/util/registration.hpp"
#include "modules/chan_pjsip/functions/function_outcome.hpp"

namespace sb::modules::chan_pjsip {

/// The part `type` (display, scheme, user, passwd, host, port, user_param, method_param,
/// transport_param, ttl_param, lr_param, maddr_param) of `uri`.
Outcome uriPart(std::string_view uri, std::string_view type);

/// Reads a variable for PJSIP_PARSE_URI_FROM (channel variable, then global); nullopt when
/// it is not set.
using VariableLookup = std::function<std::optional<std::string>(const std::string& name)>;

/// PJSIP_PARSE_URI (`lookup` null) or PJSIP_PARSE_URI_FROM with its `args`.
Outcome parseUriFunction(const std::string& args, const VariableLookup& lookup);

/// Registers both functions.
[[nodiscard]] Registrations addParseUriFunctions(pbx::PbxService& pbx);

}  // namespace sb::modules::chan_pjsip
