// chan_sip's console commands on top of the pjsip objects. The layouts (column formats,
// labels, trailers, messages) are those of chan_sip.c in Asterisk 13 (sip_show_peers,
// _sip_show_peer, sip_show_users, sip_show_user, sip_show_inuse, sip_show_objects,
// sip_show_domains, sip_show_settings, sip_show_registry, sip_unregister, sip_prune_realtime);
// the values come from the pjsip.conf endpoint, its AORs and auths, and the registered
// contacts. chan_sip details that have no pjsip counterpart are left out.
#include "modules/res_pjsip/legacy_sip_commands.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <ctime>
#include <functional>
#include <optional>
#include <regex>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "modules/res_pjsip/aor_config.hpp"
#include "modules/res_pjsip/auth_config.hpp"
#include "modules/res_pjsip/domain_alias_config.hpp"
#include "modules/res_pjsip/endpoint_config.hpp"
#include "modules/res_pjsip/endpoint_text.hpp"
#include "modules/res_pjsip/legacy_peer.hpp"
#include "modules/res_pjsip/settings_config.hpp"
#include "modules/res_pjsip/transport_config.hpp"

namespace sb::modules::res_pjsip {
namespace {

// --- printf helpers --------------------------------------------------------------------------

/// printf's "%-W.Ws": cut to `width` and padded to it.
std::string cut(std::string_view text, std::size_t width) {
  std::string out(text.substr(0, width));
  out.append(width - out.size(), ' ');
  return out;
}

/// printf's "%-Ws": padded to `width`, never cut.
std::string pad(std::string_view text, std::size_t width) {
  std::string out(text);
  if (out.size() < width) {
    out.append(width - out.size(), ' ');
  }
  return out;
}

/// AST_CLI_YESNO
std::string_view yesNo(bool value) {
  return value ? "Yes" : "No";
}

std::string_view orText(std::string_view value, std::string_view fallback) {
  return value.empty() ? fallback : value;
}

/// Keeps names matching an extended regular expression anywhere (chan_sip's regexec with
/// REG_EXTENDED | REG_NOSUB); everything without a pattern. nullopt when it does not compile.
std::optional<std::function<bool(const std::string&)>> nameFilter(
    const std::optional<std::string>& pattern) {
  if (!pattern) {
    return [](const std::string&) { return true; };
  }
  try {
    auto expression = std::make_shared<std::regex>(*pattern, std::regex::extended);
    return [expression](const std::string& name) { return std::regex_search(name, *expression); };
  } catch (const std::regex_error&) {
    return std::nullopt;
  }
}

std::vector<std::string> endpointIds(const store::ObjectStore& store) {
  std::vector<std::string> ids;
  for (const auto& [id, object] : store.current()->all("endpoint")) {
    ids.push_back(id);
  }
  return ids;
}

/// The first object of a single-object type, or one with the defaults.
template <class T>
T singleOf(const store::ObjectSet& set, std::string_view type) {
  const auto& all = set.all(type);
  if (all.empty()) {
    return T{};
  }
  return static_cast<const T&>(*all.begin()->second);
}

// --- Value conversions -------------------------------------------------------------------------

/// ast_describe_caller_presentation for the callerid_privacy words.
std::string_view presentationText(std::string_view privacy) {
  static const std::pair<std::string_view, std::string_view> kTexts[] = {
      {"allowed_not_screened", "Presentation Allowed, Not Screened"},
      {"allowed_passed_screen", "Presentation Allowed, Passed Screen"},
      {"allowed_failed_screen", "Presentation Allowed, Failed Screen"},
      {"allowed", "Presentation Allowed, Network Number"},
      {"prohib_not_screened", "Presentation Prohibited, Not Screened"},
      {"prohib_passed_screen", "Presentation Prohibited, Passed Screen"},
      {"prohib_failed_screen", "Presentation Prohibited, Failed Screen"},
      {"prohib", "Presentation Prohibited, Network Number"},
      {"unavailable", "Number Unavailable"},
  };
  for (const auto& [word, text] : kTexts) {
    if (word == privacy) {
      return text;
    }
  }
  return "Unknown";
}

std::string joined(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) {
      out += separator;
    }
    out += item;
  }
  return out;
}

/// chan_sip's dtmfmode2str for the pjsip dtmf_mode words (rfc4733 is chan_sip's rfc2833).
std::string dtmfText(std::string_view mode) {
  if (mode == "rfc4733") {
    return "rfc2833";
  }
  if (mode == "auto_info") {
    return "auto";
  }
  return std::string(mode);
}

/// stmode2str for the pjsip timers words.
std::string_view sessionTimerMode(std::string_view timers) {
  if (timers == "no") {
    return "Refuse";
  }
  if (timers == "required" || timers == "always") {
    return "Originate";
  }
  return "Accept";
}

