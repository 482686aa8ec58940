// The console listings of pjsip.conf objects and registered contacts. The layout follows
// Asterisk's res_pjsip CLI formatters (pjsip_cli.c, pjsip_configuration.c, location.c,
// config_auth.c, config_transport.c, res_pjsip_endpoint_identifier_ip.c): a header row per
// object kind (children indented one level deeper), a 90-column rule, one row per object with
// its children below it, and "Objects found: N".
#include "modules/res_pjsip/object_commands.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/asio/ip/address.hpp>
#include <cctype>
#include <cmath>
#include <functional>
#include <optional>
#include <regex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/store/object_printer.hpp"
#include "modules/res_pjsip/aor_config.hpp"
#include "modules/res_pjsip/auth_config.hpp"
#include "modules/res_pjsip/cli_format.hpp"
#include "modules/res_pjsip/contact_view.hpp"
#include "modules/res_pjsip/endpoint_config.hpp"
#include "modules/res_pjsip/identify_config.hpp"
#include "modules/res_pjsip/location/endpoint_reachability.hpp"
#include "modules/res_pjsip/transport_config.hpp"

namespace sb::modules::res_pjsip {
namespace {

constexpr int kLastTabstop = 62;  // Asterisk's CLI_LAST_TABSTOP
constexpr int kMaxWidth = 90;     // CLI_MAX_WIDTH, also the length of CLI_HEADER_FILLER

/// printf's "%-*.*s" with the same number for width and precision: cut to `width` and padded
/// to it. A negative number means "left-justify in -width, no precision", as printf takes it.
std::string leftCut(std::string_view text, int width) {
  std::string out(width >= 0 ? text.substr(0, static_cast<std::size_t>(width)) : text);
  const auto pad = static_cast<std::size_t>(width >= 0 ? width : -width);
  if (out.size() < pad) {
    out.append(pad - out.size(), ' ');
  }
  return out;
}

/// "%*.*s" of CLI_HEADER_FILLER (90 dots) with `count` as width and precision.
std::string dots(int count) {
  if (count >= 0) {
    return std::string(static_cast<std::size_t>(std::min(count, kMaxWidth)), '.');
  }
  return leftCut(std::string(kMaxWidth, '.'), count);
}

/// "%*s: " (one space after the colon) rows of identify matches.
std::string shortRow(int level, std::string_view title, std::string_view rest) {
  return fmt::format("{:>{}}: {}\n", title, indentWidth(level), rest);
}

/// Keeps the ids that match an extended regular expression anywhere (regexec semantics);
/// everything for an empty pattern. nullopt when the pattern does not compile.
std::optional<std::function<bool(const std::string&)>> idFilter(const std::string& pattern) {
  if (pattern.empty()) {
    return [](const std::string&) { return true; };
  }
  try {
    auto expression = std::make_shared<std::regex>(pattern, std::regex::extended);
    return [expression](const std::string& id) { return std::regex_search(id, *expression); };
  } catch (const std::regex_error&) {
    return std::nullopt;
  }
}

// --- Contacts ------------------------------------------------------------------------------

std::string_view shortStatus(ContactState state) {
  switch (state) {
    case ContactState::Reachable:
      return "Avail";
    case ContactState::Unreachable:
      return "Unavail";
    case ContactState::Unknown:
      return "Unknown";
    case ContactState::NonQualified:
      return "NonQual";
    case ContactState::Removed:
      return "Removed";
  }
  return "Unknown";
}

/// The contacts `pjsip list|show contacts` shows: registered contacts whose id matches,
/// every contact of AORs that have static contacts, then only those whose "<aor>/<uri>"
/// matches; unique and ordered by "<aor>/<uri>". nullopt when the pattern is invalid.
std::optional<std::vector<ContactView>> contactListing(const store::ObjectSet& set,
                                                       const LocationService& location,
                                                       const std::string& pattern) {
  const auto matches = idFilter(pattern);
  if (!matches) {
    return std::nullopt;
  }
  std::vector<ContactView> gathered;
  for (const auto* contact : location.all()) {
    if ((*matches)(contact->data.id)) {
      gathered.push_back(registeredView(*contact, set.get<AorConfig>("aor", contact->data.aor)));
    }
  }
  for (const auto& [id, object] : set.all("aor")) {
    auto aor = std::static_pointer_cast<const AorConfig>(object);
    if (aor->contact.empty()) {
      continue;
    }
    for (auto& view : contactsOfAor(aor, location)) {
      gathered.push_back(std::move(view));
    }
  }
  std::vector<ContactView> out;
  std::set<std::string> seen;
  for (auto& view : gathered) {
    auto key = view.cliId();
    if ((*matches)(key) && seen.insert(key).second) {
      out.push_back(std::move(view));
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const ContactView& a, const ContactView& b) {
    return a.cliId() < b.cliId();
  });
  return out;
}

std::string contactHeader(int level) {
  return cliRow(level, "Contact",
                "<Aor/ContactUri" + dots(kLastTabstop - indentWidth(level) - 23) +
                    "> <Hash....> <Status> <RTT(ms)..>");
}

std::string contactBody(const ContactView& contact, int level) {
  const int flexwidth =
      kLastTabstop - indentWidth(level) - 9 - static_cast<int>(contact.aor.size()) + 1;
  const bool timed = contact.state == ContactState::Reachable && !std::isnan(contact.rttMs);
  const auto rtt = timed ? fmt::format("{:.3f}", contact.rttMs) : std::string("nan");
  return cliRow(
      level, "Contact",
      fmt::format("{}/{} {:<10.10} {:<7.7} {:>11}", contact.aor, leftCut(contact.uri, flexwidth),
                  contact.hash(), shortStatus(contact.state), rtt));
}

/// The contact's fields as Asterisk's sorcery object set lists them: sorted by name, names
/// padded to the longest (at least 13), the rule as wide as name + value columns.
std::string contactDetail(const ContactView& contact, bool rewriteContact) {
  auto fields = contactFields(contact, rewriteContact);
  std::sort(fields.begin(), fields.end());
  std::size_t nameWidth = 13;
  std::size_t valueWidth = 14;
  for (const auto& [name, value] : fields) {
    nameWidth = std::max(nameWidth, name.size());
    valueWidth = std::max(valueWidth, value.size());
  }
  std::string out = fmt::format("\n {:<{}} : ParameterValue\n", "ParameterName", nameWidth);
  out += " " + std::string(nameWidth + valueWidth + 3, '=') + "\n";
  for (const auto& [name, value] : fields) {
    out += fmt::format(" {:<{}} : {}\n", name, nameWidth, value);
  }
  return out;
}

// --- AORs ----------------------------------------------------------------------------------

std::string aorHeader(int level, bool recurse) {
  std::string out = cliRow(
      level, "Aor", "<Aor" + dots(kLastTabstop - indentWidth(level) - 7) + ">  <MaxContact>");
  if (recurse) {
    out += contactHeader(level + 1);
  }
  return out;
}

std::string aorBody(const std::shared_ptr<const AorConfig>& aor, int level, bool recurse,
                    const LocationService& location) {
  const int flexwidth = kLastTabstop - indentWidth(level) - 12;
  std::string out =
      cliRow(level, "Aor", fmt::format("{} {:>12}", leftCut(aor->id, flexwidth), aor->maxContacts));
  if (recurse) {
    for (const auto& contact : contactsOfAor(aor, location)) {
      out += contactBody(contact, level + 1);
    }
    if (level == 0) {
      out += "\n";
    }
  }
  return out;
}

// --- Auths ---------------------------------------------------------------------------------

std::string authHeader(int level) {
  return cliRow(level, "I/OAuth",
                "<AuthId/UserName" + dots(kMaxWidth - indentWidth(level) - 20) + ">");
}

std::string authBody(const AuthConfig& auth, int level, std::string_view direction) {
  return cliRow(level, fmt::format("{}Auth", direction), auth.id + "/" + auth.username);
}

// --- Transports ----------------------------------------------------------------------------

std::string transportHeader(int level) {
  return cliRow(level, "Transport",
                "<TransportId........>  <Type>  <cos>  <tos>  <BindAddress" +
                    dots(kMaxWidth - indentWidth(level) - 61) + ">");
}

/// The bound address with its port, "[v6]:port" for IPv6 (pj_sockaddr_print with port).
std::string boundAddress(const TransportConfig& transport) {
  if (transport.bindHost.empty()) {
    return transport.bind;
  }
  const bool v6 = transport.bindHost.find(':') != std::string::npos;
  const auto host = v6 ? "[" + transport.bindHost + "]" : transport.bindHost;
  return fmt::format("{}:{}", host, transport.effectivePort());
}

std::string transportBody(const TransportConfig& transport, int level) {
  return cliRow(
      level, "Transport",
      fmt::format("{:<21}  {:>6}  {:>5}  {:>5}  {}", transport.id, transport.protocolName(),
                  transport.cos, transport.tos, boundAddress(transport)));
}

// --- Identifies ----------------------------------------------------------------------------

std::string identifyHeader(int level, bool recurse) {
  std::string out = cliRow(level, "Identify",
                           "<Identify/Endpoint" + dots(kMaxWidth - indentWidth(level) - 22) + ">");
  if (recurse) {
    out += cliRow(level + 1, "Match",
                  "<criteria" + dots(kLastTabstop - indentWidth(level + 1) - 24) + ">");
  }
  return out;
}

/// One `match=` item as Asterisk's ACL entry prints it: "[!]address[/bits]" with the network
/// masked ("10.1.2.3/8" -> "10.0.0.0/8"), a port kept ("1.2.3.4:5060/32"). Host names are
/// shown as written (Asterisk shows the addresses they resolve to).
std::string matchText(std::string_view item) {
  std::string_view rest = item;
  std::string sense;
  if (!rest.empty() && rest.front() == '!') {
    sense = "!";
    rest.remove_prefix(1);
  }
  std::string_view maskText;
  if (auto slash = rest.rfind('/'); slash != std::string_view::npos) {
    maskText = rest.substr(slash + 1);
    rest = rest.substr(0, slash);
  }
  std::string_view host = rest;
  std::string_view port;
  if (!rest.empty() && rest.front() == '[') {
    auto close = rest.find(']');
    if (close == std::string_view::npos) {
      return std::string(item);
    }
    host = rest.substr(1, close - 1);
    if (close + 1 < rest.size() && rest[close + 1] == ':') {
      port = rest.substr(close + 2);
    }
  } else if (auto colon = rest.find(':'); colon != std::string_view::npos &&
                                          rest.find(':', colon + 1) == std::string_view::npos) {
    host = rest.substr(0, colon);
    port = rest.substr(colon + 1);
  }
  boost::system::error_code error;
  auto address = boost::asio::ip::make_address(std::string(host), error);
  if (error) {
    return std::string(item);
  }
  const bool v4 = address.is_v4();
  const int maxBits = v4 ? 32 : 128;
  int bits = maxBits;
  if (!maskText.empty()) {
    if (maskText.find_first_of(".:") != std::string_view::npos) {
      auto mask = boost::asio::ip::make_address(std::string(maskText), error);
      if (error || mask.is_v4() != v4) {
        return std::string(item);
      }
      bits = 0;
      auto countBits = [&bits](const auto& bytes) {
        for (auto byte : bytes) {
          for (int bit = 7; bit >= 0 && (byte >> bit) & 1; --bit) {
            ++bits;
          }
        }
      };
      if (v4) {
        countBits(mask.to_v4().to_bytes());
      } else {
        countBits(mask.to_v6().to_bytes());
      }
    } else {
      bits = 0;
      for (char c : maskText) {
        if (c < '0' || c > '9') {
          return std::string(item);
        }
        bits = std::min(bits * 10 + (c - '0'), 1000);
      }
      bits = std::min(bits, maxBits);
    }
  }
  auto applyMask = [bits](auto bytes) {
    for (std::size_t i = 0; i < bytes.size(); ++i) {
      const int keep = std::clamp(bits - static_cast<int>(i) * 8, 0, 8);
      bytes[i] &= static_cast<unsigned char>(keep == 0 ? 0 : 0xff << (8 - keep));
    }
    return bytes;
  };
  std::string shown =
      v4 ? boost::asio::ip::address_v4(applyMask(address.to_v4().to_bytes())).to_string()
         : boost::asio::ip::address_v6(applyMask(address.to_v6().to_bytes())).to_string();
  if (!port.empty() && port != "0") {
    shown = fmt::format("{}:{}", v4 ? shown : "[" + shown + "]", port);
  }
  return fmt::format("{}{}/{}", sense, shown, bits);
}

std::string identifyBody(const IdentifyConfig& identify, int level, bool recurse) {
  std::string out = cliRow(level, "Identify", identify.id + "/" + identify.endpoint);
  if (recurse) {
    for (const auto& item : identify.match) {
      out += shortRow(level + 1, "Match", matchText(item));
    }
    for (const auto& header : identify.matchHeader) {
      out += shortRow(level + 1, "Header", header);
    }
    for (const auto& uri : identify.matchRequestUri) {
      out += shortRow(level + 1, "RequestURI", uri);
    }
    if (level == 0) {
      out += "\n";
    }
  }
  return out;
}

// --- Channels (none yet: only the header, as chan_pjsip prints it) ------------------------

std::string channelHeader(int level, bool recurse) {
  std::string out = cliRow(
      level, "Channel",
      "<ChannelId" + dots(kLastTabstop - indentWidth(level) - 13) + ">  <State.....>  <Time.....>");
  if (recurse) {
    out += fmt::format("{:>{}}: <DialedExten{}>  CLCID: <ConnectedLineCID.......>\n", "Exten",
                       indentWidth(level + 1), dots(kLastTabstop - indentWidth(level + 1) - 38));
  }
  return out;
}

// --- Endpoints -----------------------------------------------------------------------------

/// The number part of a callerid value as Asterisk's ast_callerid_split finds it: inside
/// <...>, or the whole value when it is unquoted and looks like a phone number; visual
/// separators ( ) - . and spaces removed. Empty when there is none.
std::string calleridNumber(std::string_view value) {
  auto trim = [](std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
      text.remove_prefix(1);
    }
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
      text.remove_suffix(1);
    }
    return text;
  };
  auto shrink = [](std::string_view text) {
    std::string out;
    for (char c : text) {
      if (c != '(' && c != ')' && c != '-' && c != '.' && c != ' ') {
        out += c;
      }
    }
    return out;
  };
  std::string_view text = trim(value);
  bool quoted = false;
  if (text.size() >= 2 && text.front() == '"' && text.back() == '"') {
    text = text.substr(1, text.size() - 2);
    quoted = true;
  }
  if (auto open = text.rfind('<'); open != std::string_view::npos) {
    auto number = text.substr(open + 1);
    if (auto close = number.rfind('>'); close != std::string_view::npos) {
      number = number.substr(0, close);
    }
    return shrink(number);
  }
  auto number = shrink(text);
  const bool phone =
      !number.empty() && number.find_first_not_of("0123456789*#+") == std::string::npos;
  return !quoted && phone ? number : std::string();
}

