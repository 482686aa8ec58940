#include "modules/res_pjsip/sip_service.hpp"

#include "core/log/logger.hpp"
#include "core/reactor/reactor.hpp"
#include "core/store/object_store.hpp"
#include "modules/res_pjsip/settings_config.hpp"
#include "modules/res_pjsip/transport_config.hpp"

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

/// The request method a message concerns: the request's, or the CSeq method of a response.
std::string_view methodOf(std::string_view bytes) {
  if (bytes.rfind("SIP/2.0 ", 0) == 0) {
    const auto cseq = bytes.find("\nCSeq:");
    if (cseq == std::string_view::npos) {
      return {};
    }
    auto line = bytes.substr(cseq + 6, bytes.find('\r', cseq) - cseq - 6);
    const auto space = line.find_last_of(' ');
    return space == std::string_view::npos ? line : line.substr(space + 1);
  }
  return bytes.substr(0, bytes.find(' '));
}

}  // namespace

SipService::SipService(ModuleContext& context) : context_(context), core_(context.reactor.io()) {
  core_.setTracer([this](sip::Direction direction, const sip::Flow& flow, std::string_view bytes) {
    if (trace_.enabled) {
      traceMessage(direction, flow, bytes);
    }
  });
  observer_ = context_.objects.observe(
      [this](const store::ObjectSet&, const store::ObjectSet&) { applyConfiguration(); });
}

SipService::~SipService() {
  observer_.reset();
  core_.transports().closeAll();
}

void SipService::applyConfiguration() {
  const auto objects = context_.objects.current();
  sip::CoreSettings settings = core_.settings();
  settings.serverHeader = defaultUserAgent();
  if (auto global = objects->get<GlobalConfig>("global", "global");
      global && !global->userAgent.empty()) {
    settings.serverHeader = global->userAgent;
  }
  core_.setSettings(settings);

  std::vector<sip::ListenerSpec> specs;
  for (const auto& [id, object] : objects->all("transport")) {
    const auto& transport = static_cast<const TransportConfig&>(*object);
    const auto kind = kindOf(transport.protocol);
    if (!kind) {
      continue;  // flow transports bind nothing
    }
    if (*kind == sip::TransportKind::Ws || *kind == sip::TransportKind::Wss) {
      continue;  // served by the HTTP listener of http.conf
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
    specs.push_back(std::move(spec));
  }
  const auto result = core_.transports().apply(specs);
  for (const auto& name : result.opened) {
    SB_VERBOSE(2, "Transport '{}' listening on {} {}", name,
               sip::transportName(core_.transports().find(name)->spec().kind),
               core_.transports().find(name)->localAddress().str());
  }
  for (const auto& name : result.reopened) {
    SB_VERBOSE(2, "Transport '{}' re-bound to {}", name,
               core_.transports().find(name)->localAddress().str());
  }
  for (const auto& name : result.closed) {
    SB_VERBOSE(2, "Transport '{}' closed", name);
  }
  for (const auto& [name, error] : result.errors) {
    SB_ERROR("Transport '{}': {}", name, error);
  }
}

void SipService::traceMessage(sip::Direction direction, const sip::Flow& flow,
                              std::string_view bytes) {
  if (trace_.host && flow.remote.address != *trace_.host) {
    return;
  }
  if (!trace_.method.empty() && methodOf(bytes) != trace_.method) {
    return;
  }
  const bool response = bytes.rfind("SIP/2.0 ", 0) == 0;
  const bool in = direction == sip::Direction::In;
  SB_VERBOSE(0, "<--- {} SIP {} ({} bytes) {} {}:{} --->\n{}", in ? "Received" : "Transmitting",
             response ? "response" : "request", bytes.size(), in ? "from" : "to",
             sip::transportName(flow.kind), flow.remote.str(), bytes);
}

}  // namespace sb::modules::res_pjsip
