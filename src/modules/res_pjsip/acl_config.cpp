#include "modules/res_pjsip/acl_config.hpp"

#include "core/store/options.hpp"
#include "modules/res_pjsip/acl_option.hpp"

namespace sb::modules::res_pjsip {
namespace {

using T = AclConfig;

}  // namespace

std::shared_ptr<const store::ObjectTypeBase> aclType() {
  namespace opt = store::opt;
  std::vector<store::Option<T>> options{
      aclRuleOption(&T::permit, &T::ipRules, &T::ipAcl, true, "permit",
                    "Source addresses or networks to permit, applied in order with deny."),
      aclRuleOption(&T::deny, &T::ipRules, &T::ipAcl, false, "deny",
                    "Source addresses or networks to deny, applied in order with permit."),
      opt::list(&T::acl, "acl", "", "Named ACLs (acl.conf) applied to the source address."),
      aclRuleOption(&T::contactPermit, &T::contactIpRules, &T::contactIpAcl, true, "contact_permit",
                    "Contact addresses or networks to permit."),
      aclRuleOption(&T::contactDeny, &T::contactIpRules, &T::contactIpAcl, false, "contact_deny",
                    "Contact addresses or networks to deny."),
      opt::list(&T::contactAcl, "contact_acl", "",
                "Named ACLs (acl.conf) applied to Contact addresses."),
  };
  return std::make_shared<store::ObjectType<T>>(
      "acl", "res_pjsip_acl", "Source and Contact address filtering for all SIP requests.",
      store::Binding{"config", "pjsip.conf,criteria=type=acl"}, std::move(options));
}

std::shared_ptr<const store::ObjectTypeBase> namedAclType() {
  std::vector<store::Option<T>> options{
      aclRuleOption(&T::permit, &T::ipRules, &T::ipAcl, true, "permit",
                    "Addresses or networks to permit, applied in order with deny."),
      aclRuleOption(&T::deny, &T::ipRules, &T::ipAcl, false, "deny",
                    "Addresses or networks to deny, applied in order with permit."),
  };
  return std::make_shared<store::ObjectType<T>>(
      "named_acl", "acl", "Named access lists of acl.conf, used by acl= and contact_acl=.",
      store::Binding{"config", "acl.conf"}, std::move(options));
}

}  // namespace sb::modules::res_pjsip
