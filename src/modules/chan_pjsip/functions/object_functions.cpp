#include "modules/chan_pjsip/functions/object_functions.hpp"

#include <fmt/format.h>

#include <cmath>

#include "core/store/object_store.hpp"
#include "modules/chan_pjsip/functions/standard_args.hpp"
#include "modules/res_pjsip/contact_view.hpp"
#include "modules/res_pjsip/endpoint_config.hpp"

namespace sb::modules::chan_pjsip {

namespace {

using Fields = std::vector<std::pair<std::string, std::string>>;

/// The object name and field of "name,field", or the message Asterisk logs when one is
/// missing (`what` names the object in it: "an endpoint name").
struct Query {
  std::string name;
  std::string field;
  std::optional<Outcome> failure;
};

Query parseQuery(const std::string& function, const std::string& args, const std::string& what) {
  Query query;
  if (args.empty()) {
    query.failure = Outcome::error(fmt::format("Cannot call {} without arguments", function));
    return query;
  }
  const auto parts = standardArgs(args, 2);
  query.name = argAt(parts, 0);
  query.field = argAt(parts, 1);
  if (query.name.empty()) {
    query.failure =
        Outcome::error(fmt::format("Cannot call {} without {} to query", function, what));
  } else if (query.field.empty()) {
    query.failure =
        Outcome::error(fmt::format("Cannot call {} with an empty field name to query", function));
  }
  return query;
}

/// The first field of that name (the object set may repeat names), as Asterisk looks it up.
std::optional<std::string> fieldValue(const Fields& fields, const std::string& name) {
  for (const auto& [field, value] : fields) {
    if (field == name) {
      return value;
    }
  }
  return std::nullopt;
}

/// The endpoint's object set as ast_sorcery_objectset_create builds it: set_var prefers its
/// list handler, so each channel variable is a field of its own name; without any it is
/// the single (empty) set_var field.
Fields endpointFields(const store::ObjectTypeBase& type,
                      const res_pjsip::EndpointConfig& endpoint) {
  Fields fields;
  for (auto& [name, value] : type.describe(endpoint, true)) {
    if (name == "set_var" && !endpoint.setVar.empty()) {
      for (const auto& variable : endpoint.setVar) {
        const auto equals = variable.find('=');
        fields.emplace_back(variable.substr(0, equals),
                            equals == std::string::npos ? "" : variable.substr(equals + 1));
      }
      continue;
    }
    fields.emplace_back(std::move(name), std::move(value));
  }
  return fields;
}

}  // namespace

Outcome endpointFunction(const store::ObjectSet& set, const store::ObjectTypeBase& endpointType,
                         const std::string& args) {
  const auto query = parseQuery("PJSIP_ENDPOINT", args, "an endpoint name");
  if (query.failure) {
    return *query.failure;
  }
  const auto endpoint = set.get<res_pjsip::EndpointConfig>("endpoint", query.name);
  if (!endpoint) {
    return Outcome::warning(
        fmt::format("Failed to retrieve information for endpoint '{}'", query.name));
  }
  if (auto value = fieldValue(endpointFields(endpointType, *endpoint), query.field)) {
    return Outcome::ok(std::move(*value));
  }
  return Outcome::warning(fmt::format("Unknown property '{}' for PJSIP endpoint", query.field));
}

Outcome aorFunction(const store::ObjectSet& set, const store::ObjectTypeBase& aorType,
                    const res_pjsip::LocationService& location, const std::string& args) {
  const auto query = parseQuery("PJSIP_AOR", args, "an AOR name");
  if (query.failure) {
    return *query.failure;
  }
  const auto aor = set.get<res_pjsip::AorConfig>("aor", query.name);
  if (!aor) {
    return Outcome::warning(fmt::format("Failed to retrieve information for AOR '{}'", query.name));
  }
  if (query.field == "contact") {
    // The ids of every contact, registered and static, not the URIs the option holds.
    std::string ids;
    for (const auto& contact : res_pjsip::contactsOfAor(aor, location)) {
      ids += (ids.empty() ? "" : ",") + contact.id;
    }
    return Outcome::ok(ids);
  }
  if (auto value = fieldValue(aorType.describe(*aor, true), query.field)) {
    return Outcome::ok(std::move(*value));
  }
  return Outcome::warning(fmt::format("Unknown property '{}' for PJSIP AOR", query.field));
}

Outcome contactFunction(const store::ObjectSet& set, const res_pjsip::LocationService& location,
                        const std::string& args) {
  const auto query = parseQuery("PJSIP_CONTACT", args, "a contact name");
  if (query.failure) {
    return *query.failure;
  }
  const auto contact = res_pjsip::findContact(set, location, query.name);
  if (!contact) {
    return Outcome::warning(
        fmt::format("Failed to retrieve information for contact '{}'", query.name));
  }
  if (query.field == "status") {
    return Outcome::ok(std::string(res_pjsip::contactStateName(contact->state)));
  }
  if (query.field == "rtt") {
    // Microseconds of the last qualify, only while the contact is reachable.
    if (contact->state != res_pjsip::ContactState::Reachable || std::isnan(contact->rttMs)) {
      return Outcome::ok("N/A");
    }
    return Outcome::ok(std::to_string(static_cast<long long>(contact->rttMs * 1000.0)));
  }
  bool rewriteContact = false;
  if (contact->stored != nullptr) {
    const auto endpoint = set.get<res_pjsip::EndpointConfig>("endpoint", contact->stored->endpoint);
    rewriteContact = endpoint && endpoint->rewriteContact;
  }
  if (auto value = fieldValue(res_pjsip::contactFields(*contact, rewriteContact), query.field)) {
    return Outcome::ok(std::move(*value));
  }
  return Outcome::warning(fmt::format("Unknown property '{}' for PJSIP contact", query.field));
}

Registrations addObjectFunctions(pbx::PbxService& pbx, const store::ObjectStore& store,
                                 const res_pjsip::LocationService& location) {
  Registrations out;
  pbx::FunctionInfo endpoint{
      reader([&store](pbx::Channel*, const std::string& args) {
        const auto type = store.findType("endpoint");
        return type ? endpointFunction(*store.current(), *type, args)
                    : Outcome::error(
                          "Unable to retrieve PJSIP configuration: sorcery object "
                          "is NULL");
      }),
      nullptr, "Get information about a PJSIP endpoint"};
  endpoint.syntax = "PJSIP_ENDPOINT(name,field)";
  endpoint.arguments =
      "name\n    The name of the endpoint to query.\n"
      "field\n    The configuration option for the endpoint to query for. Supported options\n"
      "    are those fields on the 'endpoint' object in 'pjsip.conf'.";
  endpoint.since = "12.0.0";
  endpoint.providedBy = "func_pjsip_endpoint";
  out += pbx.addFunction("PJSIP_ENDPOINT", std::move(endpoint));

  pbx::FunctionInfo aor{reader([&store, &location](pbx::Channel*, const std::string& args) {
                          const auto type = store.findType("aor");
                          return type
                                     ? aorFunction(*store.current(), *type, location, args)
                                     : Outcome::error(
                                           "Unable to retrieve PJSIP configuration: sorcery object "
                                           "is NULL");
                        }),
                        nullptr, "Get information about a PJSIP AOR"};
  aor.syntax = "PJSIP_AOR(name,field)";
  aor.arguments =
      "name\n    The name of the AOR to query.\n"
      "field\n    The configuration option for the AOR to query for. Supported options are\n"
      "    those fields on the 'aor' object in 'pjsip.conf'.\n"
      "    NOTE: When requested with this function, the 'contact' parameter will return\n"
      "    both permanent and dynamic contacts.\n"
      "    NOTE: The return value of the 'contact' parameter is one or more internal\n"
      "    contact IDs separated by commans. To get details about the contact itself,\n"
      "    including the URI, call the 'PJSIP_CONTACT' dialplan function with the contact\n"
      "    ID and the desired contact parameter.";
  aor.seeAlso = "PJSIP_CONTACT()";
  aor.since = "13.2.0";
  aor.providedBy = "func_pjsip_aor";
  out += pbx.addFunction("PJSIP_AOR", std::move(aor));

  pbx::FunctionInfo contact{reader([&store, &location](pbx::Channel*, const std::string& args) {
                              return contactFunction(*store.current(), location, args);
                            }),
                            nullptr, "Get information about a PJSIP contact"};
  contact.syntax = "PJSIP_CONTACT(name,field)";
  contact.arguments =
      "name\n    Contact names are in the form of \"aor_id@@hash\" for dynamic contacts\n"
      "    created by the registrar and permanent contacts defined in a 'contact'\n"
      "    parameter in an 'aor' object. You can get the \"aor_id@@hash\" contact ID by\n"
      "    calling the 'PJSIP_AOR()' dialplpan function with the AOR name and the\n"
      "    'contact' field. You can then pass the value returned to this function.\n"
      "field\n    The configuration option for the contact to query for. Supported options\n"
      "    are those fields on the 'contact' object.\n"
      "    rtt - The RTT of the last qualify\n"
      "    status - Status of the contact";
  contact.seeAlso = "PJSIP_AOR()";
  contact.since = "13.2.0";
  contact.providedBy = "func_pjsip_contact";
  out += pbx.addFunction("PJSIP_CONTACT", std::move(contact));
  return out;
}

}  // namespace sb::modules::chan_pjsip
