#include "modules/res_pjsip/sip_service.hpp"

#include <unistd.h>

#include <algorithm>
#include <set>

#include "core/log/logger.hpp"
#include "core/reactor/reactor.hpp"
#include "core/store/object_store.hpp"
#include "core/util/paths.hpp"
#include "modules/res_pjsip/aor_config.hpp"
#include "modules/res_pjsip/endpoint_config.hpp"
#include "modules/res_pjsip/http_config.hpp"
#include "modules/res_pjsip/nat_rewriter.hpp"
#include "modules/res_pjsip/resolver_config.hpp"
#include "modules/res_pjsip/settings_config.hpp"
#include "modules/res_pjsip/transport_config.hpp"
#include "sip/transport/tcp_listener.hpp"

namespace sb::modules::res_pjsip {
namespace {

std::optional<sip::TransportKind> kindOf(TransportProtocol protocol) {
  switch (protocol) {
    case TransportProtocol::Udp:
      return sip::TransportKind::Udp;
    case TransportProtocol::Tcp:
      return sip::TransportKind::Tcp;
    case TransportProtocol::Tls:
      return sip::TransportKind::Tls;
    case TransportProtocol::Ws:
      return sip::TransportKind::Ws;
    case TransportProtocol::Wss:
      return sip::TransportKind::Wss;
    case TransportProtocol::Flow:
      return std::nullopt;
  }
  return std::nullopt;
}

sip::TlsVersion tlsVersionOf(TlsMethod method) {
  switch (method) {
    case TlsMethod::TlsV1:
      return sip::TlsVersion::TlsV1;
    case TlsMethod::TlsV1_1:
      return sip::TlsVersion::TlsV1_1;
    case TlsMethod::TlsV1_2:
      return sip::TlsVersion::TlsV1_2;
    case TlsMethod::TlsV1_3:
      return sip::TlsVersion::TlsV1_3;
    default:
      return sip::TlsVersion::Default;  // sslv2/sslv3 are not offered by any current OpenSSL
  }
}

/// TLS settings for a transport. Without cert_file, a self-signed certificate is made once
/// in astvarlibdir/keys/ so that a TLS transport works out of the box.
std::optional<sip::TlsSettings> tlsSettingsOf(const TransportConfig& transport,
                                              const Paths& paths) {
  sip::TlsSettings tls;
  tls.certFile = transport.certFile;
  tls.keyFile = transport.privKeyFile;
  if (tls.certFile.empty()) {
    const auto dir = paths.varLib / "keys";
    tls.certFile = (dir / (transport.id + ".crt")).string();
    tls.keyFile = (dir / (transport.id + ".key")).string();
    char host[256] = {};
    ::gethostname(host, sizeof host - 1);
    std::string error;
    if (!sip::ensureSelfSignedCertificate(tls.certFile, tls.keyFile, host, error)) {
      SB_ERROR("Transport '{}': {}", transport.id, error);
      return std::nullopt;
    }
    SB_VERBOSE(3, "Transport '{}' uses the self-signed certificate {}", transport.id, tls.certFile);
  } else if (tls.keyFile.empty()) {
    tls.keyFile = tls.certFile;  // key and certificate in one PEM file
  }
  tls.caFile = transport.caListFile;
  tls.caPath = transport.caListPath;
  tls.password = transport.password;
  for (const auto& cipher : transport.cipher) {
    tls.ciphers += (tls.ciphers.empty() ? "" : ":") + cipher;
  }
  tls.version = tlsVersionOf(transport.method);
  tls.verifyClient = transport.verifyClient;
  tls.requireClientCert = transport.requireClientCert;
  tls.verifyServer = transport.verifyServer;
  // Reading two small files here lets a reload notice a certificate renewed in place.
  tls.contentDigest = sip::digestFiles({tls.certFile, tls.keyFile});
  return tls;
}

/// True when a reload left every object of `type` as it was (a partial reload copies the
/// untouched types' objects into the new snapshot, so identity is the test).
bool unchanged(const store::ObjectSet& before, const store::ObjectSet& after,
               std::string_view type) {
  const auto& a = before.all(type);
  const auto& b = after.all(type);
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](const auto& x, const auto& y) {
           return x.first == y.first && x.second == y.second;
         });
}

/// The resolver asks resolver_unbound.conf's name servers, else those of resolv.conf.
std::unique_ptr<sip::dns::Resolver> makeResolver(ModuleContext& context) {
  sip::dns::ResolverOptions options;
  if (auto config = context.objects.current()->get<ResolverConfig>("resolver_unbound", "general")) {
    options.channel.servers = config->nameserver;
  }
  auto resolver = std::make_unique<sip::dns::Resolver>(context.reactor.io(), options);
  if (!resolver->initError().empty()) {
    SB_ERROR("DNS resolver: {}", resolver->initError());
  }
  return resolver;
}

