#pragma once
/// @file
/// `type=acl` in pjsip.conf (Asterisk's res_pjsip_acl): source-address and Contact-address
/// filtering applied to every request, before endpoint identification.

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/store/object_type.hpp"
#include "modules/res_pjsip/ip_acl.hpp"

namespace sb::modules::res_pjsip {

struct AclConfig : store::Object {
  std::vector<std::string> permit;  ///< every permit= item as written
  std::vector<std::string> deny;
  std::vector<std::string> acl;  ///< named ACLs from acl.conf
  std::vector<std::string> contactPermit;
  std::vector<std::string> contactDeny;
  std::vector<std::string> contactAcl;
  /// permit (true) / deny (false) items in file order, for IpAcl::fromOrderedRules.
  std::vector<std::pair<bool, std::string>> ipRules;
  /// contact_permit / contact_deny items in file order.
  std::vector<std::pair<bool, std::string>> contactIpRules;
  IpAcl ipAcl;         ///< ipRules, parsed once at load
  IpAcl contactIpAcl;  ///< contactIpRules, parsed once at load
};

/// The `acl` object type (pjsip.conf type=acl).
std::shared_ptr<const store::ObjectTypeBase> aclType();
/// acl.conf sections (`[name]` with permit/deny), which acl=/contact_acl= refer to.
std::shared_ptr<const store::ObjectTypeBase> namedAclType();

}  // namespace sb::modules::res_pjsip
