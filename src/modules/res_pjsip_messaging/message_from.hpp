#pragma once
/// @file
/// MessageSend's `From`, and its `To` when a `Destination` is given too, laid over the
/// identities the MESSAGE would otherwise carry, as res_pjsip's ast_sip_update_from and
/// ast_sip_update_to_uri do. Pure.
///
///   From: "Alice" <sip:alice@example.com>  display (if any), user, host and port replaced
///   From: sip:alice@example.com:5080       user, host and port replaced
///   From: alice@example.com                user and host replaced
///   From: alice                            user replaced
///   From: tel:+123                         ignored with a warning (not SIP)

#include <optional>
#include <string>
#include <string_view>

#include "modules/res_pjsip/outbound/out_of_dialog_request.hpp"

namespace sb::modules::res_pjsip_messaging {

/// Lays `text` over `from`; returns the warning to log when `text` is refused (then `from`
/// is left as it was). An empty `text` changes nothing.
std::optional<std::string> applyFrom(res_pjsip::FromIdentity& from, std::string_view text);

/// The To header a MessageSend `To` sets.
struct ToHeader {
  std::string uri;
  std::string display;
};

/// The To that `to` sets when the MESSAGE goes to a `Destination`: only a text starting with
/// `sip:` or `sips:` (after an optional `pjsip:`) does, display name cleared; std::nullopt
/// otherwise (the To stays the Request-URI). `warning` is set for a sip: text that does not
/// parse.
std::optional<ToHeader> toOverride(std::string_view to, std::string& warning);

}  // namespace sb::modules::res_pjsip_messaging
