#include "modules/res_pjsip/endpoint_identifier.hpp"

#include <algorithm>

#include "core/log/logger.hpp"
#include "modules/res_pjsip/auth_config.hpp"
#include "modules/res_pjsip/domain_alias_config.hpp"
#include "modules/res_pjsip/endpoint_config.hpp"
#include "modules/res_pjsip/host_address_book.hpp"
#include "modules/res_pjsip/identify_config.hpp"
#include "modules/res_pjsip/settings_config.hpp"
#include "sip/auth/digest_header.hpp"
#include "sip/message/text.hpp"

namespace sb::modules::res_pjsip {
namespace {

std::string trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) {
    return {};
  }
  const auto last = text.find_last_not_of(" \t");
  return std::string(text.substr(first, last - first + 1));
}

bool equalsNoCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

bool identifiesBy(const EndpointConfig& endpoint, std::string_view method) {
  return std::any_of(endpoint.identifyBy.begin(), endpoint.identifyBy.end(),
                     [&](const std::string& entry) { return equalsNoCase(entry, method); });
}

void EndpointIdentifier::rebuild(const store::ObjectSet& objects) {
  networks_.clear();
  hostMatches_.clear();
  headers_.clear();
  requestUris_.clear();
  endpointsByAuthUser_.clear();
  domainAliases_.clear();
  order_ = {"ip", "username", "anonymous"};
  multiDomain_ = true;
  if (auto global = objects.get<GlobalConfig>("global", "global")) {
    if (!global->endpointIdentifierOrder.empty()) {
      order_ = global->endpointIdentifierOrder;
    }
    multiDomain_ = !global->disableMultiDomain;
  }
  for (const auto& [id, object] : objects.all("identify")) {
    const auto& identify = static_cast<const IdentifyConfig&>(*object);
    // Addresses and networks form one list that denies everything else; anything that is
    // not an address is a host name, matched against what DNS says about it.
    std::vector<std::pair<bool, std::string>> rules{{false, "0.0.0.0/0"}, {false, "::/0"}};
    for (const auto& match : identify.match) {
      if (validateAclRule(match)) {
        rules.emplace_back(true, match);
      } else {
        hostMatches_.push_back({match, identify.srvLookups, identify.endpoint});
        if (hosts_) {
          hosts_->addresses(match, identify.srvLookups);  // start resolving now
        }
      }
    }
    if (rules.size() > 2) {
      if (auto networks = IpAcl::fromOrderedRules(rules)) {
        networks_.push_back({std::move(*networks), identify.endpoint});
      }
    }
    for (const auto& header : identify.matchHeader) {
      const auto colon = header.find(':');
      if (colon == std::string::npos) {
        continue;
      }
      HeaderMatch entry{trim(header.substr(0, colon)), trim(header.substr(colon + 1)), std::nullopt,
                        identify.endpoint};
      if (entry.value.size() >= 2 && entry.value.front() == '/' && entry.value.back() == '/') {
        try {
          entry.pattern.emplace(entry.value.substr(1, entry.value.size() - 2));
        } catch (const std::regex_error&) {
          SB_WARNING("identify '{}': bad regular expression in match_header", id);
          continue;
        }
      }
      headers_.push_back(std::move(entry));
    }
  }
  for (const auto& [id, object] : objects.all("identify")) {
    const auto& identify = static_cast<const IdentifyConfig&>(*object);
    for (const auto& uri : identify.matchRequestUri) {
      HeaderMatch entry{{}, trim(uri), std::nullopt, identify.endpoint};
      if (entry.value.size() >= 2 && entry.value.front() == '/' && entry.value.back() == '/') {
        try {
          entry.pattern.emplace(entry.value.substr(1, entry.value.size() - 2));
        } catch (const std::regex_error&) {
          continue;
        }
      }
      requestUris_.push_back(std::move(entry));
    }
  }
  std::unordered_map<std::string, std::string> authUsers;  // auth id -> username
  for (const auto& [id, object] : objects.all("auth")) {
    authUsers[id] = static_cast<const AuthConfig&>(*object).username;
  }
  for (const auto& [id, object] : objects.all("endpoint")) {
    for (const auto& auth : static_cast<const EndpointConfig&>(*object).auth) {
      if (auto user = authUsers.find(auth); user != authUsers.end()) {
        endpointsByAuthUser_.emplace(user->second, id);
      }
    }
  }
  for (const auto& [id, object] : objects.all("domain_alias")) {
    domainAliases_[id] = static_cast<const DomainAliasConfig&>(*object).domain;
  }
}