/// faxec2str: "Unknown" when T.38 is off.
std::string_view faxEcText(const EndpointConfig& endpoint) {
  if (!endpoint.t38Udptl) {
    return "Unknown";
  }
  if (endpoint.t38UdptlEc == "fec") {
    return "FEC";
  }
  if (endpoint.t38UdptlEc == "redundancy") {
    return "Redundancy";
  }
  return "None";
}

/// sip_get_transport
std::string transportText(std::string_view protocol) {
  if (protocol == "udp") {
    return "UDP";
  }
  if (protocol == "tcp") {
    return "TCP";
  }
  if (protocol == "tls") {
    return "TLS";
  }
  if (protocol == "ws" || protocol == "wss") {
    return "WS";
  }
  return "UNKNOWN";
}

/// get_transport_list: the protocols the peer may use, in chan_sip's order.
std::string allowedTransports(const Peer& peer, const store::ObjectSet& set) {
  std::set<std::string> protocols;
  if (!peer.endpoint->transport.empty()) {
    if (auto transport = set.get<TransportConfig>("transport", peer.endpoint->transport)) {
      protocols.insert(transport->protocolName());
    }
  } else {
    for (const auto& [id, object] : set.all("transport")) {
      protocols.insert(static_cast<const TransportConfig&>(*object).protocolName());
    }
  }
  std::vector<std::string> out;
  for (const std::string protocol : {"udp", "tcp", "tls", "ws", "wss"}) {
    if (protocols.count(protocol) != 0) {
      out.push_back(protocol == "wss" ? "WSS" : transportText(protocol));
    }
  }
  return out.empty() ? "UNKNOWN" : joined(out, ",");
}

std::string primaryTransport(const Peer& peer, const store::ObjectSet& set) {
  if (peer.address) {
    return transportText(peer.address->transport);
  }
  if (!peer.endpoint->transport.empty()) {
    if (auto transport = set.get<TransportConfig>("transport", peer.endpoint->transport)) {
      return transportText(transport->protocolName());
    }
  }
  return "UDP";
}

/// The host of the first static contact of the peer's AORs (chan_sip's host=/tohost).
std::string staticHost(const Peer& peer) {
  for (const auto& aor : peer.aors) {
    for (const auto& uri : aor->contact) {
      std::string_view rest = uri;
      if (auto scheme = rest.find(':');
          scheme != std::string_view::npos &&
          rest.substr(0, scheme).find('@') == std::string_view::npos) {
        rest.remove_prefix(scheme + 1);
      }
      if (auto at = rest.find('@'); at != std::string_view::npos) {
        rest.remove_prefix(at + 1);
      }
      if (!rest.empty() && rest.front() == '[') {
        return std::string(rest.substr(0, rest.find(']') + 1));
      }
      return std::string(rest.substr(0, rest.find_first_of(":;>")));
    }
  }
  return "";
}

// --- sip show peers ----------------------------------------------------------------------------

std::string peersRow(std::string_view name, std::string_view host, std::string_view dyn,
                     std::string_view forcerport, std::string_view comedia, std::string_view acl,
                     std::string_view port, std::string_view status, std::string_view description,
                     std::string_view realtime) {
  return fmt::format("{} {} {} {} {} {} {} {} {} {}\n", cut(name, 25), cut(host, 39), cut(dyn, 3),
                     cut(forcerport, 10), cut(comedia, 10), cut(acl, 3), pad(port, 8),
                     pad(status, 11), cut(description, 32), realtime);
}

std::string showPeers(const store::ObjectSet& set, const LocationService& location,
                      const std::function<bool(const std::string&)>& matches) {
  std::string out = peersRow("Name/username", "Host", "Dyn", "Forcerport", "Comedia", "ACL", "Port",
                             "Status", "Description", "");
  int total = 0;
  int monOnline = 0;
  int monOffline = 0;
  int unmonOnline = 0;
  int unmonOffline = 0;
  for (const auto& [id, object] : set.all("endpoint")) {
    if (!matches(id)) {
      continue;
    }
    const auto peer =
        makePeer(std::static_pointer_cast<const EndpointConfig>(object), set, location);
    const auto status = peer.status();
    switch (status.kind) {
      case PeerStatus::Kind::MonitoredOnline:
        ++monOnline;
        break;
      case PeerStatus::Kind::MonitoredOffline:
        ++monOffline;
        break;
      case PeerStatus::Kind::Unmonitored:
        if (peer.address && peer.port() != "0") {
          ++unmonOnline;
        } else {
          ++unmonOffline;
        }
        break;
    }
    ++total;
    out += peersRow(peer.listedName(), peer.host(), peer.dynamic() ? " D " : "   ",
                    yesNo(peer.endpoint->forceRport), yesNo(peer.endpoint->rtpSymmetric),
                    peer.acl() ? " A " : "   ", peer.port(), status.text, "", "");
  }
  out += fmt::format(
      "{} sip peers [Monitored: {} online, {} offline Unmonitored: {} online, {} offline]\n", total,
      monOnline, monOffline, unmonOnline, unmonOffline);
  return out;
}

