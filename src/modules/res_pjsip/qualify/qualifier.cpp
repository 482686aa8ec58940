#include "modules/res_pjsip/qualify/qualifier.hpp"

#include <fmt/format.h>

#include <chrono>
#include <functional>

#include "core/log/logger.hpp"
#include "modules/res_pjsip/aor_config.hpp"
#include "modules/res_pjsip/location/contact_flow.hpp"
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

}  // namespace

struct Qualifier::InFlight {
  std::string contactId;
  std::chrono::steady_clock::time_point sent;
  bool only2xx = false;
  Done done;
  sip::ClientTransactionHandle transaction;
  sip::Timer timeout;
};

Qualifier::Qualifier(sip::SipCore& core, LocationService& location, const store::ObjectStore& store)
    : core_(core), location_(location), store_(store), tickTimer_(core.timers()) {}

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
    auto due = nextDue_.find(id);
    std::int64_t next;
    if (due == nextDue_.end()) {
      // First sight: a stable offset within the interval spreads contacts evenly.
      next = now + static_cast<std::int64_t>(std::hash<std::string>{}(id) %
                                             (std::uint64_t{frequency} * 1000));
    } else {
      next = due->second;
    }
    if (next <= now) {
      qualify(*contact);
      next = now + std::int64_t{frequency} * 1000;
    }
    seen[id] = next;
  }
  nextDue_ = std::move(seen);  // forgets contacts that are gone
}

std::size_t Qualifier::qualifyAors(const std::vector<std::string>& aors) {
  std::size_t sent = 0;
  for (const auto& aor : aors) {
    for (const auto* contact : location_.contactsOf(aor)) {
      qualify(*contact);
      ++sent;
    }
  }
  return sent;
}

void Qualifier::qualify(const LocatedContact& contact, Done done) {
  const auto objects = store_.current();
  auto aor = objects->get<AorConfig>("aor", contact.data.aor);
  auto global = objects->get<GlobalConfig>("global", "global");
  if (!parseSource(contact.data.source)) {
    return;
  }
  auto outbound = flowToContact(core_, contact.data);
  if (!outbound) {
    finish("", ContactState::Unreachable, std::nan(""));
    location_.setState(contact.data.id, ContactState::Unreachable, std::nan(""));
    return;
  }
  const sip::Flow& flow = outbound->flow;
  const sip::SocketAddress& local = outbound->local;

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
      fmt::arg("uri", contact.data.uri), fmt::arg("transport", sip::transportName(flow.kind)),
      fmt::arg("local", local.str()), fmt::arg("branch", branch), fmt::arg("user", fromUser),
      fmt::arg("host", local.hostStr()), fmt::arg("tag", hex(std::hash<std::string>{}(branch))),
      fmt::arg("callId", branch.substr(7) + "@" + local.hostStr()),
      fmt::arg("maxForwards", global ? global->maxForwards : 70));
  if (!contact.data.path.empty()) {
    text += "Route: " + contact.data.path + "\r\n";
  }
  text += "User-Agent: " + core_.settings().serverHeader + "\r\nContent-Length: 0\r\n\r\n";
  auto parsed = sip::parseMessage(text);
  if (!parsed.ok()) {
    SB_WARNING("Cannot qualify contact '{}': {}", contact.data.uri, "unusable URI");
    return;
  }

  auto entry = std::make_unique<InFlight>();
  entry->contactId = contact.data.id;
  entry->sent = std::chrono::steady_clock::now();
  entry->only2xx = aor && aor->qualify2xxOnly;
  entry->done = std::move(done);
  entry->timeout = sip::Timer(core_.timers());
  const double timeout = aor ? aor->qualifyTimeout : 3.0;
  auto* raw = entry.get();
  inFlight_[branch] = std::move(entry);

  std::weak_ptr<Qualifier> weak = weak_from_this();
  sip::ClientCallbacks callbacks;
  callbacks.onFinal = [weak, branch](const sip::Message& response) {
    auto self = weak.lock();
    if (!self) {
      return;
    }
    auto found = self->inFlight_.find(branch);
    if (found == self->inFlight_.end()) {
      return;
    }
    const double rtt = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() -
                                                                 found->second->sent)
                           .count();
    const bool counts = !found->second->only2xx || response.statusCode() / 100 == 2;
    self->finish(branch, counts ? ContactState::Reachable : ContactState::Unreachable,
                 counts ? rtt : std::nan(""));
  };
  callbacks.onTimeout = [weak, branch] {
    if (auto self = weak.lock()) {
      self->finish(branch, ContactState::Unreachable, std::nan(""));
    }
  };
  callbacks.onTransportError = [weak, branch](const std::string&) {
    if (auto self = weak.lock()) {
      self->finish(branch, ContactState::Unreachable, std::nan(""));
    }
  };
  raw->timeout.start(std::chrono::milliseconds(static_cast<std::int64_t>(timeout * 1000)),
                     [weak, branch] {
                       if (auto self = weak.lock()) {
                         self->finish(branch, ContactState::Unreachable, std::nan(""));
                       }
                     });
  raw->transaction =
      core_.transactions().sendRequest(std::move(*parsed.message), flow, std::move(callbacks));
  if (!raw->transaction) {
    finish(branch, ContactState::Unreachable, std::nan(""));
  }
}

void Qualifier::finish(const std::string& key, ContactState state, double rttMs) {
  auto found = inFlight_.find(key);
  if (found == inFlight_.end()) {
    return;
  }
  auto entry = std::move(found->second);
  inFlight_.erase(found);
  if (const auto* contact = location_.find(entry->contactId)) {
    if (contact->state != state) {
      SB_VERBOSE(2, "Contact {}/{} is now {}.  RTT: {:.3f} msec", contact->data.aor,
                 contact->data.uri, contactStateName(state), std::isnan(rttMs) ? 0.0 : rttMs);
    }
    location_.setState(entry->contactId, state, rttMs);
  }
  if (entry->done) {
    entry->done(state, rttMs);
  }
}

}  // namespace sb::modules::res_pjsip
