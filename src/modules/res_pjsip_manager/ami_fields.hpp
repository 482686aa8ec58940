#pragma once
/// @file
/// pjsip objects as AMI fields, the way Asterisk's ast_sip_sorcery_object_to_ami writes them:
/// `ObjectType`, `ObjectName`, then every option with its name in CamelCase
/// (`max_contacts` -> `MaxContacts`) and its value as configured.

#include <string>
#include <string_view>

#include "core/store/object_set.hpp"
#include "core/store/object_store.hpp"
#include "modules/manager/ami_message.hpp"
#include "modules/res_pjsip/aor_config.hpp"
#include "modules/res_pjsip/location/location_service.hpp"

namespace sb::modules::res_pjsip_manager {

using manager::AmiFields;

/// `foo_bar` -> `FooBar` (Asterisk's ast_to_camel_case).
std::string camelCase(std::string_view option);

/// ObjectType, ObjectName and every option of `object` (of `type`).
AmiFields objectFields(const store::ObjectStore& store, std::string_view type,
                       const store::Object& object);

/// "Reachable" -> Asterisk's AMI status words (Reachable, Unreachable, Unknown, NonQualified).
std::string contactStatusText(res_pjsip::ContactState state);

/// RTT in microseconds as Asterisk prints it ("0" when unknown).
std::string roundtripUsec(double rttMs);

/// The fields of one contact as ContactList shows them; qualify settings from its AOR.
AmiFields contactFields(const res_pjsip::LocatedContact& contact, const res_pjsip::AorConfig* aor);

}  // namespace sb::modules::res_pjsip_manager
