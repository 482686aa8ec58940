#include "modules/res_pjsip_registrar/binding_update.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <map>
#include <set>

#include "modules/res_pjsip/location/transport_param.hpp"
#include "sip/auth/digest_hash.hpp"

namespace sb::modules::res_pjsip_registrar {
namespace {

RegisterDecision fail(int status, std::string reason, std::string log) {
  RegisterDecision decision;
  decision.status = status;
  decision.reason = std::move(reason);
  decision.logMessage = std::move(log);
  return decision;
}

std::string unquoted(std::string_view value) {
  if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
    value = value.substr(1, value.size() - 2);
  }
  return std::string(value);
}

/// One Contact of the request, resolved.
struct Wanted {
  std::string id;
  std::string uri;
  std::uint32_t expiration = 0;
  std::string instance;
  std::string regId;
  double q = -1;
};

}  // namespace

std::string contactId(const std::string& aor, std::string_view uri) {
  const auto hash = sip::auth::hexDigest(sip::auth::HashFunction::Md5, uri);
  return aor + ";@" + hash.value_or(std::string(uri));
}

RegisterDecision decideRegistration(const RegisterRequest& request, const AorConfig& aor,
                                    const std::vector<const LocatedContact*>& existing) {
  RegisterDecision decision;
  if (aor.maxContacts == 0) {
    return fail(403, "Forbidden",
                fmt::format("AOR '{}' has no configured max_contacts. Endpoint '{}' unable to "
                            "register",
                            request.aor, request.endpoint));
  }

  // Contact: * removes every binding; RFC 3261 10.3 step 6 allows it only alone with
  // Expires: 0.
  const bool wildcard = std::any_of(request.contacts.begin(), request.contacts.end(),
                                    [](const sip::NameAddr& c) { return c.wildcard; });
  if (wildcard) {
    if (request.contacts.size() != 1 || request.expires != std::uint32_t{0}) {
      return fail(400, "Bad Request", "Contact: * needs Expires: 0 and must be the only Contact");
    }
    for (const auto* contact : existing) {
      decision.change.remove.push_back(contact->data.id);
    }
    return decision;
  }

  std::vector<Wanted> wanted;
  for (const auto& contact : request.contacts) {
    if (!contact.uri.isSip()) {
      return fail(
          416, "Unsupported URI Scheme",
          fmt::format("Contact URI scheme '{}' is not sip or sips", contact.uri.schemeText));
    }
    std::uint32_t expiration = aor.defaultExpiration;
    if (auto own = contact.expires()) {
      expiration = *own;
    } else if (request.expires) {
      expiration = *request.expires;
    }
    if (expiration > 0 && expiration < aor.minimumExpiration) {
      auto refusal = fail(423, "Interval Too Brief",
                          fmt::format("expiration {} s is below minimum_expiration {} s",
                                      expiration, aor.minimumExpiration));
      refusal.headers.emplace_back("Min-Expires", std::to_string(aor.minimumExpiration));
      return refusal;
    }
    expiration = std::min(expiration, aor.maximumExpiration);
    Wanted entry;
    entry.uri = std::string(contact.uri.raw);
    entry.id = contactId(request.aor, entry.uri);
    entry.expiration = expiration;
    entry.instance = unquoted(contact.params.get("+sip.instance"));
    entry.regId = std::string(contact.params.get("reg-id"));
    if (auto q = contact.qThousandths()) {
      entry.q = *q / 1000.0;
    }
    wanted.push_back(std::move(entry));
  }

  // Current bindings by id; what this request removes and keeps.
  std::map<std::string, const LocatedContact*> current;
  for (const auto* contact : existing) {
    current[contact->data.id] = contact;
  }
  std::set<std::string> removed;
  std::set<std::string> touched;  // ids this request adds or refreshes
  for (const auto& entry : wanted) {
    // RFC 5626: the same instance (and reg-id) replaces its old binding, whatever the URI.
    if (!entry.instance.empty()) {
      for (const auto& [id, contact] : current) {
        if (id != entry.id && contact->data.instance == entry.instance &&
            contact->data.regId == entry.regId) {
          removed.insert(id);
        }
      }
    }
    if (entry.expiration == 0) {
      if (current.count(entry.id)) {
        removed.insert(entry.id);
      }
    } else {
      touched.insert(entry.id);
      removed.erase(entry.id);
    }
  }

  std::size_t kept = 0;  // existing bindings that stay and are not refreshed here
  for (const auto& [id, contact] : current) {
    if (!removed.count(id) && !touched.count(id)) {
      ++kept;
    }
  }
  const std::size_t max = aor.maxContacts;
  if (touched.size() > max) {
    return fail(403, "Forbidden",
                fmt::format("Registration attempt from endpoint '{}' to AOR '{}' will exceed "
                            "max contacts of {}",
                            request.endpoint, request.aor, max));
  }
  if (kept + touched.size() > max) {
    // Make room: unavailable contacts first (remove_unavailable), then the soonest to
    // expire (remove_existing), as Asterisk does.
    std::vector<const LocatedContact*> candidates;
    for (const auto& [id, contact] : current) {
      if (!removed.count(id) && !touched.count(id)) {
        candidates.push_back(contact);
      }
    }
    std::stable_sort(candidates.begin(), candidates.end(), [](const auto* a, const auto* b) {
      return a->data.expiresAt < b->data.expiresAt;
    });
    auto evict = [&](auto&& eligible) {
      for (const auto* contact : candidates) {
        if (kept + touched.size() <= max) {
          return;
        }
        if (!removed.count(contact->data.id) && eligible(*contact)) {
          removed.insert(contact->data.id);
          --kept;
        }
      }
    };
    if (aor.removeUnavailable) {
      evict(
          [](const LocatedContact& c) { return c.state == res_pjsip::ContactState::Unreachable; });
    }
    if (aor.removeExisting) {
      evict([](const LocatedContact&) { return true; });
    }
    if (kept + touched.size() > max) {
      return fail(403, "Forbidden",
                  fmt::format("Registration attempt from endpoint '{}' to AOR '{}' will exceed "
                              "max contacts of {}",
                              request.endpoint, request.aor, max));
    }
  }

  decision.change.remove.assign(removed.begin(), removed.end());
  for (const auto& entry : wanted) {
    if (entry.expiration == 0) {
      continue;
    }
    StoredContact stored;
    stored.id = entry.id;
    stored.aor = request.aor;
    stored.endpoint = request.endpoint;
    // The id stays that of the URI as the UA wrote it, so its refreshes and removals match.
    stored.uri = request.symmetricTransport.empty()
                     ? entry.uri
                     : res_pjsip::withTransportParam(entry.uri, request.symmetricTransport);
    stored.path = request.path;
    stored.userAgent = request.userAgent;
    stored.callId = request.callId;
    stored.cseq = request.cseq;
    stored.instance = entry.instance;
    stored.regId = entry.regId;
    stored.viaAddr = request.viaAddr;
    stored.viaPort = request.viaPort;
    stored.source = request.source;
    stored.expiresAt = request.now + entry.expiration;
    stored.q = entry.q;
    auto previous = current.find(entry.id);
    stored.registeredAt =
        previous != current.end() ? previous->second->data.registeredAt : request.now;
    decision.change.put.push_back(std::move(stored));
  }
  return decision;
}

}  // namespace sb::modules::res_pjsip_registrar