struct EndpointContext {
  const store::ObjectSet& set;
  const LocationService& location;
};

std::vector<std::shared_ptr<const AorConfig>> aorsOf(const EndpointConfig& endpoint,
                                                     const store::ObjectSet& set) {
  std::vector<std::shared_ptr<const AorConfig>> out;
  for (const auto& name : endpoint.aors) {
    if (auto aor = set.get<AorConfig>("aor", name)) {
      out.push_back(std::move(aor));
    }
  }
  return out;
}

/// Asterisk's endpoint state: available while any contact is not known to be unreachable.
std::string deviceState(const EndpointConfig& endpoint, const EndpointContext& context) {
  return endpointReachable(context.location, context.set, endpoint) ? "Not in use" : "Unavailable";
}

std::string endpointHeader(bool recurse) {
  std::string out =
      " Endpoint:  <Endpoint/CID.....................................>  <State.....>  "
      "<Channels.>\n";
  if (recurse) {
    out += authHeader(1);
    out += aorHeader(1, true);
    out += transportHeader(1);
    out += identifyHeader(1, true);
    out += channelHeader(1, true);
  }
  return out;
}

std::string endpointBody(const EndpointConfig& endpoint, bool recurse,
                         const EndpointContext& context) {
  const int level = 0;
  const auto number = calleridNumber(endpoint.callerid);
  const auto name = number.empty() ? endpoint.id : endpoint.id + "/" + number;
  const int flexwidth = kLastTabstop - indentWidth(level) - 2;
  const auto busyAt =
      endpoint.deviceStateBusyAt != 0 ? std::to_string(endpoint.deviceStateBusyAt) : "inf";
  std::string out = cliRow(level, "Endpoint",
                           fmt::format("{}  {:<12.12}  {} of {}", leftCut(name, flexwidth),
                                       deviceState(endpoint, context), 0, busyAt));
  if (!recurse) {
    return out;
  }
  for (const auto& id : endpoint.outboundAuth) {
    if (auto auth = context.set.get<AuthConfig>("auth", id)) {
      out += authBody(*auth, level + 1, "Out");
    }
  }
  for (const auto& id : endpoint.auth) {
    if (auto auth = context.set.get<AuthConfig>("auth", id)) {
      out += authBody(*auth, level + 1, "In");
    }
  }
  for (const auto& aor : aorsOf(endpoint, context.set)) {
    out += aorBody(aor, level + 1, true, context.location);
  }
  if (!endpoint.transport.empty()) {
    if (auto transport = context.set.get<TransportConfig>("transport", endpoint.transport)) {
      out += transportBody(*transport, level + 1);
    }
  }
  for (const auto& [id, object] : context.set.all("identify")) {
    const auto& identify = static_cast<const IdentifyConfig&>(*object);
    if (identify.endpoint == endpoint.id) {
      out += identifyBody(identify, level + 1, true);
    }
  }
  return out + "\n";
}

