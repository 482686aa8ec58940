#pragma once
/// @file
/// Asterisk's `symmetric_transport`: a contact that registered over such a transport carries
/// the transport's name in the URI parameter `x-ast-txp` (shown with the contact in the CLI
/// and AMI); requests to it leave over that transport, and the parameter is taken out of
/// the Request-URI they carry.

#include <string>
#include <string_view>

namespace sb::modules::res_pjsip {

/// The URI parameter naming the transport a contact registered over.
inline constexpr std::string_view kTransportParam = "x-ast-txp";

/// `uri` with ";x-ast-txp=<transport>" among its parameters (replacing one it had); `uri`
/// itself when it does not parse as a SIP URI.
std::string withTransportParam(std::string_view uri, std::string_view transport);
/// `uri` without its x-ast-txp parameter (the Request-URI of a request to the contact).
std::string withoutTransportParam(std::string_view uri);
/// The transport named by `uri`'s x-ast-txp parameter, empty when it has none.
std::string transportParamOf(std::string_view uri);

}  // namespace sb::modules::res_pjsip
