#include "modules/chan_pjsip/functions/parse_uri.hpp"

#include <fmt/format.h>

#include "core/store/option_parsers.hpp"
#include "modules/chan_pjsip/functions/standard_args.hpp"
#include "sip/message/name_addr.hpp"
#include "sip/message/text.hpp"

namespace sb::modules::chan_pjsip {

namespace {

/// A URI and the display name in front of it, as pjsip_parse_uri(PJSIP_PARSE_URI_AS_NAMEADDR)
/// accepts them: the whole text must be used, so header parameters after '>' fail.
struct ParsedAddress {
  sip::Uri uri;
  std::string display;
};

std::optional<ParsedAddress> parseAddress(std::string_view text) {
  text = store::trimmed(text);
  if (text.empty()) {
    return std::nullopt;
  }
  // pjsip: a quote or '<' starts a name-addr; otherwise a scheme ends at ':' before any '<'.
  const auto stop = text.find_first_of(":<");
  const bool nameAddr = text.front() == '"' || text.front() == '<' ||
                        (stop != std::string_view::npos && text[stop] == '<');
  if (!nameAddr) {
    auto uri = sip::parseUri(text);
    if (!uri) {
      return std::nullopt;
    }
    return ParsedAddress{*uri, {}};
  }
  auto address = sip::parseNameAddr(text);
  if (!address || !address->angleBrackets || !address->params.empty() || text.back() != '>') {
    return std::nullopt;
  }
  return ParsedAddress{address->uri, std::string(address->displayName)};
}

/// pj_strtoul: the leading digits, 0 when there are none.
long leadingNumber(std::string_view text) {
  long value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') {
      break;
    }
    value = value * 10 + (c - '0');
  }
  return value;
}

}  // namespace

Outcome uriPart(std::string_view text, std::string_view type) {
  const auto parsed = parseAddress(text);
  if (!parsed || !parsed->uri.isSip()) {
    return Outcome::warning(fmt::format("Failed to parse URI '{}'", text));
  }
  const auto& uri = parsed->uri;
  if (type == "scheme") {
    return Outcome::ok(uri.scheme == sip::UriScheme::Sips ? "sips" : "sip");
  }
  if (type == "display") {
    return Outcome::ok(parsed->display);
  }
  if (type == "user") {
    return Outcome::ok(sip::text::unescape(uri.user));
  }
  if (type == "passwd") {
    return Outcome::ok(sip::text::unescape(uri.password));
  }
  if (type == "host") {
    return Outcome::ok(std::string(uri.hostAddress()));
  }
  if (type == "port") {
    return Outcome::ok(std::to_string(uri.hasPort ? uri.port : 0));
  }
  if (type == "user_param") {
    return Outcome::ok(sip::text::unescape(uri.params.get("user")));
  }
  if (type == "method_param") {
    return Outcome::ok(sip::text::unescape(uri.params.get("method")));
  }
  if (type == "transport_param") {
    return Outcome::ok(sip::text::unescape(uri.params.get("transport")));
  }
  if (type == "ttl_param") {
    const auto ttl = uri.params.get("ttl");
    return Outcome::ok(std::to_string(ttl.empty() ? -1 : leadingNumber(ttl)));
  }
  if (type == "lr_param") {
    return Outcome::ok(uri.lr() ? "1" : "0");
  }
  if (type == "maddr_param") {
    return Outcome::ok(sip::text::unescape(uri.params.get("maddr")));
  }
  return Outcome::warning(fmt::format("Unknown type part '{}' specified", type));
}

Outcome parseUriFunction(const std::string& args, const VariableLookup& lookup) {
  const bool fromVariable = static_cast<bool>(lookup);
  const std::string name = fromVariable ? "PJSIP_PARSE_URI_FROM" : "PJSIP_PARSE_URI";
  const auto parts = standardArgs(args, 2);
  std::string uri = argAt(parts, 0);
  const std::string type = argAt(parts, 1);
  if (fromVariable) {
    if (uri.empty()) {
      return Outcome::warning(fmt::format(
          "The name of a variable containing a URI must be specified when using the '{}' "
          "dialplan function",
          name));
    }
    // An unset variable leaves its name in place, as pbx_builtin_getvar_helper's NULL does.
    if (auto value = lookup(uri)) {
      uri = std::move(*value);
    }
  }
  if (uri.empty()) {
    return Outcome::warning(
        fromVariable
            ? fmt::format("The variable provided to the '{}' dialplan function must contain a URI",
                          name)
            : fmt::format("A URI must be specified when using the '{}' dialplan function", name));
  }
  if (type.empty()) {
    return Outcome::warning(fmt::format(
        "A type part of the URI must be specified when using the '{}' dialplan function", name));
  }
  return uriPart(uri, type);
}

Registrations addParseUriFunctions(pbx::PbxService& pbx) {
  const std::string types =
      "    display - Display name.\n"
      "    scheme - URI scheme.\n"
      "    user - User part.\n"
      "    passwd - Password part.\n"
      "    host - Host part.\n"
      "    port - Port number, or zero.\n"
      "    user_param - User parameter.\n"
      "    method_param - Method parameter.\n"
      "    transport_param - Transport parameter.\n"
      "    ttl_param - TTL param, or -1.\n"
      "    lr_param - Loose routing param, or zero.\n"
      "    maddr_param - Maddr param.";
  pbx::FunctionInfo parse{
      reader([](pbx::Channel*, const std::string& args) { return parseUriFunction(args, {}); }),
      nullptr, "Parse a URI and return a type part of the URI."};
  parse.syntax = "PJSIP_PARSE_URI(uri,type)";
  parse.description = "Parse a URI and return a specified part of the URI.";
  parse.arguments =
      "uri\n    URI to parse\ntype\n    The 'type' parameter specifies which URI "
      "part to read\n" +
      types;
  parse.since = "13.24.0, 16.1.0";
  parse.providedBy = "chan_pjsip";

  pbx::FunctionInfo from{
      [](pbx::PbxService& service, pbx::Channel* channel, const std::string& args,
         std::string&) -> std::optional<std::string> {
        const VariableLookup lookup =
            [&service, channel](const std::string& name) -> std::optional<std::string> {
          if (channel != nullptr) {
            if (auto value = channel->variable(name)) {
              return value;
            }
          }
          const auto global = service.globals().find(name);
          return global == service.globals().end() ? std::nullopt
                                                   : std::optional<std::string>(global->second);
        };
        auto outcome = parseUriFunction(args, lookup);
        logOutcome(outcome);
        return std::move(outcome.value);
      },
      nullptr, "Parse the contents of a variable as a URI and return a type part of the URI."};
  from.syntax = "PJSIP_PARSE_URI_FROM(uri,type)";
  from.description =
      "Parse the contents of the provided variable as a URI and return a specified part of "
      "the URI.";
  from.arguments =
      "uri\n    Name of a variable that contains a URI to parse\ntype\n    The "
      "'type' parameter specifies which URI part to read\n" +
      types;
  from.since = "18.24.0, 20.9.0, 21.4.0";
  from.providedBy = "chan_pjsip";

  Registrations out;
  out += pbx.addFunction("PJSIP_PARSE_URI", std::move(parse));
  out += pbx.addFunction("PJSIP_PARSE_URI_FROM", std::move(from));
  return out;
}

}  // namespace sb::modules::chan_pjsip
