#include "modules/res_pjsip_messaging/message_from.hpp"

#include <fmt/format.h>

#include "modules/res_pjsip_messaging/message_uri.hpp"
#include "sip/message/uri.hpp"

namespace sb::modules::res_pjsip_messaging {

std::optional<std::string> applyFrom(res_pjsip::FromIdentity& from, std::string_view text) {
  if (text.empty()) {
    return std::nullopt;
  }
  const auto refused = fmt::format("From address '{}' is not a valid SIP/SIPS URI", text);
  if (const auto address = parseAddress(text)) {
    if (!address->sip) {
      return refused;
    }
    const auto uri = sip::parseUri(address->uri);
    if (!uri) {
      return refused;
    }
    if (!address->display.empty()) {
      from.display = address->display;
    }
    from.user = std::string(uri->user);
    from.host = std::string(uri->host);
    if (uri->hasPort) {
      from.host += fmt::format(":{}", uri->port);
    }
    return std::nullopt;
  }
  // Not an address: `user[@domain]`.
  const auto at = text.find('@');
  if (at == std::string_view::npos) {
    from.user = escapeUser(text);
    return std::nullopt;
  }
  const std::string_view domain = text.substr(at + 1);
  if (!sip::parseHostPort(domain)) {
    return refused;
  }
  from.user = escapeUser(text.substr(0, at));
  from.host = std::string(domain);
  return std::nullopt;
}

std::optional<ToHeader> toOverride(std::string_view to, std::string& warning) {
  if (to.starts_with("pjsip:")) {
    to.remove_prefix(6);
  }
  if (!to.starts_with("sip:") && !to.starts_with("sips:")) {
    return std::nullopt;
  }
  const auto address = parseAddress(to);
  if (!address || !address->sip) {
    warning = fmt::format("To address '{}' is not a valid SIP/SIPS URI", to);
    return std::nullopt;
  }
  return ToHeader{address->uri, ""};
}

}  // namespace sb::modules::res_pjsip_messaging