void warnUnregistrableAors(const store::ObjectSet& objects) {
  std::set<std::string> warned;
  for (const auto& [id, object] : objects.all("endpoint")) {
    const auto& endpoint = static_cast<const EndpointConfig&>(*object);
    if (endpoint.auth.empty()) {
      continue;
    }
    for (const auto& name : endpoint.aors) {
      auto aor = objects.get<AorConfig>("aor", name);
      if (aor && aor->maxContacts == 0 && aor->contact.empty() && warned.insert(name).second) {
        SB_WARNING(
            "AOR '{}' (endpoint '{}', which has auth) has max_contacts=0: its REGISTERs will be "
            "refused with 403. Set max_contacts (e.g. 1 with remove_existing=yes).",
            name, id);
      }
    }
  }
}

}  // namespace

SipService::SipService(ModuleContext& context)
    : context_(context),
      core_(context.reactor.io()),
      resolver_(makeResolver(context)),
      trace_(core_.timers()) {
  core_.setTracer([this](sip::Direction direction, const sip::Flow& flow, std::string_view bytes) {
    trace_.onMessage(direction, flow, bytes);
  });
  // Only a change to the SIP objects re-applies transports: that step reads certificate
  // files, which has no business running on every other module's reload.
  observer_ = context_.objects.observe(
      [this](const store::ObjectSet& before, const store::ObjectSet& after) {
        for (std::string_view type : {"transport", "global", "system", "http"}) {
          if (!unchanged(before, after, type)) {
            applyConfiguration();
            return;
          }
        }
      });
}

SipService::~SipService() {
  observer_.reset();
  core_.transports().closeAll();
}

/// Asterisk's max_contacts default of 0 silently refuses every REGISTER; say so at load time
/// for AORs that endpoints with inbound auth point at (they are clearly meant to register).
void SipService::scheduleKeepAlives(unsigned intervalSeconds) {
  if (intervalSeconds == keepAliveInterval_ && keepAlive_.pending()) {
    return;
  }
  keepAliveInterval_ = intervalSeconds;
  keepAlive_ = sip::Timer(core_.timers());
  if (intervalSeconds == 0) {
    return;  // 0 turns keep-alives off
  }
  keepAlive_.start(std::chrono::seconds(intervalSeconds), [this] {
    for (const auto& listener : core_.transports().all()) {
      if (auto* tcp = dynamic_cast<sip::TcpListener*>(listener.get())) {
        tcp->sendKeepAlives();
      }
    }
    keepAlive_.restart(std::chrono::seconds(keepAliveInterval_));
  });
}

namespace {

/// The bounds `system` sets on messages and on stream connections.
sip::StreamLimits streamLimitsOf(const SystemConfig& system) {
  sip::StreamLimits limits;
  limits.parser.maxMessageSize = system.maxMessageSize;
  limits.parser.maxHeaders = system.maxHeaders;
  limits.parser.maxLineLength = system.maxLineLength;
  limits.maxConnections = system.streamMaxConnections;
  limits.maxConnectionsPerSource = system.streamMaxConnectionsPerSource;
  limits.firstMessageTimeout = std::chrono::milliseconds(system.streamFirstMessageTimeout);
  limits.idleTimeout = std::chrono::seconds(system.streamIdleTimeout);
  return limits;
}

}  // namespace