// --- Command plumbing ----------------------------------------------------------------------

/// One pjsip.conf object kind with its listing and detail commands.
struct ObjectKind {
  std::string type;        ///< "endpoint"
  std::string plural;      ///< "endpoints"
  std::string title;       ///< "Endpoint" for synopses
  std::string titles;      ///< "Endpoints"
  std::string helpName;    ///< "endpoints" / "Aors" as Asterisk's usage words the listings
  std::string helpSingle;  ///< "endpoint" / "Aor" as its usage words the detail command
  std::function<std::string(bool recurse)> header;
  std::function<std::string(const std::shared_ptr<const store::Object>&, bool recurse)> body;
};

std::string listingUsage(std::string_view verb, const ObjectKind& kind) {
  const bool list = verb == "list";
  return fmt::format(
      "Usage: pjsip {} {} [ like <pattern> ]\n"
      "       {} the configured PJSIP {}\n"
      "       Optional regular expression pattern is used to filter the list.\n",
      verb, kind.plural, list ? "List" : (kind.type == "endpoint" ? "List(detailed)" : "Show"),
      kind.helpName);
}

std::vector<std::string> idsOf(const store::ObjectStore& store, const std::string& type) {
  std::vector<std::string> ids;
  for (const auto& [id, object] : store.current()->all(type)) {
    ids.push_back(id);
  }
  return ids;
}

