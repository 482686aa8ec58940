#include "modules/res_pjsip_registrar/registrar.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "core/log/logger.hpp"
#include "modules/res_pjsip/aor_config.hpp"
#include "modules/res_pjsip/domain_alias_config.hpp"
#include "modules/res_pjsip/endpoint_config.hpp"
#include "modules/res_pjsip/request_security.hpp"
#include "modules/res_pjsip/settings_config.hpp"
#include "modules/res_pjsip/transport_config.hpp"
#include "modules/res_pjsip_registrar/binding_update.hpp"
#include "sip/message/text.hpp"

namespace sb::modules::res_pjsip_registrar {
namespace {

using res_pjsip::AorConfig;
using res_pjsip::EndpointConfig;

/// The AOR named by the To URI among the endpoint's aors: "user@domain" first (unless
/// disable_multi_domain), then "user", as Asterisk's registrar looks them up.
std::shared_ptr<const AorConfig> findAor(const store::ObjectSet& objects,
                                         const EndpointConfig& endpoint, const sip::Uri& to) {
  std::string user = sip::text::unescape(to.user);
  std::string domain(to.hostAddress());
  if (auto alias = objects.get<res_pjsip::DomainAliasConfig>("domain_alias", domain)) {
    domain = alias->domain;
  }
  auto global = objects.get<res_pjsip::GlobalConfig>("global", "global");
  std::vector<std::string> names;
  if (!global || !global->disableMultiDomain) {
    names.push_back(user + "@" + domain);
  }
  names.push_back(user);
  for (const auto& name : names) {
    if (std::find(endpoint.aors.begin(), endpoint.aors.end(), name) != endpoint.aors.end()) {
      if (auto aor = objects.get<AorConfig>("aor", name)) {
        return aor;
      }
    }
  }
  return nullptr;
}

std::string joinValues(const sip::Message& message, std::string_view name) {
  std::string out;
  for (const auto& header : message.headers()) {
    if (sip::text::iequals(header.name, name)) {
      out += (out.empty() ? "" : ",") + std::string(header.value);
    }
  }
  return out;
}

std::string lowerName(sip::TransportKind kind) {
  std::string name(sip::transportName(kind));
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return name;
}

/// The Date header value, formatted once per second (reactor thread only).
const std::string& httpDate() {
  static std::time_t cachedSecond = 0;
  static std::string cached;
  const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  if (now != cachedSecond) {
    cachedSecond = now;
    cached = fmt::format("{:%a, %d %b %Y %H:%M:%S} GMT", fmt::gmtime(now));
  }
  return cached;
}

}  // namespace

sip::Verdict Registrar::handle(sip::IncomingRequest& request) {
  const auto objects = store_.current();
  const auto& message = request.message();
  const auto* endpointId = request.findAttribute("endpoint");
  auto endpoint = endpointId ? objects->get<EndpointConfig>("endpoint", *endpointId) : nullptr;
  if (!endpoint) {
    request.respond(403, "Forbidden");
    return sip::Verdict::Done;
  }
  const auto to = message.to();
  if (!to || !to->uri.isSip()) {
    request.respond(416, "Unsupported URI Scheme");
    return sip::Verdict::Done;
  }
  const auto aor = findAor(*objects, *endpoint, to->uri);
  if (!aor) {
    SB_WARNING("AOR '{}' not found for endpoint '{}' ({})", sip::text::unescape(to->uri.user),
               endpoint->id, request.flow().remote.str());
    request.respond(404, "Not Found");
    return sip::Verdict::Done;
  }
  const auto contacts = message.contacts();
  if (message.count(sip::HeaderId::Contact) > 0 && contacts.empty()) {
    request.respond(400, "Bad Request", {}, {}, {});
    return sip::Verdict::Done;
  }
  if (!aor->supportPath) {
    for (auto tag : message.tokens(sip::HeaderId::Require)) {
      if (sip::text::iequals(tag, "path")) {
        request.respond(420, "Bad Extension", {{"Unsupported", "path"}});
        return sip::Verdict::Done;
      }
    }
  }

  RegisterRequest input;
  input.aor = aor->id;
  input.endpoint = endpoint->id;
  input.contacts = contacts;
  input.expires = message.expires();
  input.callId = std::string(message.callId());
  if (auto cseq = message.cseq()) {
    input.cseq = cseq->number;
  }
  input.userAgent = std::string(message.value("User-Agent"));
  if (aor->supportPath) {
    input.path = joinValues(message, "Path");
  }
  const auto& flow = request.flow();
  input.source = lowerName(flow.kind) + ":" + flow.remote.str();
  if (auto transport = objects->get<res_pjsip::TransportConfig>("transport", flow.listener);
      transport && transport->symmetricTransport) {
    input.symmetricTransport = flow.listener;
  }
  if (auto via = message.topVia()) {
    input.viaAddr = std::string(via->host);
    input.viaPort = via->port;
  }
  input.now = location_.now();

  auto decision = decideRegistration(input, *aor, location_.contactsOf(aor->id));
  if (decision.status != 200) {
    if (!decision.logMessage.empty()) {
      SB_WARNING("{}", decision.logMessage);
    }
    request.respond(decision.status, decision.reason, decision.headers);
    return sip::Verdict::Done;
  }

  // The 200 waits until the change is on disk: what we acknowledge survives a crash.
  const bool pathUsed = !input.path.empty();
  location_.apply(
      std::move(decision.change), [self = weak_from_this(), keep = request.shared(),
                                   aorId = aor->id, pathUsed, path = input.path](bool ok) {
        auto registrar = self.lock();
        if (!registrar) {
          return;
        }
        if (!ok) {
          keep->respond(500, "Server Internal Error");
          return;
        }
        sip::HeaderList headers;
        const auto now = registrar->location_.now();
        for (const auto* contact : registrar->location_.contactsOf(aorId)) {
          headers.emplace_back("Contact", fmt::format("<{}>;expires={}", contact->data.uri,
                                                      contact->data.expiresAt - now));
        }
        if (pathUsed) {
          headers.emplace_back("Path", path);
          headers.emplace_back("Supported", "path");
        }
        headers.emplace_back("Date", httpDate());
        keep->respond(200, "OK", headers);
      });
  return sip::Verdict::Async;
}

}  // namespace sb::modules::res_pjsip_registrar
