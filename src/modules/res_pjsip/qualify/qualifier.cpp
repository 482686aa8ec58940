#include "modules/res_pjsip/qualify/qualifier.hpp"

#include <fmt/format.h>

#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio/ip/udp.hpp>
#include <chrono>
#include <functional>

#include "core/log/logger.hpp"
#include "modules/res_pjsip/aor_config.hpp"
#include "modules/res_pjsip/settings_config.hpp"
#include "sip/transaction/transaction_key.hpp"

namespace sb::modules::res_pjsip {
namespace {

std::int64_t nowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

/// "udp:192.0.2.1:5060" -> kind and address.
std::optional<std::pair<sip::TransportKind, sip::SocketAddress>> parseSource(
    std::string_view source) {
  const auto colon = source.find(':');
  if (colon == std::string_view::npos) {
    return std::nullopt;
  }
  const auto kindText = source.substr(0, colon);
  sip::TransportKind kind;
  if (kindText == "udp") {
    kind = sip::TransportKind::Udp;
  } else if (kindText == "tcp") {
    kind = sip::TransportKind::Tcp;
  } else if (kindText == "tls") {
    kind = sip::TransportKind::Tls;
  } else if (kindText == "ws") {
    kind = sip::TransportKind::Ws;
  } else if (kindText == "wss") {
    kind = sip::TransportKind::Wss;
  } else {
    return std::nullopt;
  }
  auto address = sip::SocketAddress::parse(source.substr(colon + 1));
  if (!address) {
    return std::nullopt;
  }
  return std::make_pair(kind, *address);
}

/// The address our packets to `remote` leave from: the bound address, or for a wildcard
/// bind the one the kernel routes through (connecting a UDP socket sends nothing; plain
/// system calls, no I/O objects).
boost::asio::ip::address localAddressFor(const sip::SocketAddress& bound,
                                         const sip::SocketAddress& remote) {
  if (!bound.address.is_unspecified()) {
    return bound.address;
  }
  const boost::asio::ip::udp::endpoint target(remote.address,
                                              remote.port == 0 ? std::uint16_t{5060} : remote.port);
  const int fd = ::socket(target.protocol().family(), SOCK_DGRAM, 0);
  boost::asio::ip::udp::endpoint local;
  socklen_t length = static_cast<socklen_t>(local.capacity());
  const bool found = fd >= 0 && ::connect(fd, target.data(), target.size()) == 0 &&
                     ::getsockname(fd, local.data(), &length) == 0;
  if (fd >= 0) {
    ::close(fd);
  }
  if (found) {
    local.resize(length);
    return local.address();
  }
  return remote.isV6() ? boost::asio::ip::address(boost::asio::ip::address_v6::loopback())
                       : boost::asio::ip::address(boost::asio::ip::address_v4::loopback());
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
  const auto destination = parseSource(contact.data.source);
  if (!destination) {
    return;
  }
  const auto listener = core_.transports().select(destination->first, destination->second);
  if (!listener) {
    finish("", ContactState::Unreachable, std::nan(""));
    location_.setState(contact.data.id, ContactState::Unreachable, std::nan(""));
    return;
  }
  sip::Flow flow;
  flow.kind = destination->first;
  flow.listener = listener->spec().name;
  flow.remote = destination->second;
  flow.local = listener->localAddress();
  const sip::SocketAddress local{localAddressFor(flow.local, flow.remote), flow.local.port};

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