void addKind(Registrations& out, cli::CommandRegistry& commands, const store::ObjectStore& store,
             ObjectKind kind) {
  auto shared = std::make_shared<const ObjectKind>(std::move(kind));
  for (const std::string verb : {"list", "show"}) {
    const bool recurse = verb == "show";
    out += commands.add(
        {fmt::format("pjsip {} {} [like <pattern>]", verb, shared->plural),
         fmt::format("{} PJSIP {}", recurse ? "Show" : "List", shared->titles),
         listingUsage(verb, *shared),
         [&store, shared, recurse](const cli::Arguments& args, cli::ReplyPtr reply) {
           const auto matches = idFilter(args.get("pattern").value_or(""));
           std::string bodies;
           std::size_t count = 0;
           for (const auto& [id, object] : store.current()->all(shared->type)) {
             if (matches && (*matches)(id)) {
               bodies += shared->body(object, recurse);
               ++count;
             }
           }
           if (count == 0) {
             reply->write(cliFooter(0) + "\n");
             return;
           }
           reply->write(cliHeader(shared->header(recurse)) + bodies + cliFooter(count) + "\n");
         }});
  }
  out += commands.add(
      {fmt::format("pjsip show {} <id>", shared->type),
       fmt::format("Show PJSIP {}", shared->title),
       fmt::format("Usage: pjsip show {} <id>\n       Show the configured PJSIP {}\n", shared->type,
                   shared->helpSingle),
       [&store, shared](const cli::Arguments& args, cli::ReplyPtr reply) {
         const auto id = *args.get("id");
         const auto object = store.current()->find(shared->type, id);
         if (!object) {
           reply->write(fmt::format("Unable to find object {}.\n\n", id));
           reply->finish(cli::Status::Failure);
           return;
         }
         reply->write(cliHeader(shared->header(true)) + shared->body(object, true) +
                      store::formatObjectDetail(*store.findType(shared->type), *object) + "\n");
       },
       {{"id", [&store, shared](const cli::Arguments&) { return idsOf(store, shared->type); }}}});
}

