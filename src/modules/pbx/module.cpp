// pbx_config: the PBX core with extensions.conf — channels, the dialplan and its applications
// and functions. Channel drivers (chan_pjsip) hand their calls to it.
#include <fmt/format.h>

#include "core/config/config_file.hpp"
#include "core/log/logger.hpp"
#include "core/module/module.hpp"
#include "core/reactor/reactor.hpp"
#include "core/util/paths.hpp"
#include "modules/pbx/applications.hpp"
#include "modules/pbx/function_commands.hpp"
#include "modules/pbx/local_channel.hpp"
#include "modules/pbx/originate_commands.hpp"
#include "modules/pbx/pbx_commands.hpp"
#include "modules/pbx/pbx_service.hpp"

namespace sb::modules::pbx {
namespace {

/// Reads extensions.conf; logs every diagnostic with its file:line. Returns the text a
/// console reload prints.
std::string loadDialplan(PbxService& pbx, const Paths& paths) {
  config::ReaderOptions options;
  options.configDir = paths.etc;
  auto parsed = config::parseConfig("extensions.conf", options);
  std::string report;
  for (const auto& diagnostic : parsed.diagnostics) {
    SB_WARNING("{}", diagnostic.str());
    report += diagnostic.str() + "\n";
  }
  if (!parsed.found) {
    SB_NOTICE("extensions.conf not found: the dialplan is empty");
  }
  auto loaded = sb::pbx::Dialplan::load(parsed.file);
  for (const auto& diagnostic : loaded.diagnostics) {
    if (diagnostic.severity == config::Diagnostic::Severity::Error) {
      SB_ERROR("{}", diagnostic.str());
    } else {
      SB_WARNING("{}", diagnostic.str());
    }
    report += diagnostic.str() + "\n";
  }
  if (!parsed.ok()) {
    report += "extensions.conf has errors: the dialplan was not changed\n";
    return report;
  }
  pbx.setDialplan(loaded.dialplan);
  report += "Dialplan reloaded.\n";
  return report;
}

/// Reads features.conf (the DTMF features of bridges); problems are logged with file:line.
sb::pbx::FeaturesConfig loadFeatures(const Paths& paths) {
  config::ReaderOptions options;
  options.configDir = paths.etc;
  auto parsed = config::parseConfig("features.conf", options);
  std::vector<config::Diagnostic> diagnostics = parsed.diagnostics;
  auto features = sb::pbx::parseFeaturesConf(parsed.file, diagnostics);
  for (const auto& diagnostic : diagnostics) {
    SB_WARNING("{}", diagnostic.str());
  }
  return features;
}

Result<Registrations> load(ModuleContext& context) {
  Registrations out;
  auto pbx = std::make_shared<PbxService>(context.reactor.io(), context.events);
  loadDialplan(*pbx, context.paths);
  out += addBasicApplications(*pbx);
  pbx->setSoundsDir((context.paths.data / "sounds").string());
  pbx->setFeatures(loadFeatures(context.paths));
  out += addMediaApplications(*pbx);
  out += addDialApplication(*pbx);
  out += addLocalChannels(*pbx);
  out += addDtmfApplications(*pbx);
  out += addCoreFunctions(*pbx);
  out += addDeviceStateFunctions(*pbx);
  out += addSipHeaderFunctions(*pbx);
  const Paths& paths = context.paths;
  out += addPbxCommands(context.commands, pbx,
                        [weak = std::weak_ptr<PbxService>(pbx), &paths]() -> std::string {
                          auto self = weak.lock();
                          return self ? loadDialplan(*self, paths) : std::string();
                        });
  out += addOriginateCommands(context.commands, pbx);
  out += addFunctionCommands(context.commands, pbx);
  // Channels still up when the module goes are hung up, so no session outlives its PBX.
  out += Registration([pbx] {
    for (const auto& channel : pbx->channels()) {
      channel->hangup(16);
    }
  });
  out += context.services.provide(pbx);
  return out;
}

}  // namespace

const ModuleDescriptor& descriptor() {
  static const ModuleDescriptor module{
      .name = "pbx_config",
      .description = "Text Extension Configuration",
      .dependencies = {},
      .support = SupportLevel::Core,
      .autoload = true,
      .objectTypes = {},
      .load = load,
  };
  return module;
}

}  // namespace sb::modules::pbx
