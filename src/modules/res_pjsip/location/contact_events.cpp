#include "modules/res_pjsip/location/contact_events.hpp"

#include <cmath>

#include "modules/res_pjsip/settings_config.hpp"

namespace sb::modules::res_pjsip {
namespace {

std::string statusOf(const ContactEvent& event) {
  switch (event.kind) {
    case ContactEvent::Kind::Added:
      return "Created";
    case ContactEvent::Kind::Refreshed:
      return "Updated";
    case ContactEvent::Kind::Removed:
    case ContactEvent::Kind::Expired:
      return "Removed";
    case ContactEvent::Kind::StateChanged:
      return std::string(contactStateName(event.contact.state));
  }
  return "Unknown";
}

}  // namespace

Registration publishContactEvents(LocationService& location, events::EventBus& bus,
                                  const store::ObjectStore& store) {
  return location.addObserver([&bus, &store](const ContactEvent& event) {
    if (!bus.hasSubscribers()) {
      return;
    }
    if (event.kind == ContactEvent::Kind::Refreshed) {
      auto global = store.current()->get<GlobalConfig>("global", "global");
      if (!global || !global->sendContactStatusOnUpdateRegistration) {
        return;
      }
    }
    const auto& contact = event.contact;
    const double rtt = contact.rttMs;
    events::Event out;
    out.name = "ContactStatus";
    out.classes = events::kSystem;
    out.fields = {
        {"URI", contact.data.uri},
        {"ContactStatus", statusOf(event)},
        {"AOR", contact.data.aor},
        {"EndpointName", contact.data.endpoint},
        {"RoundtripUsec",
         std::to_string(std::isnan(rtt) ? 0 : static_cast<long long>(rtt * 1000.0))},
    };
    bus.publish(std::move(out));
  });
}

}  // namespace sb::modules::res_pjsip
