#include "modules/chan_pjsip/functions/legacy_functions.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>

#include "core/store/object_store.hpp"
#include "core/store/option_parsers.hpp"
#include "modules/res_pjsip/domain_alias_config.hpp"
#include "modules/res_pjsip/endpoint_text.hpp"
#include "modules/res_pjsip/settings_config.hpp"
#include "modules/res_pjsip/transport_config.hpp"
#include "sip/message/text.hpp"
#include "sip/message/uri.hpp"

namespace sb::modules::chan_pjsip {

namespace {

using sip::text::iequals;

std::string withoutBrackets(std::string_view host) {
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  return std::string(host);
}

std::string joined(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const auto& item : items) {
    out += (out.empty() ? "" : std::string(separator)) + item;
  }
  return out;
}

/// chan_sip's peer->addr: where the first registered contact came from, else the first
/// static contact (chan_sip's host=), else nothing. Host without brackets and port.
std::optional<std::pair<std::string, std::string>> peerAddress(const res_pjsip::Peer& peer) {
  if (peer.address) {
    return std::make_pair(withoutBrackets(peer.address->host), peer.address->port);
  }
  for (const auto& aor : peer.aors) {
    for (const auto& contact : aor->contact) {
      if (const auto uri = sip::parseUri(contact); uri && uri->isSip()) {
        const bool secure = uri->scheme == sip::UriScheme::Sips || iequals(uri->transport(), "tls");
        const unsigned port = uri->hasPort ? uri->port : secure ? 5061 : 5060;
        return std::make_pair(std::string(uri->hostAddress()), std::to_string(port));
      }
    }
  }
  return std::nullopt;
}

/// "1000@default, 1001" as chan_sip listed mailboxes: each trimmed, joined by ",".
std::string mailboxList(std::string_view mailboxes) {
  std::vector<std::string> items;
  while (!mailboxes.empty()) {
    const auto comma = mailboxes.find(',');
    const auto item = store::trimmed(mailboxes.substr(0, comma));
    if (!item.empty()) {
      items.emplace_back(item);
    }
    mailboxes = comma == std::string_view::npos ? std::string_view() : mailboxes.substr(comma + 1);
  }
  return joined(items, ",");
}

/// The text between "prefix[" and "]" of `item`, when it starts with that prefix.
std::optional<std::string> bracketed(const std::string& item, std::string_view prefix) {
  if (item.size() < prefix.size() ||
      !iequals(std::string_view(item).substr(0, prefix.size()), prefix)) {
    return std::nullopt;
  }
  std::string inside = item.substr(prefix.size());
  return inside.substr(0, inside.find(']'));
}

}  // namespace

std::string sipPeerItem(const res_pjsip::Peer& peer, const std::string& item,
                        std::size_t activeCalls, unsigned maxForwards) {
  const auto& e = *peer.endpoint;
  const auto is = [&item](std::string_view name) { return iequals(item, name); };
  if (is("ip")) {
    const auto address = peerAddress(peer);
    return address ? address->first : "(null)";  // ast_sockaddr_stringify of no address
  }
  if (is("port")) {
    const auto address = peerAddress(peer);
    return address ? address->second : "0";
  }
  if (is("status")) {
    return peer.status().text;
  }
  if (is("language")) {
    return e.language;
  }
  if (is("regexten")) {
    return "";
  }
  if (is("limit") || is("busylevel")) {
    return std::to_string(e.deviceStateBusyAt);
  }
  if (is("curcalls")) {
    return std::to_string(activeCalls);
  }
  if (is("maxforwards")) {
    return std::to_string(maxForwards);
  }
  if (is("accountcode")) {
    return e.accountcode;
  }
  if (is("callgroup")) {
    return res_pjsip::printedGroups(e.callGroup);
  }
  if (is("pickupgroup")) {
    return res_pjsip::printedGroups(e.pickupGroup);
  }
  if (is("namedcallgroup")) {
    return joined(e.namedCallGroup, ", ");
  }
  if (is("namedpickupgroup")) {
    return joined(e.namedPickupGroup, ", ");
  }
  if (is("useragent")) {
    return peer.first ? peer.first->data.userAgent : "";
  }
  if (is("mailbox")) {
    return mailboxList(e.mailboxes);
  }
  if (is("context")) {
    return e.context;
  }
  if (is("expire")) {
    // When the registration runs out (Unix time), -1 without one.
    return std::to_string(peer.first ? peer.first->data.expiresAt : -1);
  }
  if (is("dynamic")) {
    return peer.dynamic() ? "yes" : "no";
  }
  if (is("callerid_name")) {
    return res_pjsip::splitCallerId(e.callerid).name;
  }
  if (is("callerid_num")) {
    return res_pjsip::splitCallerId(e.callerid).number;
  }
  if (is("codecs")) {
    return res_pjsip::endpointCodecs(e).str();
  }
  if (is("encryption")) {
    // chan_sip printed its SIP_PAGE2_USE_SRTP flag bit (1 << 29) as it was.
    return e.mediaEncryption == "no" ? "0" : std::to_string(1u << 29);
  }
  if (const auto name = bracketed(item, "chanvar[")) {
    std::string value;  // the last variable of that name wins, as chan_sip's loop had it
    for (const auto& variable : e.setVar) {
      const auto equals = variable.find('=');
      if (iequals(std::string_view(variable).substr(0, equals), *name)) {
        value = equals == std::string::npos ? "" : variable.substr(equals + 1);
      }
    }
    return value;
  }
  if (const auto index = bracketed(item, "codec[")) {
    const auto codecs = res_pjsip::endpointCodecs(e).codecs();
    const long at = std::atol(index->c_str());
    return at >= 0 && static_cast<std::size_t>(at) < codecs.size()
               ? std::string(codecs[static_cast<std::size_t>(at)].codec->name)
               : "";
  }
  return "";
}