void SipService::applyConfiguration() {
  const auto objects = context_.objects.current();
  sip::CoreSettings settings = core_.settings();
  settings.serverHeader = defaultUserAgent();
  if (auto global = objects->get<GlobalConfig>("global", "global");
      global && !global->userAgent.empty()) {
    settings.serverHeader = global->userAgent;
  }
  const auto system = objects->get<SystemConfig>("system", "system");
  const auto limits = streamLimitsOf(system ? *system : SystemConfig{});
  settings.limits = limits.parser;
  core_.setSettings(settings);
  core_.transports().setStreamLimits(limits);
  unsigned keepAlive = 90;
  std::string debug = "no";
  if (auto global = objects->get<GlobalConfig>("global", "global")) {
    keepAlive = global->keepAliveInterval;
    debug = global->debug;
  }
  trace_.applyDebugOption(debug);
  scheduleKeepAlives(keepAlive);
  warnUnregistrableAors(*objects);
  sip::TransactionTimers timers;
  if (auto system = objects->get<SystemConfig>("system", "system")) {
    timers.t1 = std::chrono::milliseconds(system->timerT1);
  }
  core_.setTimers(timers);

  std::vector<sip::ListenerSpec> specs;
  const TransportConfig* wsTransport = nullptr;
  const TransportConfig* wssTransport = nullptr;
  for (const auto& [id, object] : objects->all("transport")) {
    const auto& transport = static_cast<const TransportConfig&>(*object);
    const auto kind = kindOf(transport.protocol);
    if (!kind) {
      continue;  // flow transports bind nothing
    }
    if (*kind == sip::TransportKind::Ws || *kind == sip::TransportKind::Wss) {
      (*kind == sip::TransportKind::Ws ? wsTransport : wssTransport) = &transport;
      continue;  // served by the HTTP listener of http.conf, below
    }
    sip::ListenerSpec spec;
    spec.name = id;
    spec.kind = *kind;
    auto bind = sip::SocketAddress::parse(transport.bindHost);
    if (!bind) {
      continue;  // the option table already rejected it
    }
    spec.bind = *bind;
    spec.bind.port = transport.effectivePort();
    spec.tos = transport.tos;
    spec.cos = transport.cos;
    if (*kind == sip::TransportKind::Tls) {
      auto tls = tlsSettingsOf(transport, context_.paths);
      if (!tls) {
        continue;
      }
      spec.tls = std::move(*tls);
    }
    specs.push_back(std::move(spec));
  }
  addWebSocketListeners(*objects, wsTransport, wssTransport, specs);
  const auto result = core_.transports().apply(specs);
  installNatRewriter(*objects);
  for (const auto& name : result.opened) {
    SB_VERBOSE(2, "Transport '{}' listening on {} {}", name,
               sip::transportName(core_.transports().find(name)->spec().kind),
               core_.transports().find(name)->localAddress().str());
  }
  for (const auto& name : result.reopened) {
    SB_VERBOSE(2, "Transport '{}' re-bound to {}", name,
               core_.transports().find(name)->localAddress().str());
  }
  for (const auto& name : result.updated) {
    SB_VERBOSE(2, "Transport '{}' now uses its renewed certificate", name);
  }
  for (const auto& name : result.closed) {
    SB_VERBOSE(2, "Transport '{}' closed", name);
  }
  for (const auto& [name, error] : result.errors) {
    SB_ERROR("Transport '{}': {}", name, error);
  }
}

void SipService::installNatRewriter(const store::ObjectSet& objects) {
  std::vector<std::string> problems;
  auto nat = std::make_shared<const NatRewriter>(NatRewriter::fromObjects(objects, &problems));
  for (const auto& problem : problems) {
    SB_WARNING("{}", problem);
  }
  if (nat->empty()) {
    core_.transactions().setOutgoingRewriter(nullptr);  // costs nothing per message
    return;
  }
  core_.transactions().setOutgoingRewriter(
      [nat](sip::Message& message, const sip::Flow& flow) { nat->apply(message, flow); });
}

void SipService::addWebSocketListeners(const store::ObjectSet& objects, const TransportConfig* ws,
                                       const TransportConfig* wss,
                                       std::vector<sip::ListenerSpec>& specs) {
  // As in Asterisk, a ws or wss transport switches SIP over WebSocket on, and the HTTP
  // server of http.conf carries it: ws on the HTTP port, wss on the HTTPS port.
  const auto http = objects.get<HttpConfig>("http", "general");
  if ((ws == nullptr && wss == nullptr) || !http) {
    if (ws != nullptr || wss != nullptr) {
      SB_WARNING("A ws/wss transport is configured but http.conf does not enable the HTTP server");
    }
    return;
  }
  const TransportConfig& plain = ws != nullptr ? *ws : *wss;
  const TransportConfig& secure = wss != nullptr ? *wss : *ws;
  if (http->enabled) {
    auto bind = sip::SocketAddress::parse(http->bindaddr);
    if (!bind) {
      SB_ERROR("http.conf: bindaddr '{}' is not an IP address", http->bindaddr);
    } else {
      sip::ListenerSpec spec;
      spec.name = plain.id;
      spec.kind = sip::TransportKind::Ws;
      spec.bind = *bind;
      spec.bind.port = static_cast<std::uint16_t>(http->bindport);
      spec.tos = plain.tos;
      spec.cos = plain.cos;
      specs.push_back(std::move(spec));
    }
  }
  if (http->tlsenable) {
    auto bind = sip::SocketAddress::parse(http->tlsbindaddr);
    if (!bind) {
      SB_ERROR("http.conf: tlsbindaddr '{}' is not an address", http->tlsbindaddr);
      return;
    }
    TransportConfig certificate = secure;
    certificate.id = secure.id == plain.id && http->enabled ? secure.id + "-tls" : secure.id;
    certificate.certFile = http->tlscertfile;
    certificate.privKeyFile = http->tlsprivatekey;
    certificate.caListFile = http->tlscafile;
    certificate.caListPath = http->tlscapath;
    auto tls = tlsSettingsOf(certificate, context_.paths);
    if (!tls) {
      return;
    }
    sip::ListenerSpec spec;
    spec.name = certificate.id;
    spec.kind = sip::TransportKind::Wss;
    spec.bind = *bind;
    spec.tos = secure.tos;
    spec.cos = secure.cos;
    if (spec.bind.port == 0) {
      spec.bind.port = 8089;
    }
    spec.tls = std::move(*tls);
    specs.push_back(std::move(spec));
  }
}

}  // namespace sb::modules::res_pjsip
