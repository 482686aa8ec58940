// chan_pjsip: calls over SIP. INVITEs from identified (and authenticated) endpoints become
// channels that run the dialplan; Dial(PJSIP/...) and the legacy Dial(SIP/...) call
// endpoints' contacts. Media is relayed on the media engine (rtp.conf).
#include "core/module/module.hpp"
#include "core/config/config_file.hpp"
#include "core/log/logger.hpp"
#include "core/reactor/reactor.hpp"
#include "core/store/object_store.hpp"
#include "core/util/paths.hpp"
#include "media/rtp/media_engine.hpp"
#include "media/rtp/rtp_settings.hpp"
#include "modules/chan_pjsip/channel_commands.hpp"
#include "modules/chan_pjsip/device_state_provider.hpp"
#include "modules/chan_pjsip/functions/pjsip_functions.hpp"
#include "modules/chan_pjsip/inbound_session.hpp"
#include "modules/chan_pjsip/pjsip_driver.hpp"
#include "modules/chan_pjsip/session_table.hpp"
#include "modules/res_pjsip/location/location_service.hpp"
#include "modules/res_pjsip/settings_config.hpp"
#include "modules/res_pjsip/sip_service.hpp"

namespace sb::modules::chan_pjsip {
namespace {

media::RtpSettings readRtpConf(const Paths& paths) {
  config::ReaderOptions options;
  options.configDir = paths.etc;
  auto parsed = config::parseConfig("rtp.conf", options);
  std::vector<config::Diagnostic> diagnostics = parsed.diagnostics;
  auto settings = media::parseRtpConf(parsed.file, diagnostics);
  for (const auto& diagnostic : diagnostics) {
    SB_WARNING("{}", diagnostic.str());
  }
  return settings;
}

/// Everything the module keeps alive, torn down in reverse order of creation.
struct ChanPjsip {
  ChanPjsip(sip::SipCore& core, sip::dns::Resolver& resolver, const store::ObjectStore& objects,
            pbx::PbxService& pbx, boost::asio::io_context& io,
            std::shared_ptr<media::MediaEngine> engine, res_pjsip::SipTrace& trace)
      : table(io), context{core, resolver, objects, pbx, table, std::move(engine), "Switchboard"} {
    context.trace = &trace;
  }
  SessionTable table;
  SessionContext context;
};

/// Requests that belong to a session: in-dialog requests, ACK, CANCEL.
sip::Verdict routeToSession(ChanPjsip& module, sip::IncomingRequest& request) {
  const auto& message = request.message();
  const auto method = message.method();
  if (method == sip::Method::Cancel) {
    if (auto session = module.table.findInvite(SessionTable::inviteKey(message))) {
      session->noteMessage("Rx", message.methodText());
      session->onCancel(request);
    } else {
      request.respond(481, "Call/Transaction Does Not Exist");
    }
    return sip::Verdict::Done;
  }
  auto to = message.to();
  if (!to || to->tag().empty()) {
    return sip::Verdict::Continue;
  }
  if (auto session = module.table.findDialog(sip::dialogKeyOfRequest(message))) {
    session->noteMessage("Rx", message.methodText());
    session->onInDialog(request);
    return sip::Verdict::Done;
  }
  switch (method) {
    case sip::Method::Ack:
      return sip::Verdict::Done;  // the ACK of a call that is gone, or of a challenge
    case sip::Method::Bye:
    case sip::Method::Invite:
    case sip::Method::Update:
    case sip::Method::Info:
    case sip::Method::Prack:
    case sip::Method::Refer:
      request.respond(481, "Call/Transaction Does Not Exist");
      return sip::Verdict::Done;
    default:
      return sip::Verdict::Continue;
  }
}

sip::Verdict newCall(ChanPjsip& module, const store::ObjectStore& store,
                     sip::IncomingRequest& request) {
  const std::string* endpointName = request.findAttribute("endpoint");
  const auto objects = store.current();
  auto endpoint =
      endpointName ? objects->get<res_pjsip::EndpointConfig>("endpoint", *endpointName) : nullptr;
  if (!endpoint) {
    request.respond(403, "Forbidden");
    return sip::Verdict::Done;
  }
  res_pjsip::OutboundFlow flow;
  flow.flow = request.flow();
  flow.local =
      sip::SocketAddress{res_pjsip::localAddressFor(request.flow().local, request.flow().remote),
                         request.flow().local.port};
  if (auto global = objects->get<res_pjsip::GlobalConfig>("global", "global")) {
    module.context.userAgent = global->userAgent;
  }
  auto session =
      std::make_shared<InboundSession>(module.context, endpoint, std::move(flow), request.shared());
  session->noteMessage("Rx", "INVITE");
  session->start();
  return sip::Verdict::Async;
}

Result<Registrations> load(ModuleContext& context) {
  auto sip = context.services.find<res_pjsip::SipService>();
  auto location = context.services.find<res_pjsip::LocationService>();
  auto pbx = context.services.find<pbx::PbxService>();
  if (!sip || !location || !pbx) {
    return Error{"chan_pjsip needs res_pjsip and pbx_config"};
  }
  Registrations out;
  auto engine = std::make_shared<media::MediaEngine>(readRtpConf(context.paths));
  // The reactor never waits for the media thread, and hands it what one SIP message changed
  // in one batch; closed streams' ports are reused after half a second rather than closed and
  // bound anew for every call.
  engine->setAsyncControl(true, &context.reactor.io());
  engine->reusePorts(std::chrono::milliseconds(500));
  auto module = std::make_shared<ChanPjsip>(sip->core(), sip->resolver(), context.objects, *pbx,
                                            context.reactor.io(), engine, sip->trace());
  auto& pipeline = sip->core().pipeline();
  const auto dialogId = pipeline.add(
      sip::Stage::Dialog, "sessions",
      [module](sip::IncomingRequest& request) { return routeToSession(*module, request); });
  const store::ObjectStore& store = context.objects;
  const auto inviteId = pipeline.add(
      sip::Stage::Handle, "chan_pjsip",
      [module, &store](sip::IncomingRequest& request) { return newCall(*module, store, request); },
      sip::Method::Invite);
  out += Registration([sip, dialogId, inviteId, module, pbx] {
    sip->core().pipeline().remove(dialogId);
    sip->core().pipeline().remove(inviteId);
    // Calls still up are hung up while their sessions can still send.
    for (const auto& channel : pbx->channels()) {
      channel->hangup(16);
    }
  });
  out += pbx->addDriver("PJSIP", std::make_shared<PjsipDriver>(module->context, context.objects,
                                                               *location, "PJSIP", false));
  out += pbx->addDriver("SIP", std::make_shared<PjsipDriver>(module->context, context.objects,
                                                             *location, "SIP", true));
  // `location` is res_pjsip's, which outlives this module (a dependency).
  out += addPjsipFunctions(*pbx, context.objects, *location);
  out += provideDeviceStates(*pbx, *location, context.objects);
  // Calls' SIP histories (`sip show history`) last as long as their sessions.
  out += sip->trace().provideLiveCalls([weak = std::weak_ptr<ChanPjsip>(module)] {
    std::vector<std::string> callIds;
    if (auto self = weak.lock()) {
      for (const auto& session : self->table.all()) {
        callIds.push_back(session->info("call-id").value_or(""));
      }
    }
    return callIds;
  });
  addChannelCommands(out, context.commands, pbx, [weak = std::weak_ptr<ChanPjsip>(module)] {
    auto self = weak.lock();
    return self ? self->table.all() : std::vector<std::shared_ptr<Session>>{};
  });
  return out;
}

}  // namespace

const ModuleDescriptor& descriptor() {
  static const ModuleDescriptor module{
      .name = "chan_pjsip",
      .description = "PJSIP Channel Driver",
      .dependencies = {"res_pjsip", "pbx_config"},
      .support = SupportLevel::Core,
      .autoload = true,
      .objectTypes = {},
      .load = load,
  };
  return module;
}

}  // namespace sb::modules::chan_pjsip
