#include "modules/res_pjsip/request_policy.hpp"

#include "core/log/logger.hpp"
#include "modules/res_pjsip/acl_config.hpp"
#include "modules/res_pjsip/digest_authenticator.hpp"
#include "modules/res_pjsip/endpoint_config.hpp"
#include "modules/res_pjsip/endpoint_identifier.hpp"
#include "modules/res_pjsip/ip_acl.hpp"
#include "modules/res_pjsip/request_security.hpp"
#include "modules/res_pjsip/served_domains.hpp"

namespace sb::modules::res_pjsip {
namespace {

/// The IP addresses of the request's Contact URIs (host names are not resolved here).
std::vector<boost::asio::ip::address> contactAddresses(const sip::Message& message) {
  std::vector<boost::asio::ip::address> out;
  for (const auto& contact : message.contacts()) {
    if (contact.wildcard) {
      continue;
    }
    boost::system::error_code error;
    auto address = boost::asio::ip::make_address(std::string(contact.uri.hostAddress()), error);
    if (!error) {
      out.push_back(address);
    }
  }
  return out;
}

/// Every IP address among the request's Contacts passes `acl` (no rules: all pass).
bool contactsPass(const IpAcl& acl, const sip::Message& message) {
  if (acl.empty()) {
    return true;
  }
  for (const auto& address : contactAddresses(message)) {
    if (!acl.allows(address)) {
      return false;
    }
  }
  return true;
}

/// Named ACLs (acl.conf) by name; an unknown name refuses, as a typo must not open the door.
bool namedPass(const store::ObjectSet& objects, const std::vector<std::string>& names,
               const boost::asio::ip::address& address) {
  for (const auto& name : names) {
    auto acl = objects.get<AclConfig>("named_acl", name);
    if (!acl) {
      SB_WARNING("ACL '{}' is not defined in acl.conf: refusing the request", name);
      return false;
    }
    if (!acl->ipAcl.allows(address)) {
      return false;
    }
  }
  return true;
}

bool namedContactsPass(const store::ObjectSet& objects, const std::vector<std::string>& names,
                       const sip::Message& message) {
  if (names.empty()) {
    return true;
  }
  for (const auto& address : contactAddresses(message)) {
    if (!namedPass(objects, names, address)) {
      return false;
    }
  }
  return true;
}

sip::Verdict refuse(sip::IncomingRequest& request, std::string_view account,
                    std::string_view aclName, std::string_view logReason) {
  security::logFailedRequest(request, logReason);
  security::failedAcl(request, account, aclName);
  request.respond(403, "Forbidden");
  return sip::Verdict::Done;
}

}  // namespace

Registrations addRequestPolicy(sip::RequestPipeline& pipeline, const store::ObjectStore& store,
                               std::shared_ptr<HostAddressBook> hosts,
                               EndpointIdentifier::LineLookup lines) {
  Registrations out;
  auto add = [&](sip::Stage stage, std::string name, sip::RequestPipeline::Handler handler) {
    const auto id = pipeline.add(stage, std::move(name), std::move(handler));
    out += Registration([&pipeline, id] { pipeline.remove(id); });
  };

  add(sip::Stage::Filter, "acl", [&store](sip::IncomingRequest& request) {
    if (request.method() == sip::Method::Ack) {
      return sip::Verdict::Continue;
    }
    const auto objects = store.current();
    for (const auto& [id, object] : objects->all("acl")) {
      const auto& acl = static_cast<const AclConfig&>(*object);
      if (!acl.ipAcl.allows(request.flow().remote.address) ||
          !namedPass(*objects, acl.acl, request.flow().remote.address)) {
        return refuse(request, "", id, "Not match Endpoint ACL");
      }
      if (!contactsPass(acl.contactIpAcl, request.message()) ||
          !namedContactsPass(*objects, acl.contactAcl, request.message())) {
        return refuse(request, "", id, "Not match Endpoint Contact ACL");
      }
    }
    return sip::Verdict::Continue;
  });

  // RFC 3261 8.2.2.1: a request for a domain we do not serve gets 404 (in-dialog requests
  // target our own Contact).
  auto served = std::make_shared<ServedDomains>();
  add(sip::Stage::Filter, "domain", [&store, served](sip::IncomingRequest& request) {
    const auto& message = request.message();
    const auto to = message.to();
    if (request.method() == sip::Method::Ack || request.method() == sip::Method::Cancel ||
        (to && to->hasTag())) {
      return sip::Verdict::Continue;
    }
    const auto& uri = message.requestUri();
    if (!uri.isSip() || served->serves(store.current(), uri.host)) {
      return sip::Verdict::Continue;
    }
    request.respond(404, "Not Found");
    return sip::Verdict::Done;
  });

  auto identifier = std::make_shared<EndpointIdentifier>(std::move(hosts), std::move(lines));
  add(sip::Stage::Identify, "endpoint", [&store, identifier](sip::IncomingRequest& request) {
    const auto objects = store.current();
    auto found = identifier->identify(objects, request.message(), request.flow());
    if (!found) {
      return sip::Verdict::Continue;
    }
    const auto& endpoint = *found->endpoint;
    request.attribute("endpoint") = endpoint.id;
    if (request.method() == sip::Method::Ack) {
      return sip::Verdict::Continue;
    }
    if (!endpoint.ipAcl.allows(request.flow().remote.address) ||
        !namedPass(*objects, endpoint.acl, request.flow().remote.address)) {
      return refuse(request, endpoint.id, endpoint.id, "Not match Endpoint ACL");
    }
    if (!contactsPass(endpoint.contactIpAcl, request.message()) ||
        !namedContactsPass(*objects, endpoint.contactAcl, request.message())) {
      return refuse(request, endpoint.id, endpoint.id, "Not match Endpoint Contact ACL");
    }
    return sip::Verdict::Continue;
  });

  auto authenticator = std::make_shared<DigestAuthenticator>(store);
  add(sip::Stage::Authenticate, "digest", [authenticator](sip::IncomingRequest& request) {
    return authenticator->authenticate(request);
  });
  return out;
}

}  // namespace sb::modules::res_pjsip
