// res_pjsip: the SIP configuration objects every SIP module shares (transport, system,
// global) and their console commands.
#include <fmt/format.h>

#include "core/cli/command_registry.hpp"
#include "core/module/module.hpp"
#include "core/store/object_printer.hpp"
#include "core/store/object_store.hpp"
#include "modules/res_pjsip/cli_format.hpp"
#include "modules/res_pjsip/settings_config.hpp"
#include "modules/res_pjsip/transport_config.hpp"

namespace sb::modules::res_pjsip {
namespace {

std::string transportRow(int level, const TransportConfig& transport) {
  return cliRow(
      level, "Transport",
      fmt::format("{:<21}  {:>6}  {:>5}  {:>5}  {}", transport.id, transport.protocolName(),
                  transport.cos, transport.tos, transport.bind));
}

std::string transportHeader() {
  return cliHeader(
      cliRow(0, "Transport",
             "<TransportId........>  <Type>  <cos>  <tos>  <BindAddress....................>"));
}

/// The configured single object, or one built from defaults when pjsip.conf has none.
std::shared_ptr<const store::Object> singleObject(const store::ObjectStore& store,
                                                  const std::string& type) {
  if (auto object = store.current()->find(type, type)) {
    return object;
  }
  store::Diagnostics ignored;
  config::Section empty;
  empty.name = type;
  return store.findType(type)->build(type, empty, "", ignored);
}

std::vector<std::string> transportIds(const store::ObjectStore& store) {
  std::vector<std::string> ids;
  for (const auto& [id, object] : store.current()->all("transport")) {
    ids.push_back(id);
  }
  return ids;
}

Result<Registrations> load(ModuleContext& context) {
  Registrations out;
  auto& store = context.objects;
  auto& commands = context.commands;

  auto listTransports = [&store](const cli::Arguments&, cli::ReplyPtr reply) {
    const auto& transports = store.current()->all("transport");
    if (transports.empty()) {
      reply->write(cliFooter(0));
      return;
    }
    std::string text = transportHeader();
    for (const auto& [id, object] : transports) {
      text += transportRow(0, static_cast<const TransportConfig&>(*object));
    }
    reply->write(text + cliFooter(transports.size()));
  };
  out += commands.add({"pjsip list transports", "List PJSIP Transports", "", listTransports});
  out += commands.add({"pjsip show transports", "Show PJSIP Transports", "", listTransports});
  out += commands.add(
      {"pjsip show transport <id>",
       "Show PJSIP Transport",
       "",
       [&store](const cli::Arguments& args, cli::ReplyPtr reply) {
         const auto id = *args.get("id");
         const auto object = store.current()->find("transport", id);
         if (!object) {
           reply->write(fmt::format("Unable to find object {}.\n\n", id));
           reply->finish(cli::Status::Failure);
           return;
         }
         reply->write(transportHeader() +
                      transportRow(0, static_cast<const TransportConfig&>(*object)) +
                      store::formatObjectDetail(*store.findType("transport"), *object) + "\n");
       },
       {{"id", [&store](const cli::Arguments&) { return transportIds(store); }}}});
  out += commands.add({"pjsip show settings", "Show global and system configuration options", "",
                       [&store](const cli::Arguments&, cli::ReplyPtr reply) {
                         std::string text = "\n Global Settings:\n";
                         text += store::formatObjectDetail(*store.findType("global"),
                                                           *singleObject(store, "global"));
                         text += "\n System Settings:\n";
                         text += store::formatObjectDetail(*store.findType("system"),
                                                           *singleObject(store, "system"));
                         reply->write(text + "\n");
                       }});
  return out;
}

}  // namespace

const ModuleDescriptor& descriptor() {
  static const ModuleDescriptor module{
      .name = "res_pjsip",
      .description = "Basic SIP resource",
      .dependencies = {},
      .support = SupportLevel::Core,
      .autoload = true,
      .objectTypes =
          [] {
            return std::vector<std::shared_ptr<const store::ObjectTypeBase>>{
                transportType(), systemType(), globalType()};
          },
      .load = load,
  };
  return module;
}

}  // namespace sb::modules::res_pjsip