// --- sip show peer -----------------------------------------------------------------------------

std::string showPeer(const Peer& peer, const store::ObjectSet& set,
                     const LocationService& location) {
  const auto& e = *peer.endpoint;
  const auto system = singleOf<SystemConfig>(set, "system");
  const auto global = singleOf<GlobalConfig>(set, "global");
  std::string out = "\n\n";
  auto line = [&out](std::string_view label, std::string_view value) {
    out += fmt::format("  {}: {}\n", label, value);
  };
  line("* Name       ", peer.name());
  line("Description  ", "");
  line("Secret       ", peer.auth && !peer.auth->password.empty() ? "<Set>" : "<Not set>");
  line("MD5Secret    ", peer.auth && !peer.auth->md5Cred.empty() ? "<Set>" : "<Not set>");
  line("Remote Secret",
       peer.outboundAuth && !peer.outboundAuth->password.empty() ? "<Set>" : "<Not set>");
  for (const auto& auth : peer.outboundAuths) {
    line("Realm-auth   ",
         fmt::format("Realm {} User {:<10.20} {}", cut(auth->realm, 15), auth->username,
                     !auth->password.empty()  ? "<Secret set>"
                     : !auth->md5Cred.empty() ? "<MD5secret set>"
                                              : "<Not set>"));
  }
  line("Context      ", e.context);
  line("Record On feature ", e.recordOnFeature);
  line("Record Off feature ", e.recordOffFeature);
  line("Subscr.Cont. ", orText(e.subscribeContext, "<Not set>"));
  line("Language     ", e.language);
  line("Tonezone     ", orText(e.toneZone, "<Not set>"));
  if (!e.accountcode.empty()) {
    line("Accountcode  ", e.accountcode);
  }
  line("AMA flags    ", "Unknown");
  line("Transfer mode", e.allowTransfer ? "open" : "closed");
  line("CallingPres  ", presentationText(e.calleridPrivacy));
  if (!e.fromUser.empty()) {
    line("FromUser     ", e.fromUser);
  }
  if (!e.fromDomain.empty()) {
    line("FromDomain   ", e.fromDomain + " Port 5060");
  }
  line("Callgroup    ", printedGroups(e.callGroup));
  line("Pickupgroup  ", printedGroups(e.pickupGroup));
  line("Named Callgr ", joined(e.namedCallGroup, ", "));
  line("Nam. Pickupgr", joined(e.namedPickupGroup, ", "));
  line("MOH Suggest  ", e.mohSuggest);
  line("Mailbox      ", e.mailboxes);
  line("VM Extension ", orText(e.voicemailExtension, global.defaultVoicemailExtension));
  line("LastMsgsSent ", "0/0");
  line("Call limit   ", std::to_string(e.deviceStateBusyAt));
  line("Max forwards ", std::to_string(global.maxForwards));
  if (e.deviceStateBusyAt != 0) {
    line("Busy level   ", std::to_string(e.deviceStateBusyAt));
  }
  line("Dynamic      ", yesNo(peer.dynamic()));
  line("Callerid     ", mergedCallerId(e.callerid, "<unspecified>"));
  line("Expire       ",
       std::to_string(peer.first
                          ? std::max<std::int64_t>(peer.first->data.expiresAt - location.now(), 0)
                          : -1));
  line("Force rport  ", yesNo(e.forceRport));
  line("Symmetric RTP", yesNo(e.rtpSymmetric));
  line("ACL          ", yesNo(peer.acl()));
  line("ContactACL   ", yesNo(peer.contactAcl()));
  line("T.38 support ", yesNo(e.t38Udptl));
  line("T.38 EC mode ", faxEcText(e));
  line("T.38 MaxDtgrm", std::to_string(e.t38UdptlMaxdatagram));
  line("DirectMedia  ", yesNo(e.directMedia));
  line("User=Phone   ", yesNo(e.userEqPhone));
  line("Trust RPID   ", yesNo(e.trustIdInbound));
  line("Send RPID    ", yesNo(e.sendRpid));
  line("Path support ", yesNo(std::any_of(peer.aors.begin(), peer.aors.end(),
                                          [](const auto& aor) { return aor->supportPath; })));
  if (peer.first && !peer.first->data.path.empty()) {
    line("Path         ", peer.first->data.path);
  }
  line("TrustIDOutbnd", yesNo(e.trustIdOutbound));
  line("Subscriptions", yesNo(e.allowSubscribe));
  line("Overlap dial ", yesNo(e.allowOverlap));
  if (!e.outboundProxy.empty()) {
    line("Outb. proxy  ", e.outboundProxy + " ");
  }
  line("DTMFmode     ", dtmfText(e.dtmfMode));
  line("Timer T1     ", std::to_string(system.timerT1));
  line("Timer B      ", std::to_string(system.timerB));
  line("ToHost       ", staticHost(peer));
  line("Addr->IP     ",
       peer.address ? peer.address->host + ":" + peer.address->port : std::string("(null)"));
  line("Prim.Transp. ", primaryTransport(peer, set));
  line("Allowed.Trsp ", allowedTransports(peer, set));
  line("Def. Username", peer.username());
  line("Codecs       ", endpointCodecs(e).str());
  line("Auto-Framing ", yesNo(e.usePtime));
  line("Status       ", peer.status().text);
  line("Useragent    ", peer.first ? peer.first->data.userAgent : "");
  line("Reg. Contact ", peer.first ? peer.first->data.uri : "");
  const unsigned qualify = peer.aors.empty() ? 0 : peer.aors.front()->qualifyFrequency;
  line("Qualify Freq ", fmt::format("{} ms", qualify * 1000));
  if (!e.setVar.empty()) {
    out += "  Variables    :\n";
    for (const auto& variable : e.setVar) {
      const auto equals = variable.find('=');
      out += fmt::format("                 {} = {}\n", variable.substr(0, equals),
                         equals == std::string::npos ? "" : variable.substr(equals + 1));
    }
  }
  line("Sess-Timers  ", sessionTimerMode(e.timers));
  line("Sess-Expires ", fmt::format("{} secs", e.timersSessExpires));
  line("Min-Sess     ", fmt::format("{} secs", e.timersMinSe));
  line("RTP Engine   ", e.rtpEngine);
  line("Use Reason   ", yesNo(!e.suppressQ850ReasonHeaders));
  line("Encryption   ", yesNo(e.mediaEncryption != "no"));
  line("RTCP Mux     ", yesNo(e.rtcpMux));
  return out + "\n";
}

