#include "modules/res_pjsip/served_domains.hpp"

#include <unistd.h>

#include <boost/asio/ip/address.hpp>

#include "core/store/option_parsers.hpp"
#include "modules/res_pjsip/aor_config.hpp"
#include "modules/res_pjsip/domain_alias_config.hpp"
#include "modules/res_pjsip/endpoint_config.hpp"
#include "modules/res_pjsip/transport_config.hpp"

namespace sb::modules::res_pjsip {
namespace {

/// The domain of an object id written "user@domain", empty otherwise.
std::string_view domainOfId(std::string_view id) {
  const auto at = id.rfind('@');
  return at == std::string_view::npos ? std::string_view{} : id.substr(at + 1);
}

bool isAddress(std::string_view host) {
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  boost::system::error_code error;
  boost::asio::ip::make_address(std::string(host), error);
  return !error;
}

}  // namespace

std::set<std::string> namedDomains(const store::ObjectSet& objects) {
  std::set<std::string> out;
  for (const auto& [id, object] : objects.all("domain_alias")) {
    out.insert(store::lowered(id));
    out.insert(store::lowered(static_cast<const DomainAliasConfig&>(*object).domain));
  }
  for (const auto& type : {"aor", "endpoint"}) {
    for (const auto& [id, object] : objects.all(type)) {
      if (auto domain = domainOfId(id); !domain.empty()) {
        out.insert(store::lowered(domain));
      }
    }
  }
  if (out.empty()) {
    return out;  // nothing named: everything is served
  }
  // Names that are ours whatever the configuration says.
  for (const auto& [id, object] : objects.all("endpoint")) {
    const auto& endpoint = static_cast<const EndpointConfig&>(*object);
    if (!endpoint.fromDomain.empty()) {
      out.insert(store::lowered(endpoint.fromDomain));
    }
  }
  for (const auto& [id, object] : objects.all("transport")) {
    const auto& transport = static_cast<const TransportConfig&>(*object);
    if (!transport.externalSignalingAddress.empty()) {
      out.insert(store::lowered(transport.externalSignalingAddress));
    }
  }
  out.insert("localhost");
  char name[256] = {};
  if (::gethostname(name, sizeof name - 1) == 0 && name[0] != '\0') {
    out.insert(store::lowered(name));
  }
  return out;
}

bool ServedDomains::serves(const std::shared_ptr<const store::ObjectSet>& objects,
                           std::string_view host) {
  if (host.empty() || isAddress(host)) {
    return true;
  }
  if (objects != cachedFor_) {
    domains_ = namedDomains(*objects);
    cachedFor_ = objects;
  }
  return domains_.empty() || domains_.count(store::lowered(host)) > 0;
}

}  // namespace sb::modules::res_pjsip
