#include "modules/res_pjsip/qualify/qualifier.hpp"

#include <fmt/format.h>

#include <chrono>
#include <functional>

#include "core/log/logger.hpp"
#include "modules/res_pjsip/aor_config.hpp"
#include "modules/res_pjsip/endpoint_config.hpp"
#include "modules/res_pjsip/location/destination.hpp"
#include "modules/res_pjsip/location/transport_param.hpp"
#include "modules/res_pjsip/outbound_credentials.hpp"
#include "modules/res_pjsip/settings_config.hpp"
#include "sip/transaction/transaction_key.hpp"

namespace sb::modules::res_pjsip {
namespace {

std::int64_t nowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string hex(std::uint64_t value) {
  return fmt::format("{:016x}", value);
}

/// The first endpoint that lists `aor` (whose outbound_auth a static contact's
/// challenge is answered with, as Asterisk's find_an_endpoint does).
std::string endpointOfAor(const store::ObjectSet& objects, const std::string& aor) {
  for (const auto& [id, object] : objects.all("endpoint")) {
    const auto& endpoint = static_cast<const EndpointConfig&>(*object);
    if (std::find(endpoint.aors.begin(), endpoint.aors.end(), aor) != endpoint.aors.end()) {
      return id;
    }
  }
  return {};
}

/// When a contact is next due: first sight at a stable offset inside the interval (spreads
/// contacts evenly), then every interval.
std::int64_t dueAfter(const std::unordered_map<std::string, std::int64_t>& due,
                      const std::string& id, unsigned frequency, std::int64_t now) {
  if (auto found = due.find(id); found != due.end()) {
    return found->second;
  }
  return now + static_cast<std::int64_t>(std::hash<std::string>{}(id) %
                                         (std::uint64_t{frequency} * 1000));
}

}  // namespace

struct Qualifier::InFlight {
  Target target;
  std::chrono::steady_clock::time_point sent;
  bool only2xx = false;
  Done done;
  sip::Message request;  ///< the OPTIONS as sent (to answer a challenge)
  sip::Flow flow;
  bool challenged = false;
  sip::ClientTransactionHandle transaction;
  sip::Timer timeout;
};

Qualifier::Qualifier(sip::SipCore& core, sip::dns::Resolver& resolver, LocationService& location,
                     const store::ObjectStore& store)
    : core_(core),
      resolver_(resolver),
      location_(location),
      store_(store),
      tickTimer_(core.timers()) {}

Qualifier::~Qualifier() = default;

void Qualifier::start() {
  tickTimer_.start(std::chrono::seconds(1), [weak = weak_from_this()] {
    if (auto self = weak.lock()) {
      self->tick();
      self->start();
    }
  });
}

void Qualifier::tick() {
  const auto objects = store_.current();
  const auto now = nowMs();
  std::unordered_map<std::string, std::int64_t> seen;
  for (const auto* contact : location_.all()) {
    const auto& id = contact->data.id;
    auto aor = objects->get<AorConfig>("aor", contact->data.aor);
    const unsigned frequency = aor ? aor->qualifyFrequency : 0;
    if (frequency == 0) {
      if (contact->state != ContactState::NonQualified) {
        location_.setState(id, ContactState::NonQualified, std::nan(""));
      }
      continue;
    }
    std::int64_t next = dueAfter(nextDue_, id, frequency, now);
    if (next <= now) {
      qualify(*contact);
      next = now + std::int64_t{frequency} * 1000;
    }
    seen[id] = next;
  }
  for (const auto& [aorId, object] : objects->all("aor")) {
    const auto& aor = static_cast<const AorConfig&>(*object);
    if (aor.qualifyFrequency == 0) {
      continue;
    }
    for (const auto& uri : aor.contact) {
      if (uri.empty()) {
        continue;
      }
      const std::string id = LocationService::staticContactId(aorId, uri);
      std::int64_t next = dueAfter(nextDue_, id, aor.qualifyFrequency, now);
      if (next <= now) {
        qualifyStatic(aorId, uri, nullptr);
        next = now + std::int64_t{aor.qualifyFrequency} * 1000;
      }
      seen[id] = next;
    }
  }
  nextDue_ = std::move(seen);  // forgets contacts that are gone
}

std::size_t Qualifier::qualifyAors(const std::vector<std::string>& aors) {
  std::size_t sent = 0;
  const auto objects = store_.current();
  for (const auto& aorName : aors) {
    for (const auto* contact : location_.contactsOf(aorName)) {
      qualify(*contact);
      ++sent;
    }
    if (auto aor = objects->get<AorConfig>("aor", aorName)) {
      for (const auto& uri : aor->contact) {
        if (!uri.empty()) {
          qualifyStatic(aorName, uri, nullptr);
          ++sent;
        }
      }
    }
  }
  return sent;
}

void Qualifier::qualify(const LocatedContact& contact, Done done) {
  if (!parseSource(contact.data.source)) {
    return;
  }
  Target target{contact.data.id,   contact.data.aor,      contact.data.uri,
                contact.data.path, contact.data.endpoint, false};
  auto outbound = flowToContact(core_, contact.data);
  if (!outbound) {
    record(target, ContactState::Unreachable, std::nan(""));
    if (done) {
      done(ContactState::Unreachable, std::nan(""));
    }
    return;
  }
  send(std::move(target), *outbound, std::move(done));
}

void Qualifier::qualifyStatic(const std::string& aor, const std::string& uri, Done done) {
  Target target{LocationService::staticContactId(aor, uri), aor, uri, "",
                endpointOfAor(*store_.current(), aor),      true};
  const auto parsed = sip::parseUri(uri);
  if (!parsed) {
    record(target, ContactState::Unreachable, std::nan(""));
    return;
  }
  locateDestinations(core_, resolver_, *parsed,
                     [weak = weak_from_this(), target, done](Destinations found) mutable {
                       auto self = weak.lock();
                       if (!self) {
                         return;
                       }
                       if (found.flows.empty()) {
                         SB_DEBUG(2, "Cannot qualify {}: {}", target.uri, found.error);
                         self->record(target, ContactState::Unreachable, std::nan(""));
                         if (done) {
                           done(ContactState::Unreachable, std::nan(""));
                         }
                         return;
                       }
                       self->send(std::move(target), found.flows.front(), std::move(done));
                     });
}

void Qualifier::send(Target target, const OutboundFlow& outbound, Done done) {
  const auto objects = store_.current();
  auto aor = objects->get<AorConfig>("aor", target.aor);
  auto global = objects->get<GlobalConfig>("global", "global");
  const sip::Flow& flow = outbound.flow;
  const sip::SocketAddress& local = outbound.local;

  const std::string branch = sip::newBranch();
  const std::string fromUser = global ? global->defaultFromUser : std::string("asterisk");
  std::string text = fmt::format(
      "OPTIONS {uri} SIP/2.0\r\n"
      "Via: SIP/2.0/{transport} {local};rport;branch={branch}\r\n"
      "From: <sip:{user}@{host}>;tag={tag}\r\n"
      "To: <{uri}>\r\n"
      "Call-ID: {callId}\r\n"
      "CSeq: 1 OPTIONS\r\n"
      "Max-Forwards: {maxForwards}\r\n"
      "Contact: <sip:{user}@{local}>\r\n",
      fmt::arg("uri", withoutTransportParam(target.uri)),
      fmt::arg("transport", sip::transportName(flow.kind)), fmt::arg("local", local.str()),
      fmt::arg("branch", branch), fmt::arg("user", fromUser), fmt::arg("host", local.hostStr()),
      fmt::arg("tag", hex(std::hash<std::string>{}(branch))),
      fmt::arg("callId", branch.substr(7) + "@" + local.hostStr()),
      fmt::arg("maxForwards", global ? global->maxForwards : 70));
  if (!target.path.empty()) {
    text += "Route: " + target.path + "\r\n";
  }
  text += "User-Agent: " + core_.settings().serverHeader + "\r\nContent-Length: 0\r\n\r\n";
  auto parsed = sip::parseMessage(text);
  if (!parsed.ok()) {
    SB_WARNING("Cannot qualify contact '{}': {}", target.uri, "unusable URI");
    return;
  }

  auto entry = std::make_unique<InFlight>();
  entry->target = std::move(target);
  entry->sent = std::chrono::steady_clock::now();
  entry->only2xx = aor && aor->qualify2xxOnly;
  entry->done = std::move(done);
  entry->request = *parsed.message;
  entry->flow = flow;
  entry->timeout = sip::Timer(core_.timers());
  const double timeout = aor ? aor->qualifyTimeout : 3.0;
  auto* raw = entry.get();
  inFlight_[branch] = std::move(entry);

  std::weak_ptr<Qualifier> weak = weak_from_this();
  raw->timeout.start(std::chrono::milliseconds(static_cast<std::int64_t>(timeout * 1000)),
                     [weak, branch] {
                       if (auto self = weak.lock()) {
                         self->finish(branch, ContactState::Unreachable, std::nan(""));
                       }
                     });
  raw->transaction =
      core_.transactions().sendRequest(std::move(*parsed.message), flow, callbacksFor(branch));
  if (!raw->transaction) {
    finish(branch, ContactState::Unreachable, std::nan(""));
  }
}

sip::ClientCallbacks Qualifier::callbacksFor(const std::string& key) {
  std::weak_ptr<Qualifier> weak = weak_from_this();
  sip::ClientCallbacks callbacks;
  callbacks.onFinal = [weak, key](const sip::Message& response) {
    if (auto self = weak.lock()) {
      self->onFinal(key, response);
    }
  };
  callbacks.onTimeout = [weak, key] {
    if (auto self = weak.lock()) {
      self->finish(key, ContactState::Unreachable, std::nan(""));
    }
  };
  callbacks.onTransportError = [weak, key](const std::string&) {
    if (auto self = weak.lock()) {
      self->finish(key, ContactState::Unreachable, std::nan(""));
    }
  };
  return callbacks;
}

void Qualifier::onFinal(const std::string& key, const sip::Message& response) {
  auto found = inFlight_.find(key);
  if (found == inFlight_.end()) {
    return;
  }
  auto& entry = *found->second;
  const int code = response.statusCode();
  if ((code == 401 || code == 407) && !entry.challenged && answerChallenge(entry, key, response)) {
    return;
  }
  const double rtt =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - entry.sent)
          .count();
  const bool counts = !entry.only2xx || code / 100 == 2;
  finish(key, counts ? ContactState::Reachable : ContactState::Unreachable,
         counts ? rtt : std::nan(""));
}