Outcome sipPeerFunction(const store::ObjectSet& set, const res_pjsip::LocationService& location,
                        const std::string& args,
                        const std::function<std::size_t(const std::string&)>& activeCalls) {
  const auto comma = args.find(',');
  const std::string name = args.substr(0, comma);
  const std::string item = comma == std::string::npos ? "ip" : args.substr(comma + 1);
  auto peer = res_pjsip::findPeer(set, location, name);
  if (!peer) {
    for (const auto& [id, object] : set.all("endpoint")) {
      if (iequals(id, name)) {
        peer = res_pjsip::findPeer(set, location, id);
        break;
      }
    }
  }
  if (!peer) {
    return Outcome{};  // chan_sip returned -1 without a word
  }
  unsigned maxForwards = 70;
  if (const auto& globals = set.all("global"); !globals.empty()) {
    maxForwards = static_cast<const res_pjsip::GlobalConfig&>(*globals.begin()->second).maxForwards;
  }
  return Outcome::ok(sipPeerItem(*peer, item, activeCalls(peer->name()), maxForwards));
}

std::vector<std::string> localSipDomains(const store::ObjectSet& set, const std::string& hostname) {
  std::vector<std::string> names;
  const auto add = [&names](std::string_view name) {
    if (!name.empty() && name != "0.0.0.0" && name != "::") {
      names.push_back(withoutBrackets(name));
    }
  };
  for (const auto& [id, object] : set.all("domain_alias")) {
    add(id);
    add(static_cast<const res_pjsip::DomainAliasConfig&>(*object).domain);
  }
  for (const auto& [id, object] : set.all("transport")) {
    const auto& transport = static_cast<const res_pjsip::TransportConfig&>(*object);
    add(transport.bindHost);
    add(transport.externalSignalingAddress);
    add(transport.externalSignalingHostname);
    add(transport.domain);
  }
  add(hostname);
  return names;
}

Outcome checkSipDomainFunction(const std::vector<std::string>& local, const std::string& domain) {
  if (domain.empty()) {
    return Outcome::warning("CHECKSIPDOMAIN requires an argument - A domain name");
  }
  for (const auto& name : local) {
    if (iequals(name, domain)) {
      return Outcome::ok(domain);
    }
  }
  return Outcome::ok("");
}

Registrations addLegacyFunctions(pbx::PbxService& pbx, const store::ObjectStore& store,
                                 const res_pjsip::LocationService& location) {
  pbx::FunctionInfo peer{
      [&store, &location](pbx::PbxService& service, pbx::Channel*, const std::string& args,
                          std::string&) -> std::optional<std::string> {
        const auto activeCalls = [&service](const std::string& endpoint) {
          std::size_t count = 0;
          for (const auto& channel : service.channels()) {
            count += channel->endpoint() == endpoint ? 1 : 0;
          }
          return count;
        };
        auto outcome = sipPeerFunction(*store.current(), location, args, activeCalls);
        logOutcome(outcome);
        return std::move(outcome.value);
      },
      nullptr, "Gets SIP peer information."};
  peer.syntax = "SIPPEER(peername[,item])";
  peer.arguments =
      "peername\n"
      "item\n"
      "    ip - (default) The IP address.\n"
      "    port - The port number.\n"
      "    mailbox - The configured mailbox.\n"
      "    context - The configured context.\n"
      "    expire - The epoch time of the next expire.\n"
      "    dynamic - Is it dynamic? (yes/no).\n"
      "    callerid_name - The configured Caller ID name.\n"
      "    callerid_num - The configured Caller ID number.\n"
      "    callgroup - The configured Callgroup.\n"
      "    pickupgroup - The configured Pickupgroup.\n"
      "    namedcallgroup - The configured Named Callgroup.\n"
      "    namedpickupgroup - The configured Named Pickupgroup.\n"
      "    codecs - The configured codecs.\n"
      "    status - Status (if qualify=yes).\n"
      "    regexten - Extension activated at registration.\n"
      "    limit - Call limit (call-limit).\n"
      "    busylevel - Configured call level for signalling busy.\n"
      "    curcalls - Current amount of calls. Only available if call-limit is set.\n"
      "    language - Default language for peer.\n"
      "    accountcode - Account code for this peer.\n"
      "    useragent - Current user agent header used by peer.\n"
      "    maxforwards - The value used for SIP loop prevention in outbound requests\n"
      "    chanvar[name] - A channel variable configured with setvar for this peer.\n"
      "    codec[x] - Preferred codec index number 'x' (beginning with zero).";
  peer.providedBy = "chan_sip";
  pbx::FunctionInfo domain{reader([&store](pbx::Channel*, const std::string& args) {
                             char host[256] = {};
                             ::gethostname(host, sizeof host - 1);
                             return checkSipDomainFunction(localSipDomains(*store.current(), host),
                                                           args);
                           }),
                           nullptr, "Checks if domain is a local domain."};
  domain.syntax = "CHECKSIPDOMAIN(domain)";
  domain.description =
      "This function checks if the 'domain' in the argument is configured as a local SIP\n"
      "domain that this Asterisk server is configured to handle. Returns the domain name if\n"
      "it is locally handled, otherwise an empty string. Check the 'domain=' configuration\n"
      "in 'sip.conf'.";
  domain.arguments = "domain";
  domain.providedBy = "chan_sip";
  Registrations out;
  out += pbx.addFunction("SIPPEER", std::move(peer));
  out += pbx.addFunction("CHECKSIPDOMAIN", std::move(domain));
  return out;
}

}  // namespace sb::modules::chan_pjsip