// --- sip show users / user ---------------------------------------------------------------------

std::string usersRow(std::string_view name, std::string_view secret, std::string_view accountcode,
                     std::string_view context, std::string_view acl, std::string_view forcerport) {
  return fmt::format("{}  {}  {}  {}  {}{}\n", cut(name, 25), cut(secret, 15), cut(accountcode, 15),
                     cut(context, 15), cut(acl, 5), cut(forcerport, 10));
}

std::string showUser(const Peer& peer) {
  const auto& e = *peer.endpoint;
  std::string out = "\n\n";
  auto line = [&out](std::string_view label, std::string_view value) {
    out += fmt::format("  {}: {}\n", label, value);
  };
  line("* Name       ", peer.name());
  line("Secret       ", peer.auth && !peer.auth->password.empty() ? "<Set>" : "<Not set>");
  line("MD5Secret    ", peer.auth && !peer.auth->md5Cred.empty() ? "<Set>" : "<Not set>");
  line("Context      ", e.context);
  line("Language     ", e.language);
  if (!e.accountcode.empty()) {
    line("Accountcode  ", e.accountcode);
  }
  line("AMA flags    ", "Unknown");
  line("Tonezone     ", orText(e.toneZone, "<Not set>"));
  line("Transfer mode", e.allowTransfer ? "open" : "closed");
  line("CallingPres  ", presentationText(e.calleridPrivacy));
  line("Call limit   ", std::to_string(e.deviceStateBusyAt));
  line("Callgroup    ", printedGroups(e.callGroup));
  line("Pickupgroup  ", printedGroups(e.pickupGroup));
  line("Named Callgr ", joined(e.namedCallGroup, ", "));
  line("Nam. Pickupgr", joined(e.namedPickupGroup, ", "));
  line("Callerid     ", mergedCallerId(e.callerid, "<unspecified>"));
  line("ACL          ", yesNo(peer.acl()));
  line("Sess-Timers  ", sessionTimerMode(e.timers));
  line("Sess-Expires ", fmt::format("{} secs", e.timersSessExpires));
  line("Sess-Min-SE  ", fmt::format("{} secs", e.timersMinSe));
  line("RTP Engine   ", e.rtpEngine);
  out += fmt::format("  Auto-Framing:  {} \n", yesNo(e.usePtime));
  if (!e.setVar.empty()) {
    out += "  Variables    :\n";
    for (const auto& variable : e.setVar) {
      const auto equals = variable.find('=');
      out += fmt::format("                 {} = {}\n", variable.substr(0, equals),
                         equals == std::string::npos ? "" : variable.substr(equals + 1));
    }
  }
  return out + "\n";
}