bool Qualifier::answerChallenge(InFlight& entry, const std::string& key,
                                const sip::Message& response) {
  auto again =
      answeredWithOutboundAuth(*store_.current(), entry.target.endpoint, entry.request, response);
  if (!again) {
    return false;
  }
  entry.challenged = true;
  entry.request = *again;
  entry.transaction =
      core_.transactions().sendRequest(std::move(*again), entry.flow, callbacksFor(key));
  return static_cast<bool>(entry.transaction);
}

void Qualifier::record(const Target& target, ContactState state, double rttMs) {
  if (target.isStatic) {
    const auto before = location_.staticState(target.id);
    if (!before || before->state != state) {
      SB_VERBOSE(2, "Contact {}/{} is now {}.  RTT: {:.3f} msec", target.aor, target.uri,
                 contactStateName(state), std::isnan(rttMs) ? 0.0 : rttMs);
    }
    location_.setStaticState(target.aor, target.uri, target.endpoint, state, rttMs);
    return;
  }
  if (const auto* contact = location_.find(target.id)) {
    if (contact->state != state) {
      SB_VERBOSE(2, "Contact {}/{} is now {}.  RTT: {:.3f} msec", contact->data.aor,
                 contact->data.uri, contactStateName(state), std::isnan(rttMs) ? 0.0 : rttMs);
    }
    location_.setState(target.id, state, rttMs);
  }
}

void Qualifier::finish(const std::string& key, ContactState state, double rttMs) {
  auto found = inFlight_.find(key);
  if (found == inFlight_.end()) {
    return;
  }
  auto entry = std::move(found->second);
  inFlight_.erase(found);
  record(entry->target, state, rttMs);
  if (entry->done) {
    entry->done(state, rttMs);
  }
}

}  // namespace sb::modules::res_pjsip
