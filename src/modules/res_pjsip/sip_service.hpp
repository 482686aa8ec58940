#pragma once
/// @file
/// res_pjsip's runtime: the SIP stack's core bound to the transports pjsip.conf describes,
/// kept in step with every configuration reload, plus message tracing and histories.

#include <memory>
#include <optional>
#include <string>

#include "core/module/module.hpp"
#include "core/store/object_set.hpp"
#include "core/util/registration.hpp"
#include "modules/res_pjsip/trace/sip_trace.hpp"
#include "sip/core/sip_core.hpp"
#include "sip/dns/resolver.hpp"
#include "sip/timer/timer.hpp"

namespace sb::modules::res_pjsip {

struct TransportConfig;

class SipService {
 public:
  explicit SipService(ModuleContext& context);
  ~SipService();

  sip::SipCore& core() { return core_; }
  /// DNS for everything res_pjsip looks up (identify host names, later trunks).
  sip::dns::Resolver& resolver() { return *resolver_; }
  /// Message logging, pcap capture and histories (see trace/sip_trace.hpp).
  SipTrace& trace() { return trace_; }

  /// Opens, re-binds and closes transports to match the current configuration, and takes
  /// the global settings (user agent) into account. Logs every failure.
  void applyConfiguration();

 private:
  /// Rewrites messages leaving through transports with an external address (res_pjsip_nat).
  void installNatRewriter(const store::ObjectSet& objects);
  void addWebSocketListeners(const store::ObjectSet& objects, const TransportConfig* ws,
                             const TransportConfig* wss, std::vector<sip::ListenerSpec>& specs);
  /// Every keep_alive_interval: CRLFCRLF on each TCP/TLS connection.
  void scheduleKeepAlives(unsigned intervalSeconds);

  ModuleContext& context_;
  sip::SipCore core_;
  std::unique_ptr<sip::dns::Resolver> resolver_;
  SipTrace trace_;
  Registration observer_;
  sip::Timer keepAlive_;
  unsigned keepAliveInterval_ = 0;
};

}  // namespace sb::modules::res_pjsip