// --- sip show settings -------------------------------------------------------------------------

/// "a.b.c.d/m.m.m.m" for a localnet item ("192.168.0.0/16" or with a dotted mask).
std::string localnetText(std::string_view item) {
  auto slash = item.find('/');
  const auto address = std::string(item.substr(0, slash));
  if (slash == std::string_view::npos) {
    return address + "/255.255.255.255";
  }
  const auto mask = std::string(item.substr(slash + 1));
  if (mask.find('.') != std::string::npos || mask.find(':') != std::string::npos) {
    return address + "/" + mask;
  }
  unsigned bits = 0;
  try {
    bits = std::min(32u, static_cast<unsigned>(std::stoul(mask)));
  } catch (const std::exception&) {
    return std::string(item);
  }
  const std::uint32_t value = bits == 0 ? 0 : 0xffffffffu << (32 - bits);
  return fmt::format("{}/{}.{}.{}.{}", address, value >> 24, (value >> 16) & 0xff,
                     (value >> 8) & 0xff, value & 0xff);
}

std::string boundAddress(const TransportConfig& transport) {
  auto host = transport.bindHost.empty() ? std::string("0.0.0.0") : transport.bindHost;
  if (host.find(':') != std::string::npos) {
    host = "[" + host + "]";
  }
  return fmt::format("{}:{}", host, transport.effectivePort());
}

std::string showSettings(const store::ObjectSet& set) {
  const auto system = singleOf<SystemConfig>(set, "system");
  const auto global = singleOf<GlobalConfig>(set, "global");
  const TransportConfig* byProtocol[3] = {nullptr, nullptr, nullptr};  // udp, tcp, tls
  for (const auto& [id, object] : set.all("transport")) {
    const auto& transport = static_cast<const TransportConfig&>(*object);
    const int slot = transport.protocol == TransportProtocol::Udp   ? 0
                     : transport.protocol == TransportProtocol::Tcp ? 1
                     : transport.protocol == TransportProtocol::Tls ? 2
                                                                    : -1;
    if (slot >= 0 && byProtocol[slot] == nullptr) {
      byProtocol[slot] = &transport;
    }
  }
  auto bound = [&](int slot, std::string_view none) {
    return byProtocol[slot] ? boundAddress(*byProtocol[slot]) : std::string(none);
  };
  std::string out = "\n\nGlobal Settings:\n";
  out += "----------------\n";
  out += fmt::format("  UDP Bindaddress:        {}\n", bound(0, "(null)"));
  out += fmt::format("  TCP SIP Bindaddress:    {}\n", bound(1, "Disabled"));
  out += fmt::format("  TLS SIP Bindaddress:    {}\n", bound(2, "Disabled"));
  out += "  AutoCreate Peer:        Off\n";
  out += fmt::format("  SIP domain support:     {}\n", yesNo(!set.all("domain_alias").empty()));
  out += fmt::format("  Our auth realm          {}\n", global.defaultRealm);
  out += fmt::format("  User Agent:             {}\n",
                     global.userAgent.empty() ? defaultUserAgent() : global.userAgent);
  out += fmt::format("  Reg. context:           {}\n", orText(global.regcontext, "(not set)"));
  out += "  SIP realtime:           Disabled\n";

  out += "\nNetwork Settings:\n";
  out += "---------------------------\n";
  const TransportConfig* network = byProtocol[0] ? byProtocol[0] : byProtocol[1];
  if (network == nullptr && !set.all("transport").empty()) {
    network = &static_cast<const TransportConfig&>(*set.all("transport").begin()->second);
  }
  std::string remapping = "Disabled, no localnet list";
  std::string externhost = "<none>";
  std::string externaddr = "(null)";
  if (network != nullptr) {
    if (!network->localNet.empty()) {
      remapping = network->externalSignalingAddress.empty()     ? "Disabled"
                  : !network->externalSignalingHostname.empty() ? "Enabled using externhost"
                                                                : "Enabled using externaddr";
    }
    if (!network->externalSignalingHostname.empty()) {
      externhost = network->externalSignalingHostname;
    }
    if (!network->externalSignalingAddress.empty()) {
      externaddr = fmt::format("{}:{}", network->externalSignalingAddress,
                               network->externalSignalingPort != 0
                                   ? network->externalSignalingPort
                                   : static_cast<unsigned>(network->effectivePort()));
    }
  }
  out += fmt::format("  SIP address remapping:  {}\n", remapping);
  out += fmt::format("  Externhost:             {}\n", externhost);
  out += fmt::format("  Externaddr:             {}\n", externaddr);
  if (network != nullptr) {
    std::string prefix = "Localnet:";
    for (const auto& item : network->localNet) {
      out += fmt::format("  {:<24}{}\n", prefix, localnetText(item));
      prefix.clear();
    }
  }

  out += "\nGlobal Signalling Settings:\n";
  out += "---------------------------\n";
  out += fmt::format("  Compact SIP headers:    {}\n", yesNo(system.compactHeaders));
  out += fmt::format("  Timer T1:               {}\n", system.timerT1);
  out += fmt::format("  Timer B:                {}\n", system.timerB);
  out += fmt::format("  Max forwards:           {}\n", global.maxForwards);
  out += "\n----\n";
  return out;
}