void addContactCommands(Registrations& out, cli::CommandRegistry& commands,
                        const store::ObjectStore& store,
                        std::shared_ptr<LocationService> location) {
  for (const std::string verb : {"list", "show"}) {
    out += commands.add(
        {fmt::format("pjsip {} contacts [like <pattern>]", verb),
         fmt::format("{} PJSIP Contacts", verb == "show" ? "Show" : "List"),
         fmt::format("Usage: pjsip {} contacts [ like <pattern> ]\n"
                     "       {} the configured PJSIP contacts\n"
                     "       Optional regular expression pattern is used to filter the list.\n",
                     verb, verb == "show" ? "Show" : "List"),
         [&store, location](const cli::Arguments& args, cli::ReplyPtr reply) {
           const auto contacts =
               contactListing(*store.current(), *location, args.get("pattern").value_or(""));
           if (!contacts) {
             reply->write("No container returned for object type contact.\n");
             reply->finish(cli::Status::Failure);
             return;
           }
           if (contacts->empty()) {
             reply->write(cliFooter(0) + "\n");
             return;
           }
           std::string text = cliHeader(contactHeader(0));
           for (const auto& contact : *contacts) {
             text += contactBody(contact, 0);
           }
           reply->write(text + cliFooter(contacts->size()) + "\n");
         }});
  }
  out += commands.add(
      {"pjsip show contact <id>",
       "Show PJSIP Contact",
       "Usage: pjsip show contact\n       Show the configured PJSIP contact\n",
       [&store, location](const cli::Arguments& args, cli::ReplyPtr reply) {
         const auto id = *args.get("id");
         const auto contacts = contactListing(*store.current(), *location, "");
         const ContactView* found = nullptr;
         for (const auto& contact : *contacts) {
           // "<aor>/<uri>" as Asterisk names it; the stored id is accepted too.
           if (contact.cliId() == id || contact.id == id) {
             found = &contact;
             break;
           }
         }
         if (found == nullptr) {
           reply->write(fmt::format("Unable to find object {}.\n\n", id));
           reply->finish(cli::Status::Failure);
           return;
         }
         const auto endpoint = found->stored ? store.current()->get<EndpointConfig>(
                                                   "endpoint", found->stored->endpoint)
                                             : nullptr;
         reply->write(cliHeader(contactHeader(0)) + contactBody(*found, 0) +
                      contactDetail(*found, endpoint && endpoint->rewriteContact) + "\n");
       },
       {{"id", [&store, location](const cli::Arguments&) {
           std::vector<std::string> ids;
           const auto contacts = contactListing(*store.current(), *location, "");
           for (const auto& contact : *contacts) {
             ids.push_back(contact.cliId());
           }
           return ids;
         }}}});
}

}  // namespace

