#include "modules/res_pjsip/identify_config.hpp"

#include <regex>

#include "core/store/options.hpp"

namespace sb::modules::res_pjsip {
namespace {

using T = IdentifyConfig;

/// A repeatable option where every occurrence is one whole value (regexes may hold commas).
store::Option<T> eachLine(std::vector<std::string> T::*member, std::string name, std::string doc) {
  auto o = store::opt::custom<T>(
      std::move(name), "list", "", std::move(doc),
      [member](T& identify, std::string_view value) -> Result<void> {
        const auto text = store::trimmed(value);
        if (!text.empty()) {
          (identify.*member).emplace_back(text);
        }
        return {};
      },
      [member](const T& identify) { return store::joinList(identify.*member); });
  o.flag(store::kMulti);
  o.reset = [member](T& identify) { (identify.*member).clear(); };
  return o;
}

/// "/regex/" must compile (POSIX extended, as Asterisk's regcomp).
Result<void> checkRegex(std::string_view text, const std::string& what) {
  if (text.size() < 2 || text.front() != '/' || text.back() != '/') {
    return {};
  }
  try {
    std::regex compiled(std::string(text.substr(1, text.size() - 2)), std::regex::extended);
  } catch (const std::regex_error&) {
    return Error{"cannot compile the regular expression in " + what};
  }
  return {};
}

Result<void> validate(const T& identify) {
  if (identify.endpoint.empty()) {
    return Error{"endpoint is required"};
  }
  if (identify.match.empty() && identify.matchHeader.empty() && identify.matchRequestUri.empty()) {
    return Error{"nothing to match (set match, match_header or match_request_uri)"};
  }
  for (const auto& header : identify.matchHeader) {
    const auto colon = header.find(':');
    if (colon == std::string::npos) {
      return Error{"match_header '" + header + "' has no ':' (expected 'Name: value')"};
    }
    const auto name = store::trimmed(std::string_view(header).substr(0, colon));
    if (name.empty() || name.find_first_of(" \t") != std::string_view::npos) {
      return Error{"match_header '" + header + "' has no header name"};
    }
    const auto value = store::trimmed(std::string_view(header).substr(colon + 1));
    if (auto ok = checkRegex(value, "match_header '" + header + "'"); !ok) {
      return ok;
    }
  }
  for (const auto& uri : identify.matchRequestUri) {
    if (auto ok = checkRegex(uri, "match_request_uri '" + uri + "'"); !ok) {
      return ok;
    }
  }
  return {};
}

}  // namespace

std::shared_ptr<const store::ObjectTypeBase> identifyType() {
  namespace opt = store::opt;
  std::vector<store::Option<T>> options{
      opt::string(&T::endpoint, "endpoint", "", "Endpoint that matching requests belong to."),
      opt::list(&T::match, "match", "",
                "Source IP address, network (IP/prefix, IP/netmask) or host name (comma "
                "lists allowed)."),
      eachLine(&T::matchHeader, "match_header",
               "Header that identifies the endpoint: 'Name: value' or 'Name: /regex/'."),
      eachLine(&T::matchRequestUri, "match_request_uri",
               "Request-URI that identifies the endpoint: a URI or '/regex/'."),
      opt::boolean(&T::srvLookups, "srv_lookups", "yes",
                   "Also resolve SRV records of host names in match."),
  };
  return std::make_shared<store::ObjectType<T>>(
      "identify", "res_pjsip_endpoint_identifier_ip",
      "Identifies requests as coming from an endpoint by address, header or Request-URI.",
      store::Binding{"config", "pjsip.conf,criteria=type=identify"}, std::move(options), validate);
}

}  // namespace sb::modules::res_pjsip