std::optional<EndpointIdentifier::Identified> EndpointIdentifier::identify(
    const std::shared_ptr<const store::ObjectSet>& objects, const sip::Message& request,
    const sip::Flow& flow) {
  if (built_ != objects) {
    rebuild(*objects);
    built_ = objects;
  }
  if (auto endpoint = byLine(*objects, request)) {
    return Identified{endpoint, "line"};
  }
  for (const auto& method : order_) {
    std::shared_ptr<const EndpointConfig> found;
    if (method == "username") {
      found = byUsername(*objects, request);
    } else if (method == "auth_username") {
      found = byAuthUsername(*objects, request);
    } else if (method == "ip") {
      found = byIp(*objects, flow);
    } else if (method == "header") {
      found = byHeader(*objects, request);
    } else if (method == "request_uri") {
      found = byRequestUri(*objects, request);
    } else if (method == "anonymous") {
      found = objects->get<EndpointConfig>("endpoint", "anonymous");
      if (found) {
        return Identified{found, method};
      }
      continue;
    }
    if (found && identifiesBy(*found, method == "auth_username" ? "auth_username" : method)) {
      return Identified{found, method};
    }
  }
  return std::nullopt;
}

std::shared_ptr<const EndpointConfig> EndpointIdentifier::byLine(
    const store::ObjectSet& objects, const sip::Message& request) const {
  if (!lines_) {
    return nullptr;
  }
  std::string_view line;
  if (const auto to = request.to()) {
    line = to->uri.params.get("line");
  }
  if (line.empty()) {
    line = request.requestUri().params.get("line");
  }
  if (line.empty()) {
    return nullptr;
  }
  const std::string endpoint = lines_(line);
  return endpoint.empty() ? nullptr : objects.get<EndpointConfig>("endpoint", endpoint);
}

std::shared_ptr<const EndpointConfig> EndpointIdentifier::byUsername(
    const store::ObjectSet& objects, const sip::Message& request) const {
  // From for every request; REGISTER falls back to To (a third-party registration).
  for (auto address : {request.from(), request.method() == sip::Method::Register
                                           ? request.to()
                                           : std::optional<sip::NameAddr>()}) {
    if (!address || !address->uri.hasUser) {
      continue;
    }
    const auto user = sip::text::unescape(address->uri.user);
    std::string domain(address->uri.hostAddress());
    if (auto alias = domainAliases_.find(domain); alias != domainAliases_.end()) {
      domain = alias->second;
    }
    if (multiDomain_) {
      if (auto endpoint = objects.get<EndpointConfig>("endpoint", user + "@" + domain)) {
        return endpoint;
      }
    }
    if (auto endpoint = objects.get<EndpointConfig>("endpoint", user)) {
      return endpoint;
    }
  }
  return nullptr;
}

std::shared_ptr<const EndpointConfig> EndpointIdentifier::byAuthUsername(
    const store::ObjectSet& objects, const sip::Message& request) const {
  const auto header = request.value(sip::HeaderId::Authorization);
  if (header.empty()) {
    return nullptr;
  }
  auto credentials = sip::auth::parseCredentials(header);
  if (!credentials) {
    return nullptr;
  }
  auto [first, last] = endpointsByAuthUser_.equal_range(credentials->username);
  for (auto it = first; it != last; ++it) {
    if (auto endpoint = objects.get<EndpointConfig>("endpoint", it->second)) {
      return endpoint;
    }
  }
  return nullptr;
}

std::shared_ptr<const EndpointConfig> EndpointIdentifier::byIp(const store::ObjectSet& objects,
                                                               const sip::Flow& flow) const {
  for (const auto& entry : networks_) {
    if (entry.networks.allows(flow.remote.address)) {
      if (auto endpoint = objects.get<EndpointConfig>("endpoint", entry.endpoint)) {
        return endpoint;
      }
    }
  }
  if (hosts_ && !hostMatches_.empty()) {
    auto source = flow.remote.address;
    if (source.is_v6() && source.to_v6().is_v4_mapped()) {
      source = boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, source.to_v6());
    }
    for (const auto& entry : hostMatches_) {
      const auto& known = hosts_->addresses(entry.host, entry.srv);
      if (std::find(known.begin(), known.end(), source) != known.end()) {
        if (auto endpoint = objects.get<EndpointConfig>("endpoint", entry.endpoint)) {
          return endpoint;
        }
      }
    }
  }
  return nullptr;
}

std::shared_ptr<const EndpointConfig> EndpointIdentifier::byHeader(
    const store::ObjectSet& objects, const sip::Message& request) const {
  for (const auto& entry : headers_) {
    const auto* header = request.find(entry.name);
    if (header == nullptr) {
      continue;
    }
    const std::string value = trim(header->value);
    const bool matched =
        entry.pattern ? std::regex_search(value, *entry.pattern) : value == entry.value;
    if (matched) {
      if (auto endpoint = objects.get<EndpointConfig>("endpoint", entry.endpoint)) {
        return endpoint;
      }
    }
  }
  return nullptr;
}

std::shared_ptr<const EndpointConfig> EndpointIdentifier::byRequestUri(
    const store::ObjectSet& objects, const sip::Message& request) const {
  const std::string uri(request.requestUri().raw);
  for (const auto& entry : requestUris_) {
    const bool matched =
        entry.pattern ? std::regex_search(uri, *entry.pattern) : uri == entry.value;
    if (matched) {
      if (auto endpoint = objects.get<EndpointConfig>("endpoint", entry.endpoint)) {
        return endpoint;
      }
    }
  }
  return nullptr;
}

}  // namespace sb::modules::res_pjsip
