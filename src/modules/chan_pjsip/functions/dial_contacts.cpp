#include "modules/chan_pjsip/functions/dial_contacts.hpp"

#include <fmt/format.h>

#include "core/store/object_store.hpp"
#include "core/store/option_parsers.hpp"
#include "modules/chan_pjsip/functions/standard_args.hpp"
#include "modules/res_pjsip/contact_view.hpp"
#include "modules/res_pjsip/endpoint_config.hpp"

namespace sb::modules::chan_pjsip {

Outcome dialContactsFunction(const store::ObjectSet& set,
                             const res_pjsip::LocationService& location, const std::string& args) {
  const auto parts = standardArgs(args, 3);
  const std::string endpointName = argAt(parts, 0);
  const std::string aorNames = argAt(parts, 1);
  const std::string requestUser = argAt(parts, 2);
  if (endpointName.empty()) {
    return Outcome::warning(
        "An endpoint name must be specified when using the 'PJSIP_DIAL_CONTACTS' dialplan "
        "function");
  }
  const auto endpoint = set.get<res_pjsip::EndpointConfig>("endpoint", endpointName);
  if (!endpoint) {
    return Outcome::warning(fmt::format("Specified endpoint '{}' was not found", endpointName));
  }
  std::string names = aorNames;
  if (names.empty()) {
    for (const auto& aor : endpoint->aors) {
      names += (names.empty() ? "" : ",") + aor;
    }
  }
  if (names.empty()) {
    return Outcome::warning(fmt::format(
        "No AOR has been provided and no AORs are configured on endpoint '{}'", endpointName));
  }
  std::string dial;
  std::string_view rest = names;
  while (true) {
    const auto comma = rest.find(',');
    const auto name = store::trimmed(rest.substr(0, comma));
    // AORs that do not exist are skipped: others in the list may.
    if (const auto aor = set.get<res_pjsip::AorConfig>("aor", name)) {
      for (const auto& contact : res_pjsip::contactsOfAor(aor, location)) {
        if (contact.state == res_pjsip::ContactState::Unreachable) {
          continue;
        }
        dial +=
            fmt::format("{}PJSIP/{}{}/{}", dial.empty() ? "" : "&",
                        requestUser.empty() ? "" : requestUser + "@", endpointName, contact.uri);
      }
    }
    if (comma == std::string_view::npos) {
      break;
    }
    rest.remove_prefix(comma + 1);
  }
  return Outcome::ok(dial);
}

Registrations addDialContactsFunction(pbx::PbxService& pbx, const store::ObjectStore& store,
                                      const res_pjsip::LocationService& location) {
  pbx::FunctionInfo info{reader([&store, &location](pbx::Channel*, const std::string& args) {
                           return dialContactsFunction(*store.current(), location, args);
                         }),
                         nullptr, "Return a dial string for dialing all contacts on an AOR."};
  info.syntax = "PJSIP_DIAL_CONTACTS(endpoint[,aor[,request_user]])";
  info.description = "Returns a properly formatted dial string for dialing all contacts on an AOR.";
  info.arguments =
      "endpoint\n    Name of the endpoint\n"
      "aor\n    Name of an AOR to use, if not specified the configured AORs on the endpoint\n"
      "    are used\n"
      "request_user\n    Optional request user to use in the request URI";
  info.since = "12.0.0";
  info.providedBy = "chan_pjsip";
  Registrations out;
  out += pbx.addFunction("PJSIP_DIAL_CONTACTS", std::move(info));
  return out;
}

}  // namespace sb::modules::chan_pjsip
