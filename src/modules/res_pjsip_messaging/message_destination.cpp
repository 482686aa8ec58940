#include "modules/res_pjsip_messaging/message_destination.hpp"

#include <fmt/format.h>

#include "modules/res_pjsip_messaging/message_uri.hpp"
#include "sip/message/text.hpp"

namespace sb::modules::res_pjsip_messaging {

namespace {

/// The endpoint and URI text a destination names, before the URI is checked.
struct Found {
  std::string endpoint;
  std::string uri;
  std::optional<ContactRef> contact;
};

/// Collects Asterisk's log lines while a destination is read.
class Reader {
 public:
  Reader(std::string_view destination, const DestinationLookup& lookup)
      : destination_(destination), lookup_(lookup) {}

  std::vector<std::string> warnings;

  /// ast_sip_get_endpoint with the default outbound endpoint for bare URIs.
  std::optional<Found> pjsip() {
    const std::string_view dest = destination_;
    const auto slash = dest.find('/');
    const auto at = dest.find('@');
    const bool scheme =
        dest.find("sip:") != std::string_view::npos || dest.find("sips:") != std::string_view::npos;
    if (slash == std::string_view::npos && at == std::string_view::npos && !scheme) {
      return singleToken();
    }
    if (slash != std::string_view::npos) {
      return withSlash(slash, at, scheme);
    }
    if (at != std::string_view::npos && !scheme) {
      return withAtSign(at);
    }
    return withDefaultEndpoint(std::string(dest));
  }

  /// chan_sip's sip_msg_send: `sip:[user@]peer` or `sip:[user@]host[:port]`.
  std::optional<Found> legacy(std::string_view to) {
    std::string_view uri = to;
    if (const auto open = uri.find('<'); open != std::string_view::npos) {
      uri = uri.substr(open + 1);
      uri = uri.substr(0, uri.find('>'));
    }
    std::string scheme = "sip";
    if (startsWithNoCase(uri, "sip:")) {
      uri.remove_prefix(4);
    } else if (startsWithNoCase(uri, "sips:")) {
      uri.remove_prefix(5);
      scheme = "sips";
    } else {
      uri = {};
    }
    uri = uri.substr(0, uri.find('?'));
    std::string_view user;
    std::string_view host = uri;
    if (const auto at = uri.find('@'); at != std::string_view::npos) {
      user = uri.substr(0, at);
      host = uri.substr(at + 1);
    }
    host = host.substr(0, host.find(';'));
    if (host.empty()) {
      warnings.push_back(fmt::format("MESSAGE(to) is invalid for SIP - '{}'", to));
      return std::nullopt;
    }
    if (!lookup_.endpointExists(host)) {
      // Not a peer: a host, reached without an endpoint unless a default one is configured.
      Found found;
      found.endpoint = lookup_.defaultOutboundEndpoint();
      found.uri = user.empty() ? fmt::format("{}:{}", scheme, host)
                               : fmt::format("{}:{}@{}", scheme, escapeUser(user), host);
      return found;
    }
    auto contact = lookup_.firstContactOfEndpoint(host);
    if (!contact) {
      warnings.push_back(fmt::format(
          "Dest: '{}'. Found endpoint '{}' but didn't find an aor/contact for it", to, host));
      return std::nullopt;
    }
    return toContact(std::string(host), std::move(*contact), user, !user.empty());
  }

 private:
  static bool startsWithNoCase(std::string_view text, std::string_view prefix) {
    return text.size() >= prefix.size() &&
           sip::text::iequals(text.substr(0, prefix.size()), prefix);
  }

  /// The contact's URI (with `user` put in when `withUser`), from `endpoint`.
  std::optional<Found> toContact(std::string endpoint, ContactRef contact, std::string_view user,
                                 bool replaceUser) {
    Found found;
    found.endpoint = std::move(endpoint);
    if (replaceUser) {
      auto uri = withUser(contact.uri, user);
      if (!uri) {
        warnings.push_back(fmt::format("Failed to parse URI '{}'", contact.uri));
        return std::nullopt;
      }
      found.uri = std::move(*uri);
    } else {
      found.uri = contact.uri;
    }
    found.contact = std::move(contact);
    return found;
  }

  /// A URI with no endpoint of its own goes with the default outbound endpoint, which must
  /// exist for res_pjsip_messaging.
  std::optional<Found> withDefaultEndpoint(std::string uri) {
    std::string endpoint = lookup_.defaultOutboundEndpoint();
    if (endpoint.empty()) {
      return std::nullopt;
    }
    return Found{std::move(endpoint), std::move(uri), std::nullopt};
  }

  /// `endpoint` or `host`.
  std::optional<Found> singleToken() {
    const std::string name(destination_);
    if (!lookup_.endpointExists(name)) {
      return withDefaultEndpoint("sip:" + name);
    }
    auto contact = lookup_.firstContactOfEndpoint(name);
    if (!contact) {
      warnings.push_back(
          fmt::format("Dest: '{}'. Found endpoint '{}' but didn't find an aor/contact for it",
                      destination_, name));
      return std::nullopt;
    }
    return toContact(name, std::move(*contact), {}, false);
  }