// --- Command plumbing --------------------------------------------------------------------------

bool endsWithWord(const cli::Arguments& args, std::string_view word) {
  const auto& words = args.words();
  if (words.empty()) {
    return false;
  }
  const auto& last = words.back();
  return last.size() == word.size() &&
         std::equal(last.begin(), last.end(), word.begin(), [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) ==
                  std::tolower(static_cast<unsigned char>(b));
         });
}

constexpr std::string_view kPruneUsage =
    "Usage: sip prune realtime [peer [<name>|all|like <pattern>]|all]\n"
    "       Prunes object(s) from the cache.\n"
    "       Optional regular expression pattern is used to filter the objects.\n";

/// `sip prune realtime ...`: nothing is realtime here, so this says what chan_sip said when
/// nothing was cached.
void pruneRealtime(const std::vector<std::string>& rest, const store::ObjectSet& set,
                   const cli::ReplyPtr& reply) {
  auto lower = [](std::string word) {
    std::transform(word.begin(), word.end(), word.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return word;
  };
  std::vector<std::string> words;
  for (const auto& word : rest) {
    words.push_back(lower(word));
  }
  auto usage = [&reply] {
    reply->write(kPruneUsage);
    reply->finish(cli::Status::ShowUsage);
  };
  bool multi = false;
  std::optional<std::string> name;
  if (words.size() == 1) {
    if (words[0] == "peer" || words[0] == "like") {
      return usage();
    }
    if (words[0] == "all") {
      multi = true;
    } else {
      name = rest[0];
    }
  } else if (words.size() == 2) {
    if (words[0] != "peer" && words[0] != "like") {
      return usage();
    }
    multi = words[0] == "like";
    if (words[1] == "like") {
      return usage();
    }
    if (!multi && words[1] == "all") {
      multi = true;
    } else {
      name = rest[1];
    }
  } else if (words.size() == 3) {
    if (words[0] != "peer" || words[1] != "like") {
      return usage();
    }
    multi = true;
    name = rest[2];
  } else {
    return usage();
  }
  if (multi) {
    if (name && !nameFilter(name)) {
      return usage();
    }
    reply->write("No peers found to prune.\n");
    return;
  }
  if (set.find("endpoint", *name)) {
    reply->write(fmt::format("Peer '{}' is not a Realtime peer, cannot be pruned.\n", *name));
  } else {
    reply->write(fmt::format("Peer '{}' not found.\n", *name));
  }
}

}  // namespace

