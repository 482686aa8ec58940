#include "modules/res_pjsip_manager/ami_fields.hpp"

#include <cctype>
#include <cmath>

namespace sb::modules::res_pjsip_manager {

std::string camelCase(std::string_view option) {
  std::string out;
  bool upper = true;
  for (char c : option) {
    if (c == '_') {
      upper = true;
      continue;
    }
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return out;
}

AmiFields objectFields(const store::ObjectStore& store, std::string_view type,
                       const store::Object& object) {
  AmiFields fields{{"ObjectType", std::string(type)}, {"ObjectName", object.id}};
  if (auto objectType = store.findType(std::string(type))) {
    for (auto& [name, value] : objectType->describe(object)) {
      fields.emplace_back(camelCase(name), std::move(value));
    }
  }
  return fields;
}

std::string contactStatusText(res_pjsip::ContactState state) {
  return std::string(res_pjsip::contactStateName(state));
}

std::string roundtripUsec(double rttMs) {
  return std::to_string(std::isnan(rttMs) ? 0LL : static_cast<long long>(rttMs * 1000.0));
}

AmiFields contactFields(const res_pjsip::LocatedContact& contact, const res_pjsip::AorConfig* aor) {
  const auto& data = contact.data;
  return AmiFields{
      {"ObjectType", "contact"},
      {"ObjectName", data.id},
      {"ViaAddr", data.viaAddr},
      {"QualifyTimeout", std::to_string(aor ? aor->qualifyTimeout : 3.0)},
      {"CallId", data.callId},
      {"RegServer", data.regServer},
      {"PruneOnBoot", "false"},
      {"Path", data.path},
      {"Endpoint", data.endpoint},
      {"ViaPort", std::to_string(data.viaPort)},
      {"AuthenticateQualify", aor && aor->authenticateQualify ? "true" : "false"},
      {"Uri", data.uri},
      {"QualifyFrequency", std::to_string(aor ? aor->qualifyFrequency : 0)},
      {"UserAgent", data.userAgent},
      {"ExpirationTime", std::to_string(data.expiresAt)},
      {"OutboundProxy", aor ? aor->outboundProxy : std::string()},
      {"Status", contactStatusText(contact.state)},
      {"RoundtripUsec", roundtripUsec(contact.rttMs)},
  };
}

}  // namespace sb::modules::res_pjsip_manager