  /// `PJSIP/user@endpoint`, `endpoint/aor`, `endpoint/uri`.
  std::optional<Found> withSlash(std::size_t slash, std::size_t at, bool scheme) {
    const std::string_view dest = destination_;
    std::string_view endpoint;
    std::string_view afterSlash = dest.substr(slash + 1);
    std::optional<std::string_view> user;
    if (dest.starts_with("PJSIP/")) {
      if (at == std::string_view::npos || afterSlash.find('/') != std::string_view::npos) {
        warnings.push_back(
            fmt::format("Dest: '{}'. Destinations beginning with 'PJSIP/' must be in the form of "
                        "'PJSIP/user@endpoint'",
                        dest));
        return std::nullopt;
      }
      user = dest.substr(slash + 1, at - slash - 1);
      endpoint = dest.substr(at + 1);
      afterSlash = *user;  // Asterisk cuts the text at the '@'
    } else {
      endpoint = dest.substr(0, slash);
    }
    if (!lookup_.endpointExists(endpoint)) {
      warnings.push_back(
          fmt::format("Dest: '{}'. Didn't find endpoint with name '{}'", dest, endpoint));
      return std::nullopt;
    }
    if (scheme) {
      return Found{std::string(endpoint), std::string(afterSlash), std::nullopt};
    }
    if (user) {
      auto contact = lookup_.firstContactOfEndpoint(endpoint);
      if (!contact) {
        warnings.push_back(
            fmt::format("Dest: '{}'. Couldn't find contact for endpoint '{}'", dest, endpoint));
        return std::nullopt;
      }
      return toContact(std::string(endpoint), std::move(*contact), *user, true);
    }
    if (!lookup_.aorExists(afterSlash)) {
      // Most likely a URI without its scheme.
      return Found{std::string(endpoint), fmt::format("sip:{}", afterSlash), std::nullopt};
    }
    auto contact = lookup_.firstContactOfAor(afterSlash);
    if (!contact) {
      warnings.push_back(
          fmt::format("Dest: '{}'. Found endpoint '{}' but didn't find contact for aor '{}'", dest,
                      endpoint, afterSlash));
      return std::nullopt;
    }
    return toContact(std::string(endpoint), std::move(*contact), {}, false);
  }

  /// `endpoint@domain` (the domain is dropped) or `user@host`.
  std::optional<Found> withAtSign(std::size_t at) {
    std::string_view name = destination_.substr(0, at);
    if (lookup_.ignoreUriUserOptions()) {
      name = name.substr(0, name.find(';'));
    }
    if (!lookup_.endpointExists(name)) {
      return withDefaultEndpoint(fmt::format("sip:{}", destination_));
    }
    auto contact = lookup_.firstContactOfEndpoint(name);
    if (!contact) {
      warnings.push_back(fmt::format("Dest: '{}'. Found endpoint '{}' but didn't find contact",
                                     destination_, name));
      return std::nullopt;
    }
    return toContact(std::string(name), std::move(*contact), {}, false);
  }

  std::string_view destination_;
  const DestinationLookup& lookup_;
};

}  // namespace

std::optional<MessageTech> technologyOf(std::string_view to) {
  const std::string_view tech = to.substr(0, to.find(':'));
  if (tech == "pjsip") {
    return MessageTech::Pjsip;
  }
  if (tech == "sip") {
    return MessageTech::Sip;
  }
  return std::nullopt;
}

ResolvedDestination resolveDestination(std::string_view to, const DestinationLookup& lookup) {
  ResolvedDestination out;
  const auto tech = technologyOf(to);
  const auto colon = to.find(':');
  if (!tech || colon == std::string_view::npos) {
    out.error = fmt::format("No destination after the message technology in '{}'", to);
    return out;
  }
  const std::string_view destination = to.substr(colon + 1);
  Reader reader(destination, lookup);
  auto found = *tech == MessageTech::Pjsip ? reader.pjsip() : reader.legacy(to);
  out.warnings = std::move(reader.warnings);
  if (!found) {
    if (*tech == MessageTech::Pjsip) {
      out.error = fmt::format(
          "PJSIP MESSAGE - Could not find endpoint '{}' and no default outbound endpoint "
          "configured",
          destination);
    }
    return out;
  }
  const auto address = parseAddress(found->uri);
  if (!address || !address->sip) {
    out.warnings.push_back(*tech == MessageTech::Pjsip
                               ? std::string("PJSIP MESSAGE - Could not create request")
                               : fmt::format("MESSAGE(to) is invalid for SIP - '{}'", to));
    return out;
  }
  out.destination = MessageDestination{std::move(found->endpoint), address->uri, address->display,
                                       std::move(found->contact)};
  return out;
}

}  // namespace sb::modules::res_pjsip_messaging
