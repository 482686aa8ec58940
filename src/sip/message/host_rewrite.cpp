#include "sip/message/host_rewrite.hpp"

#include <vector>

#include "sip/message/name_addr.hpp"
#include "sip/message/uri.hpp"
#include "sip/message/via.hpp"

namespace sb::sip {

namespace {

/// The host as it is written in a URI or Via: IPv6 in brackets.
std::string writtenHost(std::string_view host) {
  if (isIPv6Address(host)) {
    return "[" + std::string(host) + "]";
  }
  return std::string(host);
}

/// Replaces the host[:port] starting at `host` (a view into `text`).
std::string splice(std::string_view text, std::string_view host, const HostReplacement& by) {
  const std::size_t start = static_cast<std::size_t>(host.data() - text.data());
  const std::size_t length = hostPortLength(text.substr(start));
  std::string_view oldPort;
  const std::string_view written = text.substr(start, length);
  if (written.size() > host.size() && written[host.size()] == ':') {
    oldPort = written.substr(host.size() + 1);
  }
  std::string out(text.substr(0, start));
  out += writtenHost(by.host);
  if (by.port) {
    out += ':' + std::to_string(*by.port);
  } else if (!oldPort.empty()) {
    out += ':';
    out += oldPort;
  }
  out += text.substr(start + length);
  return out;
}

}  // namespace

std::optional<std::string> withViaSentBy(std::string_view via, const HostReplacement& by) {
  std::vector<Via> parsed;
  if (!parseViaList(via, parsed) || parsed.empty() || parsed.front().host.empty()) {
    return std::nullopt;
  }
  return splice(via, parsed.front().host, by);
}

std::optional<std::string> withUriHost(std::string_view contact, const HostReplacement& by) {
  std::vector<NameAddr> parsed;
  if (!parseNameAddrList(contact, parsed, false) || parsed.empty()) {
    return std::nullopt;
  }
  const Uri& uri = parsed.front().uri;
  if (!uri.isSip() || uri.host.empty()) {
    return std::nullopt;
  }
  return splice(contact, uri.host, by);
}

}  // namespace sb::sip