void addLegacySipCommands(Registrations& out, cli::CommandRegistry& commands,
                          const store::ObjectStore& store,
                          std::shared_ptr<LocationService> location,
                          std::function<std::shared_ptr<OutboundRegistry>()> outbound) {
  auto peerNames = [&store](const cli::Arguments&) { return endpointIds(store); };

  out += commands.add(
      {"sip show peers [like <pattern>]", "List defined SIP peers",
       "Usage: sip show peers [like <pattern>]\n"
       "       Lists all known SIP peers.\n"
       "       Optional regular expression pattern is used to filter the peer list.\n",
       [&store, location](const cli::Arguments& args, cli::ReplyPtr reply) {
         const auto matches = nameFilter(args.get("pattern"));
         if (!matches) {
           reply->write(
               "Usage: sip show peers [like <pattern>]\n"
               "       Lists all known SIP peers.\n"
               "       Optional regular expression pattern is used to filter the peer list.\n");
           reply->finish(cli::Status::ShowUsage);
           return;
         }
         reply->write(showPeers(*store.current(), *location, *matches));
       }});

  out += commands.add({"sip show peer <name> [load]",
                       "Show details on specific SIP peer",
                       "Usage: sip show peer <name> [load]\n"
                       "       Shows all details on one SIP peer and the current status.\n"
                       "       Option \"load\" forces lookup of peer in realtime storage.\n",
                       [&store, location](const cli::Arguments& args, cli::ReplyPtr reply) {
                         const auto name = *args.get("name");
                         const auto set = store.current();
                         const auto peer = findPeer(*set, *location, name);
                         if (!peer) {
                           reply->write(fmt::format("Peer {} not found.\n\n", name));
                           reply->finish(cli::Status::Failure);
                           return;
                         }
                         reply->write(showPeer(*peer, *set, *location));
                       },
                       {{"name", peerNames}}});

  out += commands.add(
      {"sip show users [like <pattern>]", "List defined SIP users",
       "Usage: sip show users [like <pattern>]\n"
       "       Lists all known SIP users.\n"
       "       Optional regular expression pattern is used to filter the user list.\n",
       [&store](const cli::Arguments& args, cli::ReplyPtr reply) {
         const auto matches = nameFilter(args.get("pattern"));
         if (!matches) {
           reply->write(
               "Usage: sip show users [like <pattern>]\n"
               "       Lists all known SIP users.\n"
               "       Optional regular expression pattern is used to filter the user list.\n");
           reply->finish(cli::Status::ShowUsage);
           return;
         }
         const auto set = store.current();
         std::string text =
             usersRow("Username", "Secret", "Accountcode", "Def.Context", "ACL", "Forcerport");
         for (const auto& [id, object] : set->all("endpoint")) {
           if (!(*matches)(id)) {
             continue;
           }
           const auto& endpoint = static_cast<const EndpointConfig&>(*object);
           std::string secret;
           for (const auto& authId : endpoint.auth) {
             if (auto auth = set->get<AuthConfig>("auth", authId)) {
               secret = auth->password;
               break;
             }
           }
           const bool acl =
               !endpoint.permit.empty() || !endpoint.deny.empty() || !endpoint.acl.empty();
           text += usersRow(id, secret, endpoint.accountcode, endpoint.context, yesNo(acl),
                            yesNo(endpoint.forceRport));
         }
         reply->write(text);
       }});

  out += commands.add({"sip show user <name> [load]",
                       "Show details on specific SIP user",
                       "Usage: sip show user <name> [load]\n"
                       "       Shows all details on one SIP user and the current status.\n"
                       "       Option \"load\" forces lookup of peer in realtime storage.\n",
                       [&store, location](const cli::Arguments& args, cli::ReplyPtr reply) {
                         const auto name = *args.get("name");
                         const auto peer = findPeer(*store.current(), *location, name);
                         if (!peer) {
                           reply->write(fmt::format("User {} not found.\n\n", name));
                           reply->finish(cli::Status::Failure);
                           return;
                         }
                         reply->write(showUser(*peer));
                       },
                       {{"name", peerNames}}});

  out +=
      commands.add({"sip show inuse [all]", "List all inuse/limits",
                    "Usage: sip show inuse [all]\n"
                    "       List all SIP devices usage counters and limits.\n"
                    "       Add option \"all\" to show all devices, not only those with a limit.\n",
                    [&store](const cli::Arguments& args, cli::ReplyPtr reply) {
                      const bool all = args.words().size() == 4 && endsWithWord(args, "all");
                      auto row = [](std::string_view a, std::string_view b, std::string_view c) {
                        return fmt::format("{} {} {} \n", cut(a, 25), cut(b, 15), cut(c, 15));
                      };
                      std::string text = row("* Peer name", "In use", "Limit");
                      for (const auto& [id, object] : store.current()->all("endpoint")) {
                        const auto& endpoint = static_cast<const EndpointConfig&>(*object);
                        if (all || endpoint.deviceStateBusyAt != 0) {
                          text += row(id, "0/0/0",
                                      endpoint.deviceStateBusyAt != 0
                                          ? std::to_string(endpoint.deviceStateBusyAt)
                                          : std::string("N/A"));
                        }
                      }
                      reply->write(text);
                    }});

  out += commands.add(
      {"sip show objects", "List all SIP object allocations",
       "Usage: sip show objects\n"
       "       Lists status of known SIP objects\n",
       [&store, location](const cli::Arguments&, cli::ReplyPtr reply) {
         const auto set = store.current();
         const auto& endpoints = set->all("endpoint");
         std::string text = fmt::format(
             "-= Peer objects: {} static, 0 realtime, 0 autocreate =-\n\n", endpoints.size());
         std::string byIp;
         for (const auto& [id, object] : endpoints) {
           const auto dump = fmt::format("name: {}\ntype: peer\nobjflags: 0\nrefcount: 1\n\n", id);
           text += dump;
           const auto peer =
               makePeer(std::static_pointer_cast<const EndpointConfig>(object), *set, *location);
           if (peer.address) {
             byIp += dump;
           }
         }
         text += "-= Peer objects by IP =-\n\n" + byIp;
         const auto& registrations = set->all("registration");
         text += fmt::format("-= Registry objects: {} =-\n\n", registrations.size());
         for (const auto& [id, object] : registrations) {
           text += fmt::format("name: {}\n", id);
         }
         text += "-= Dialog objects:\n\n";
         reply->write(text);
       }});

  out += commands.add({"sip show domains", "List our local SIP domains",
                       "Usage: sip show domains\n"
                       "       Lists all configured SIP local domains.\n"
                       "       Asterisk only responds to SIP messages to local domains.\n",
                       [&store](const cli::Arguments&, cli::ReplyPtr reply) {
                         const auto& aliases = store.current()->all("domain_alias");
                         if (aliases.empty()) {
                           reply->write("SIP Domain support not enabled.\n\n");
                           return;
                         }
                         auto row = [](std::string_view a, std::string_view b, std::string_view c) {
                           return fmt::format("{} {} {}\n", cut(a, 40), cut(b, 20), cut(c, 16));
                         };
                         std::string text = row("Our local SIP domains:", "Context", "Set by");
                         for (const auto& [id, object] : aliases) {
                           text += row(id, "(default)", "[Configured]");
                         }
                         reply->write(text + "\n");
                       }});

  out += commands.add({"sip show settings", "Show SIP global settings",
                       "Usage: sip show settings\n"
                       "       Provides detailed list of the configuration of the SIP channel.\n",
                       [&store](const cli::Arguments&, cli::ReplyPtr reply) {
                         reply->write(showSettings(*store.current()));
                       }});

  out += commands.add(
      {"sip show registry", "List SIP registration status",
       "Usage: sip show registry\n"
       "       Lists all registration requests and status.\n",
       [outbound](const cli::Arguments&, cli::ReplyPtr reply) {
         auto row = [](std::string_view host, std::string_view dnsmgr, std::string_view user,
                       std::string_view refresh, std::string_view state, std::string_view time) {
           return fmt::format("{} {} {}  {:>8.8} {} {}\n", cut(host, 39), cut(dnsmgr, 6),
                              cut(user, 12), refresh, cut(state, 20), cut(time, 25));
         };
         std::string text = row("Host", "dnsmgr", "Username", "Refresh", "State", "Reg.Time");
         const auto registry = outbound ? outbound() : nullptr;
         const auto entries = registry ? registry->entries() : std::vector<OutboundRegistryEntry>{};
         for (const auto& entry : entries) {
           std::string when;
           if (entry.registeredAt != 0) {
             // chan_sip's "%a, %d %b %Y %T" in local time.
             const std::time_t seconds = static_cast<std::time_t>(entry.registeredAt);
             std::tm local{};
             localtime_r(&seconds, &local);
             char buffer[64];
             if (std::strftime(buffer, sizeof buffer, "%a, %d %b %Y %T", &local) > 0) {
               when = buffer;
             }
           }
           text += row(fmt::format("{}:{}", entry.host, entry.port), "N", entry.username,
                       std::to_string(entry.refresh), entry.state, when);
         }
         text += fmt::format("{} SIP registrations.\n", entries.size());
         reply->write(text);
       }});

  out +=
      commands.add({"sip unregister <peer>",
                    "Unregister (force expiration) a SIP peer from the registry",
                    "Usage: sip unregister <peer>\n"
                    "       Unregister (force expiration) a SIP peer from the registry\n",
                    [&store, location](const cli::Arguments& args, cli::ReplyPtr reply) {
                      const auto name = *args.get("peer");
                      const auto peer = findPeer(*store.current(), *location, name);
                      if (!peer) {
                        reply->write(fmt::format("Peer unknown: '{}'. Not unregistered.\n", name));
                        reply->finish(cli::Status::Failure);
                        return;
                      }
                      std::vector<std::string> ids;
                      for (const auto* contact : peer->contacts) {
                        ids.push_back(contact->data.id);
                      }
                      if (ids.empty()) {
                        reply->write(fmt::format("Peer {} not registered\n", name));
                        return;
                      }
                      location->apply({{}, std::move(ids), "request"}, nullptr);
                      reply->write(fmt::format("Unregistered peer '{}'\n\n", name));
                    },
                    {{"peer", peerNames}}});

  out += commands.add({"sip prune realtime [<what>...]", "Prune cached Realtime users/peers",
                       std::string(kPruneUsage),
                       [&store](const cli::Arguments& args, cli::ReplyPtr reply) {
                         pruneRealtime(args.list("what"), *store.current(), reply);
                       }});
}

}  // namespace sb::modules::res_pjsip
