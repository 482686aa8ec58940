// PJSIPShowRegistrationsOutbound, PJSIPRegister and PJSIPUnregister, with Asterisk's
// messages (res_pjsip_outbound_registration.c), over res_pjsip's OutboundRegistry service.
#include <fmt/format.h>

#include "modules/res_pjsip_manager/ami_fields.hpp"
#include "modules/res_pjsip_manager/pjsip_actions.hpp"

namespace sb::modules::res_pjsip_manager {
namespace {

std::shared_ptr<res_pjsip::OutboundRegistry> registryOf(const PjsipSources& sources) {
  return sources.outbound ? sources.outbound() : nullptr;
}

void showOutbound(const PjsipSources& sources, manager::AmiRequest& request) {
  const auto registry = registryOf(sources);
  const auto entries =
      registry ? registry->entries() : std::vector<res_pjsip::OutboundRegistryEntry>{};
  if (entries.empty()) {
    request.error("No Outbound Registrations found");
    return;
  }
  request.listStart("Following are Events for each Outbound registration");
  const auto objects = sources.store.current();
  int registered = 0;
  for (const auto& entry : entries) {
    auto fields = objectFields(sources.store, "registration", *entry.config);
    fields.emplace_back("Status", entry.status);
    fields.emplace_back("NextReg", std::to_string(entry.nextReg));
    request.listItem("OutboundRegistrationDetail", fields);
    registered += entry.status == "Registered" ? 1 : 0;
    for (const auto& name : entry.outboundAuth) {
      if (const auto auth = objects->find("auth", name)) {
        request.listItem("AuthDetail", objectFields(sources.store, "auth", *auth));
      }
    }
  }
  request.listComplete("OutboundRegistrationDetailComplete",
                       {{"Registered", std::to_string(registered)},
                        {"NotRegistered", std::to_string(entries.size() - registered)}});
}

/// PJSIPRegister and PJSIPUnregister: same shape, different verbs.
void control(const PjsipSources& sources, manager::AmiRequest& request, bool doRegister) {
  const auto name = request.get("Registration");
  if (name.empty()) {
    request.error("Registration parameter missing.");
    return;
  }
  const auto registry = registryOf(sources);
  if (name == "*all") {
    if (registry) {
      for (const auto& entry : registry->entries()) {
        if (doRegister) {
          registry->registerNow(entry.id);
        } else {
          registry->unregister(entry.id);
        }
      }
    }
    request.success(doRegister ? "Reregistrations queued." : "Unregistrations queued.");
    return;
  }
  const bool found =
      registry && (doRegister ? registry->registerNow(name) : registry->unregister(name));
  if (!found) {
    request.error("Unable to retrieve registration entry");
    return;
  }
  request.success(doRegister ? "Reregistration sent" : "Unregistration sent");
}

}  // namespace

Registrations addOutboundRegistrationActions(manager::ManagerService& ami, PjsipSources sources) {
  Registrations out;
  auto shared = std::make_shared<PjsipSources>(std::move(sources));
  const auto reporting = sb::events::kSystem | sb::events::kReporting;
  out += ami.addAction("PJSIPShowRegistrationsOutbound", reporting,
                       "Lists PJSIP outbound registrations.",
                       [shared](manager::AmiRequest& request) { showOutbound(*shared, request); });
  out += ami.addAction("PJSIPRegister", sb::events::kSystem, "Register an outbound registration.",
                       [shared](manager::AmiRequest& request) { control(*shared, request, true); });
  out +=
      ami.addAction("PJSIPUnregister", sb::events::kSystem, "Unregister an outbound registration.",
                    [shared](manager::AmiRequest& request) { control(*shared, request, false); });
  return out;
}

}  // namespace sb::modules::res_pjsip_manager
