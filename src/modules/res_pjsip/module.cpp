// res_pjsip: the SIP configuration objects every SIP module shares (transport, system,
// global) and their console commands.
#include <fmt/format.h>

#include "core/cli/command_registry.hpp"
#include "core/module/module.hpp"
#include "core/store/object_printer.hpp"
#include "core/store/object_store.hpp"
#include "modules/res_pjsip/acl_config.hpp"
#include "modules/res_pjsip/aor_config.hpp"
#include "modules/res_pjsip/auth_config.hpp"
#include "modules/res_pjsip/cli_format.hpp"
#include "modules/res_pjsip/domain_alias_config.hpp"
#include "modules/res_pjsip/endpoint_config.hpp"
#include "modules/res_pjsip/host_address_book.hpp"
#include "modules/res_pjsip/http_config.hpp"
#include "modules/res_pjsip/identify_config.hpp"
#include "modules/res_pjsip/legacy_sip_commands.hpp"
#include "modules/res_pjsip/location/contact_events.hpp"
#include "modules/res_pjsip/location/location_setup.hpp"
#include "modules/res_pjsip/location/peer_status.hpp"
#include "modules/res_pjsip/object_commands.hpp"
#include "modules/res_pjsip/outbound_registry.hpp"
#include "modules/res_pjsip/qualify/qualifier.hpp"
#include "modules/res_pjsip/request_policy.hpp"
#include "modules/res_pjsip/request_security.hpp"
#include "modules/res_pjsip/resolver_config.hpp"
#include "modules/res_pjsip/settings_config.hpp"
#include "modules/res_pjsip/sip_service.hpp"
#include "modules/res_pjsip/trace/trace_commands.hpp"
#include "modules/res_pjsip/transport_config.hpp"
#include "sip/transport/tcp_listener.hpp"

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

void addSipTcpCommand(Registrations& out, cli::CommandRegistry& commands,
                      std::shared_ptr<SipService> service) {
  out += commands.add({"sip show tcp", "List TCP Connections", "",
                       [service](const cli::Arguments&, cli::ReplyPtr reply) {
                         std::string text = fmt::format("{:<47.47} {:>9.9} {:>6.6}\n", "Address",
                                                        "Transport", "Type");
                         for (const auto& listener : service->core().transports().all()) {
                           auto* tcp = dynamic_cast<sip::TcpListener*>(listener.get());
                           if (tcp == nullptr) {
                             continue;
                           }
                           for (const auto& connection : tcp->connections()) {
                             text +=
                                 fmt::format("{:<47.47} {:>9.9} {:>6.6}\n", connection.remote.str(),
                                             sip::transportName(listener->spec().kind),
                                             connection.inbound ? "Server" : "Client");
                           }
                         }
                         reply->write(text);
                       }});
}

void addQualifyCommands(Registrations& out, cli::CommandRegistry& commands,
                        const store::ObjectStore& store, std::shared_ptr<Qualifier> qualifier) {
  auto endpointIds = [&store](const cli::Arguments&) {
    std::vector<std::string> ids;
    for (const auto& [id, object] : store.current()->all("endpoint")) {
      ids.push_back(id);
    }
    return ids;
  };
  auto qualify = [&store, qualifier](const std::string& name, cli::ReplyPtr reply) {
    auto endpoint = store.current()->get<EndpointConfig>("endpoint", name);
    if (!endpoint) {
      reply->write(fmt::format("Unable to retrieve endpoint {}\n", name));
      reply->finish(cli::Status::Failure);
      return;
    }
    std::string text;
    for (const auto& aor : endpoint->aors) {
      text += fmt::format("Qualifying AOR '{}' on endpoint '{}'\n", aor, name);
    }
    qualifier->qualifyAors(endpoint->aors);
    reply->write(text);
  };
  out += commands.add({"pjsip qualify <endpoint>",
                       "Send an OPTIONS request to a PJSIP endpoint",
                       "",
                       [qualify](const cli::Arguments& args, cli::ReplyPtr reply) {
                         qualify(*args.get("endpoint"), std::move(reply));
                       },
                       {{"endpoint", endpointIds}}});
  out += commands.add({"sip qualify peer <peer>",
                       "Send an OPTIONS packet to a peer (legacy name)",
                       "",
                       [qualify](const cli::Arguments& args, cli::ReplyPtr reply) {
                         qualify(*args.get("peer"), std::move(reply));
                       },
                       {{"peer", endpointIds}}});
}

Result<Registrations> load(ModuleContext& context) {
  Registrations out;
  auto& store = context.objects;
  auto& commands = context.commands;
  auto service = std::make_shared<SipService>(context);
  service->applyConfiguration();
  // Bundles undo in reverse, so the transports close after every command is gone; handlers
  // hold the service by shared_ptr besides.
  out += Registration([service]() mutable { service->core().transports().closeAll(); });
  auto location = openLocation(context);
  if (!location) {
    return Error{"contact store: " + location.error().message};
  }
  auto hosts = std::make_shared<HostAddressBook>(service->resolver());
  out += addRequestPolicy(service->core().pipeline(), store, hosts,
                          [&services = context.services](std::string_view line) {
                            const auto registry = services.find<OutboundRegistry>();
                            return registry ? registry->endpointForLine(line) : std::string();
                          });
  out += context.services.provide(service);
  out += context.services.provide(*location);
  out += publishContactEvents(**location, context.events, store);
  out += publishPeerStatus(**location, context.events, store);
  out += security::publishTo(context.events);
  auto qualifier =
      std::make_shared<Qualifier>(service->core(), service->resolver(), **location, store);
  qualifier->start();
  out += context.services.provide(qualifier);
  addQualifyCommands(out, commands, store, qualifier);
  addObjectCommands(out, commands, store, *location);
  addLegacySipCommands(out, commands, store, *location, [&services = context.services] {
    return services.find<OutboundRegistry>();
  });
  addTraceCommands(out, commands, service, store, *location);
  addSipTcpCommand(out, commands, service);

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
                transportType(),   systemType(), globalType(),   httpType(),
                endpointType(),    aorType(),    authType(),     identifyType(),
                domainAliasType(), aclType(),    namedAclType(), resolverType()};
          },
      .load = load,
  };
  return module;
}

}  // namespace sb::modules::res_pjsip
