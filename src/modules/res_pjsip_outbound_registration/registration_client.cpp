#include "modules/res_pjsip_outbound_registration/registration_client.hpp"

#include <fmt/format.h>

#include <deque>
#include <random>

#include "core/log/logger.hpp"
#include "modules/res_pjsip/location/destination.hpp"
#include "modules/res_pjsip/outbound_credentials.hpp"
#include "modules/res_pjsip/settings_config.hpp"
#include "sip/message/parser.hpp"
#include "sip/message/text.hpp"
#include "sip/transaction/transaction_key.hpp"

namespace sb::modules::res_pjsip_outbound_registration {
namespace {

std::mt19937_64& rng() {
  static thread_local std::mt19937_64 engine{std::random_device{}()};
  return engine;
}

double random01() {
  return std::uniform_real_distribution<double>(0.0, 1.0)(rng());
}

std::string randomToken(std::size_t length) {
  static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  std::uniform_int_distribution<std::size_t> pick(0, sizeof(kAlphabet) - 2);
  std::string out;
  for (std::size_t i = 0; i < length; ++i) {
    out += kAlphabet[pick(rng())];
  }
  return out;
}

/// A random (version 4) UUID for the RFC 5626 instance id.
std::string randomUuid() {
  std::uniform_int_distribution<unsigned> nibble(0, 15);
  std::string out;
  for (int i = 0; i < 32; ++i) {
    if (i == 8 || i == 12 || i == 16 || i == 20) {
      out += '-';
    }
    unsigned value = nibble(rng());
    if (i == 12) {
      value = 4;
    } else if (i == 16) {
      value = 8 | (value & 3);
    }
    out += "0123456789abcdef"[value];
  }
  return out;
}

std::string hostOf(std::string_view host) {
  if (host.size() > 1 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  return std::string(host);
}

}  // namespace

/// One REGISTER transaction (the challenge answer is a new one with the same attempt).
struct RegistrationClient::Attempt {
  std::uint64_t id = 0;
  unsigned expires = 0;
  res_pjsip::OutboundFlow route;
  std::deque<res_pjsip::OutboundFlow> alternatives;  ///< RFC 3263 targets not yet tried
  sip::ClientTransactionHandle transaction;
  bool minExpiresRetried = false;
};

RegistrationClient::RegistrationClient(Deps deps, std::shared_ptr<const RegistrationConfig> config)
    : deps_(deps),
      config_(std::move(config)),
      timer_(deps.sip.core().timers()),
      auth_(res_pjsip::outboundCredentials(*deps.objects.current(), config_->outboundAuth,
                                           "registration " + config_->id)),
      callId_(randomToken(24) + "@switchboard"),
      fromTag_(randomToken(16)),
      instanceId_(randomUuid()),
      expiration_(config_->expiration) {
  if (config_->line) {
    status_.line = randomToken(7);
  }
}

RegistrationClient::~RegistrationClient() = default;

void RegistrationClient::start(double delaySeconds) {
  schedule(delaySeconds);
}

void RegistrationClient::registerNow() {
  stopped_ = false;
  status_.retries = 0;
  inFlight_.reset();
  timer_.cancel();
  attempt(expiration_);
}

void RegistrationClient::unregister() {
  stopped_ = true;
  timer_.cancel();
  status_.nextEvent.reset();
  attempt(0);
}

void RegistrationClient::stop() {
  const bool wasRegistered = status_.state == RegistrationState::Registered;
  stopped_ = true;
  timer_.cancel();
  if (wasRegistered && lastRoute_) {
    // Not waiting for the answer: the cached nonce usually saves the challenge round trip.
    inFlight_.reset();
    send(*lastRoute_, 0);
  }
  inFlight_.reset();
  status_.nextEvent.reset();
  setState(RegistrationState::Stopped, "");
}

void RegistrationClient::schedule(double delaySeconds) {
  status_.nextEvent = std::chrono::system_clock::now() +
                      std::chrono::duration_cast<std::chrono::system_clock::duration>(
                          std::chrono::duration<double>(delaySeconds));
  timer_.start(
      std::chrono::duration_cast<sip::Duration>(std::chrono::duration<double>(delaySeconds)),
      [weak = weak_from_this()] {
        if (auto self = weak.lock(); self && !self->stopped_) {
          self->attempt(self->expiration_);
        }
      });
}

std::optional<res_pjsip::OutboundFlow> RegistrationClient::overConfiguredTransport(
    res_pjsip::OutboundFlow route) const {
  if (config_->transport.empty()) {
    return route;
  }
  // transport= picks the local transport, and with it the protocol.
  const auto listener = deps_.sip.core().transports().find(config_->transport);
  if (!listener) {
    return std::nullopt;
  }
  auto forced =
      res_pjsip::flowToAddress(deps_.sip.core(), listener->spec().kind, route.flow.remote);
  if (!forced) {
    return std::nullopt;
  }
  forced->flow.listener = listener->spec().name;
  forced->flow.local = listener->localAddress();
  forced->local = sip::SocketAddress{
      res_pjsip::localAddressFor(forced->flow.local, forced->flow.remote), forced->flow.local.port};
  return forced;
}

void RegistrationClient::attempt(unsigned expires) {
  static std::uint64_t nextId = 0;
  inFlight_ = std::make_unique<Attempt>();
  inFlight_->id = ++nextId;
  inFlight_->expires = expires;
  status_.busy = true;
  const std::string& target =
      config_->outboundProxy.empty() ? config_->serverUri : config_->outboundProxy;
  const auto uri = sip::parseUri(target);
  if (!uri || !uri->isSip()) {
    fail({Outcome::Kind::NoRoute, 0, "unusable URI " + target});
    return;
  }
  const auto id = inFlight_->id;
  res_pjsip::locateDestinations(
      deps_.sip.core(), deps_.sip.resolver(), *uri,
      [weak = weak_from_this(), id, target](res_pjsip::Destinations found) {
        auto self = weak.lock();
        if (!self || !self->inFlight_ || self->inFlight_->id != id) {
          return;
        }
        std::deque<res_pjsip::OutboundFlow> routes;
        for (auto& flow : found.flows) {
          if (auto route = self->overConfiguredTransport(std::move(flow))) {
            routes.push_back(std::move(*route));
          }
        }
        if (routes.empty()) {
          self->fail({Outcome::Kind::NoRoute, 0,
                      found.error.empty() ? "no transport reaches " + target : found.error});
          return;
        }
        auto first = std::move(routes.front());
        routes.pop_front();
        self->inFlight_->alternatives = std::move(routes);
        self->send(first, self->inFlight_->expires);
      });
}

bool RegistrationClient::tryNextTarget() {
  if (!inFlight_ || inFlight_->alternatives.empty()) {
    return false;
  }
  auto next = std::move(inFlight_->alternatives.front());
  inFlight_->alternatives.pop_front();
  SB_DEBUG(3, "Registration '{}': trying the next server, {}", config_->id, next.flow.remote.str());
  send(next, inFlight_->expires);
  return true;
}

std::string RegistrationClient::contactUri(const res_pjsip::OutboundFlow& route) const {
  std::string uri =
      fmt::format("{}:{}@{}", route.flow.kind == sip::TransportKind::Tls ? "sips" : "sip",
                  config_->contactUser, route.local.str());
  if (route.flow.kind != sip::TransportKind::Udp && route.flow.kind != sip::TransportKind::Tls) {
    std::string name(sip::transportName(route.flow.kind));
    for (auto& c : name) {
      c = static_cast<char>(c | 0x20);
    }
    uri += ";transport=" + name;
  }
  if (!status_.line.empty()) {
    uri += ";line=" + status_.line;
  }
  return uri;
}

void RegistrationClient::send(const res_pjsip::OutboundFlow& route, unsigned expires,
                              std::vector<sip::auth::AuthorizationHeader> authorization) {
  const auto objects = deps_.objects.current();
  const auto global = objects->get<res_pjsip::GlobalConfig>("global", "global");
  const auto& c = *config_;
  const std::string branch = sip::newBranch();
  std::string text = fmt::format(
      "REGISTER {uri} SIP/2.0\r\n"
      "Via: SIP/2.0/{transport} {local};rport;branch={branch}\r\n"
      "Max-Forwards: {maxForwards}\r\n"
      "From: <{aor}>;tag={tag}\r\n"
      "To: <{aor}>\r\n"
      "Call-ID: {callId}\r\n"
      "CSeq: {cseq} REGISTER\r\n",
      fmt::arg("uri", c.serverUri), fmt::arg("transport", sip::transportName(route.flow.kind)),
      fmt::arg("local", route.local.str()), fmt::arg("branch", branch),
      fmt::arg("maxForwards", global ? global->maxForwards : 70), fmt::arg("aor", c.clientUri),
      fmt::arg("tag", fromTag_), fmt::arg("callId", callId_), fmt::arg("cseq", ++cseq_));
  std::string contact = "<" + contactUri(route) + ">";
  if (!c.contactHeaderParams.empty()) {
    // Accepted with or without the leading ';'.
    contact += (c.contactHeaderParams.front() == ';' ? "" : ";") + c.contactHeaderParams;
  }
  if (c.supportOutbound) {
    contact += ";reg-id=1;+sip.instance=\"<urn:uuid:" + instanceId_ + ">\"";
  }
  if (expires == 0) {
    contact += ";expires=0";
  }
  text += fmt::format("Contact: {}\r\nExpires: {}\r\n", contact, expires);
  if (!c.outboundProxy.empty()) {
    text += "Route: <" + c.outboundProxy + ">\r\n";
  }
  std::string supported;
  if (c.supportPath) {
    supported += "path";
  }
  if (c.supportOutbound) {
    supported += supported.empty() ? "outbound" : ", outbound";
  }
  if (!supported.empty()) {
    text += "Supported: " + supported + "\r\n";
  }
  if (c.securityNegotiation == "mediasec") {
    for (const auto& mechanism : c.securityMechanisms) {
      text += "Security-Client: " + mechanism + "\r\n";
    }
    text += "Require: mediasec\r\nProxy-Require: mediasec\r\n";
  }
  if (authorization.empty()) {
    authorization = auth_.preemptive("REGISTER", c.serverUri);
  }
  for (const auto& header : authorization) {
    text += fmt::format(
        "{}: {}\r\n",
        header.kind == sip::auth::ChallengeKind::Server ? "Authorization" : "Proxy-Authorization",
        header.value);
  }
  const std::string userAgent = !c.userAgent.empty() ? c.userAgent
                                : global && !global->userAgent.empty()
                                    ? global->userAgent
                                    : deps_.sip.core().settings().serverHeader;
  text += "User-Agent: " + userAgent + "\r\nContent-Length: 0\r\n\r\n";
  auto parsed = sip::parseMessage(text);
  if (!parsed.ok()) {
    fail({Outcome::Kind::NoRoute, 0, "cannot build a REGISTER from the configured URIs"});
    return;
  }
  if (!inFlight_) {
    inFlight_ = std::make_unique<Attempt>();
    inFlight_->expires = expires;
  }
  inFlight_->route = route;
  lastRoute_ = route;
  status_.busy = true;
  SB_DEBUG(3, "REGISTER attempt {} to '{}' with client '{}'", status_.retries + 1, c.serverUri,
           c.clientUri);
  const auto id = inFlight_->id;
  std::weak_ptr<RegistrationClient> weak = weak_from_this();
  auto current = [weak, id]() -> std::shared_ptr<RegistrationClient> {
    auto self = weak.lock();
    if (!self || !self->inFlight_ || self->inFlight_->id != id) {
      return nullptr;
    }
    return self;
  };
  sip::ClientCallbacks callbacks;
  callbacks.onFinal = [current](const sip::Message& response) {
    if (auto self = current()) {
      self->onFinal(response);
    }
  };
  callbacks.onTimeout = [current] {
    if (auto self = current()) {
      self->fail({Outcome::Kind::Timeout, 408, "Request Timeout"});
    }
  };
  callbacks.onTransportError = [current](const std::string& error) {
    if (auto self = current()) {
      self->fail({Outcome::Kind::TransportError, 0, error});
    }
  };
  inFlight_->transaction = deps_.sip.core().transactions().sendRequest(
      std::move(*parsed.message), route.flow, std::move(callbacks));
  if (!inFlight_->transaction) {
    fail({Outcome::Kind::TransportError, 0, "the request could not be sent"});
  }
}

unsigned RegistrationClient::grantedExpires(const sip::Message& response) const {
  const auto contacts = response.contacts();
  std::optional<unsigned> single;
  for (const auto& contact : contacts) {
    const auto expires = sip::text::leadingUint(contact.params.get("expires"));
    if (!expires) {
      continue;
    }
    const bool ours =
        contact.uri.user == config_->contactUser && inFlight_ &&
        hostOf(contact.uri.host) == inFlight_->route.local.hostStr() &&
        (contact.uri.hasPort ? contact.uri.port : 5060) == inFlight_->route.local.port;
    if (ours) {
      return *expires;
    }
    single = contacts.size() == 1 ? expires : std::nullopt;
  }
  if (single) {
    return *single;
  }
  if (const auto header = response.expires()) {
    return *header;
  }
  return inFlight_ ? inFlight_->expires : expiration_;
}

void RegistrationClient::onFinal(const sip::Message& response) {
  const int code = response.statusCode();
  const auto& c = *config_;
  if (code == 401 || code == 407) {
    const auto kind =
        code == 401 ? sip::auth::ChallengeKind::Server : sip::auth::ChallengeKind::Proxy;
    const auto values = response.values(code == 401 ? sip::HeaderId::WwwAuthenticate
                                                    : sip::HeaderId::ProxyAuthenticate);
    if (c.outboundAuth.empty()) {
      fail({Outcome::Kind::AuthFailed, code, "no outbound_auth"});
      return;
    }
    auto answer = auth_.answer(kind, values, "REGISTER", c.serverUri);
    if (!answer) {
      fail({Outcome::Kind::AuthFailed, code,
            std::string(sip::auth::clientErrorName(answer.error()))});
      return;
    }
    send(inFlight_->route, inFlight_->expires, std::move(answer).value());
    return;
  }
  auth_.onAccepted();
  if (code == 503 && tryNextTarget()) {
    return;  // RFC 3263 4.3: the next server may serve us
  }
  if (code == 423 && !inFlight_->minExpiresRetried) {
    if (const auto minimum = response.minExpires(); minimum && *minimum > inFlight_->expires) {
      // Interval Too Brief: ask again for what the registrar accepts.
      expiration_ = *minimum;
      inFlight_->minExpiresRetried = true;
      inFlight_->expires = *minimum;
      send(inFlight_->route, *minimum);
      return;
    }
  }
  if (inFlight_->expires == 0) {
    status_.busy = false;
    status_.lastCode = code;
    inFlight_->transaction = {};
    status_.registeredAt.reset();
    setState(RegistrationState::Unregistered,
             code / 100 == 2
                 ? ""
                 : fmt::format("unregister answered {} {}", code, response.reasonPhrase()));
    return;
  }
  Outcome outcome;
  outcome.code = code;
  outcome.text = std::string(response.reasonPhrase());
  if (code / 100 == 2) {
    outcome.expires = grantedExpires(response);
    status_.grantedExpires = outcome.expires;
    status_.registeredAt = std::chrono::system_clock::now();
  } else if (const auto retryAfter =
                 sip::text::leadingUint(response.value(sip::HeaderId::RetryAfter))) {
    outcome.retryAfter = *retryAfter;
  }
  status_.lastCode = code;
  apply(decide(c, status_.retries, outcome, random01()));
}

void RegistrationClient::fail(Outcome outcome) {
  if ((outcome.kind == Outcome::Kind::Timeout || outcome.kind == Outcome::Kind::TransportError) &&
      tryNextTarget()) {
    return;
  }
  status_.busy = false;
  if (outcome.kind == Outcome::Kind::AuthFailed) {
    // A later attempt starts from a fresh challenge, not from the refused nonce.
    auth_.reset();
  }
  if (outcome.code != 0 && outcome.kind != Outcome::Kind::Timeout) {
    status_.lastCode = outcome.code;
  }
  if (inFlight_ && inFlight_->expires == 0) {
    inFlight_->transaction = {};
    setState(RegistrationState::Unregistered, "unregister failed: " + outcome.text);
    return;
  }
  apply(decide(*config_, status_.retries, outcome, random01()));
}

void RegistrationClient::apply(const Decision& decision) {
  status_.busy = false;
  status_.retries = decision.retries;
  if (inFlight_) {
    inFlight_->transaction = {};
  }
  if (decision.state != RegistrationState::Registered) {
    status_.registeredAt.reset();
  }
  if (stopped_) {
    status_.nextEvent.reset();
  } else if (decision.delay) {
    schedule(*decision.delay);
  } else {
    status_.nextEvent.reset();
  }
  if (decision.state != RegistrationState::Registered) {
    if (decision.delay) {
      SB_WARNING("Registration '{}' to '{}' failed ({}), retrying in {:.0f}s", config_->id,
                 config_->serverUri, decision.reason, *decision.delay);
    } else {
      SB_WARNING("Registration '{}' to '{}' failed ({}), stopping", config_->id, config_->serverUri,
                 decision.reason);
    }
  }
  // Like Asterisk, every answered attempt is announced, a refresh included.
  setState(decision.state, decision.reason, true);
}

void RegistrationClient::setState(RegistrationState state, std::string reason, bool always) {
  if (!always && state == status_.state && reason == status_.reason) {
    return;
  }
  if (state != status_.state) {
    SB_VERBOSE(3, "Outbound registration '{}' to '{}' is now {}", config_->id, config_->serverUri,
               stateName(state));
  }
  status_.state = state;
  status_.reason = std::move(reason);
  events::Event event;
  event.name = "Registry";
  event.classes = events::kSystem;
  event.fields = {{"ChannelType", "PJSIP"},
                  {"Username", config_->clientUri},
                  {"Domain", config_->serverUri},
                  {"Status", std::string(stateName(state))}};
  if (!status_.reason.empty()) {
    event.fields.emplace_back("Cause", status_.reason);
  }
  deps_.events.publish(std::move(event));
}

}  // namespace sb::modules::res_pjsip_outbound_registration
