#include "modules/res_pjsip_messaging/message_uri.hpp"

#include <fmt/format.h>

#include "sip/message/name_addr.hpp"
#include "sip/message/text.hpp"
#include "sip/message/uri.hpp"

namespace sb::modules::res_pjsip_messaging {

namespace {

/// RFC 3261 25.1: user = 1*( unreserved / escaped / user-unreserved ).
bool isUserChar(char c) {
  return sip::text::isAlnum(c) ||
         std::string_view("-_.!~*'()&=+$,;?/").find(c) != std::string_view::npos;
}

}  // namespace

std::optional<Address> parseAddress(std::string_view text) {
  text = sip::text::trim(text);
  if (text.find('<') != std::string_view::npos) {
    const auto nameAddr = sip::parseNameAddr(text);
    if (!nameAddr || nameAddr->wildcard || !nameAddr->angleBrackets) {
      return std::nullopt;
    }
    return Address{nameAddr->displayNameUnquoted(), std::string(nameAddr->uri.raw),
                   nameAddr->uri.isSip()};
  }
  const auto uri = sip::parseUri(text);
  if (!uri) {
    return std::nullopt;
  }
  return Address{"", std::string(uri->raw), uri->isSip()};
}

std::string escapeUser(std::string_view user) {
  std::string out;
  for (std::size_t i = 0; i < user.size(); ++i) {
    const char c = user[i];
    // An escape already written stays as it is.
    const bool escaped = c == '%' && i + 2 < user.size() && sip::text::isHex(user[i + 1]) &&
                         sip::text::isHex(user[i + 2]);
    if (isUserChar(c) || escaped) {
      out += c;
    } else {
      out += fmt::format("%{:02X}", static_cast<unsigned char>(c));
    }
  }
  return out;
}

std::optional<std::string> withUser(std::string_view uriText, std::string_view user) {
  const auto uri = sip::parseUri(uriText);
  if (!uri || !uri->isSip()) {
    return std::nullopt;
  }
  // The views point into `uriText`: keep the scheme, then the user, then everything from
  // the host on.
  const auto hostAt = static_cast<std::size_t>(uri->host.data() - uriText.data());
  if (user.empty()) {
    return fmt::format("{}:{}", uri->schemeText, uriText.substr(hostAt));
  }
  return fmt::format("{}:{}@{}", uri->schemeText, escapeUser(user), uriText.substr(hostAt));
}

}  // namespace sb::modules::res_pjsip_messaging
