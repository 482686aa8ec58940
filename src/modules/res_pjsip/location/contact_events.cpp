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

/// Asterisk's registrar test events (AOR_CONTACT_ADDED / REFRESHED / REMOVED), which test
/// harnesses written for Asterisk wait for.
void publishTestEvent(events::EventBus& bus, const ContactEvent& event, std::int64_t now) {
  const char* state = nullptr;
  switch (event.kind) {
    case ContactEvent::Kind::Added:
      state = "AOR_CONTACT_ADDED";
      break;
    case ContactEvent::Kind::Refreshed:
      state = "AOR_CONTACT_REFRESHED";
      break;
    case ContactEvent::Kind::Removed:
    case ContactEvent::Kind::Expired:
      state = "AOR_CONTACT_REMOVED";
      break;
    case ContactEvent::Kind::StateChanged:
      return;
  }
  const auto& data = event.contact.data;
  events::Event out;
  out.name = "TestEvent";
  out.classes = events::kTest;
  out.fields = {{"Type", "StateChange"},
                {"State", state},
                {"AppFile", "res_pjsip_registrar.c"},
                {"AppFunction", "register_aor_core"},
                {"AppLine", "0"},
                {"Contact", data.uri},
                {"AOR", data.aor}};
  if (event.kind == ContactEvent::Kind::Added || event.kind == ContactEvent::Kind::Refreshed) {
    out.fields.emplace_back("Expiration", std::to_string(data.expiresAt - now));
  }
  out.fields.emplace_back("UserAgent", data.userAgent);
  bus.publish(std::move(out));
}

}  // namespace

Registration publishContactEvents(LocationService& location, events::EventBus& bus,
                                  const store::ObjectStore& store) {
  return location.addObserver([&bus, &store, &location](const ContactEvent& event) {
    if (!bus.wants(events::kSystem) && !bus.testEvents()) {
      return;
    }
    if (bus.testEvents()) {
      publishTestEvent(bus, event, location.now());
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