void addObjectCommands(Registrations& out, cli::CommandRegistry& commands,
                       const store::ObjectStore& store, std::shared_ptr<LocationService> location) {
  using ObjectPtr = std::shared_ptr<const store::Object>;
  addKind(out, commands, store,
          {"endpoint", "endpoints", "Endpoint", "Endpoints", "endpoints", "endpoint",
           [](bool recurse) { return endpointHeader(recurse); },
           [&store, location](const ObjectPtr& object, bool recurse) {
             return endpointBody(static_cast<const EndpointConfig&>(*object), recurse,
                                 EndpointContext{*store.current(), *location});
           }});
  addKind(out, commands, store,
          {"aor", "aors", "Aor", "Aors", "Aors", "Aor",
           [](bool recurse) { return aorHeader(0, recurse); },
           [location](const ObjectPtr& object, bool recurse) {
             return aorBody(std::static_pointer_cast<const AorConfig>(object), 0, recurse,
                            *location);
           }});
  addKind(out, commands, store,
          {"auth", "auths", "Auth", "Auths", "Auths", "Auth", [](bool) { return authHeader(0); },
           [](const ObjectPtr& object, bool) {
             return authBody(static_cast<const AuthConfig&>(*object), 0, "");
           }});
  addKind(out, commands, store,
          {"identify", "identifies", "Identify", "Identifies", "Identifies", "Identify",
           [](bool recurse) { return identifyHeader(0, recurse); },
           [](const ObjectPtr& object, bool recurse) {
             return identifyBody(static_cast<const IdentifyConfig&>(*object), 0, recurse);
           }});
  addContactCommands(out, commands, store, std::move(location));
}

}  // namespace sb::modules::res_pjsip
