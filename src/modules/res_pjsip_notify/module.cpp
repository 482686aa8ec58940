// res_pjsip_notify: NOTIFY requests on demand (PJSIPNotify, SIPnotify, `pjsip send notify`)
// with the payload types of pjsip_notify.conf.
#include "core/module/module.hpp"
#include "core/config/config_file.hpp"
#include "core/log/logger.hpp"
#include "core/reactor/worker_pool.hpp"
#include "core/util/paths.hpp"
#include "modules/manager/manager_service.hpp"
#include "modules/pbx/pbx_service.hpp"
#include "modules/res_pjsip/location/location_service.hpp"
#include "modules/res_pjsip/sip_service.hpp"
#include "modules/res_pjsip_notify/notify_tools.hpp"

namespace sb::modules::res_pjsip_notify {
namespace {

/// A NOTIFY inside the channel's dialog, as res_pjsip_notify's notify_channel builds it.
bool notifyInDialog(pbx::Channel& channel, const NotifyContent& content) {
  auto* driver = channel.driver();
  if (!driver) {
    return false;
  }
  std::vector<std::pair<std::string, std::string>> headers;
  for (auto& header : notifyHeaders(content)) {
    headers.emplace_back(std::move(header.name), std::move(header.value));
  }
  return driver->sendInDialogRequest("NOTIFY", headers, content.contentType.value_or(""),
                                     content.contentType ? content.body : std::string());
}

/// Reads pjsip_notify.conf; a missing file has no types.
NotifyOptions readNotifyConfig(const std::filesystem::path& configDir) {
  config::ReaderOptions options;
  options.configDir = configDir;
  auto parsed = config::parseConfig("pjsip_notify.conf", options);
  for (const auto& diagnostic : parsed.diagnostics) {
    SB_WARNING("{}", diagnostic.str());
  }
  if (!parsed.found) {
    return {};
  }
  return parseNotifyConfig(parsed.file);
}

Result<Registrations> load(ModuleContext& context) {
  auto ami = context.services.find<manager::ManagerService>();
  auto sip = context.services.find<res_pjsip::SipService>();
  auto location = context.services.find<res_pjsip::LocationService>();
  if (!ami || !sip || !location) {
    return Error{"needs the manager and res_pjsip modules"};
  }
  NotifyTools tools;
  tools.sender = std::make_shared<NotifySender>(
      std::make_shared<res_pjsip::OutOfDialogSender>(sip->core(), sip->resolver(), context.objects),
      *location, context.objects);
  tools.store = &context.objects;
  auto alive = std::make_shared<bool>(true);
  tools.readOptions = [&context, configDir = context.paths.etc,
                       weak = std::weak_ptr<bool>(alive)](auto done) {
    context.workers.offload(
        context.reactor, [configDir] { return readNotifyConfig(configDir); },
        [weak, done = std::move(done)](NotifyOptions options) {
          // The module may have been unloaded while the file was read.
          if (weak.lock()) {
            done(std::move(options));
          }
        });
  };
  // The PBX is optional: it is looked up at each use.
  tools.toChannel = [&services = context.services](const std::string& name,
                                                   const NotifyContent& content) {
    auto pbx = services.find<pbx::PbxService>();
    if (!pbx) {
      return false;
    }
    for (const auto& channel : pbx->channels()) {
      if (manager::equalsNoCase(channel->name(), name)) {
        return channel->techName() == "PJSIP" && notifyInDialog(*channel, content);
      }
    }
    return false;
  };
  tools.toCallId = [&services = context.services](const std::string& callId,
                                                  const NotifyContent& content) {
    auto pbx = services.find<pbx::PbxService>();
    if (!pbx) {
      return false;
    }
    for (const auto& channel : pbx->channels()) {
      auto* driver = channel->driver();
      if (driver && driver->info("call-id") == callId) {
        return notifyInDialog(*channel, content);
      }
    }
    return false;
  };
  Registrations out;
  out += Registration([alive] { *alive = false; });
  out += addNotifyActions(*ami, tools);
  out += addNotifyCommands(context.commands, tools);
  return out;
}

}  // namespace

const ModuleDescriptor& descriptor() {
  static const ModuleDescriptor module{
      .name = "res_pjsip_notify",
      .description = "CLI/AMI PJSIP NOTIFY Support",
      .dependencies = {"res_pjsip", "manager"},
      .support = SupportLevel::Core,
      .autoload = true,
      .objectTypes = {},
      .load = load,
  };
  return module;
}

}  // namespace sb::modules::res_pjsip_notify
