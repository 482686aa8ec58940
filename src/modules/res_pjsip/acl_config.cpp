#include "modules/res_pjsip/acl_config.hpp"

#include "core/store/options.hpp"
#include "modules/res_pjsip/ip_acl.hpp"

namespace sb::modules::res_pjsip {
namespace {

using T = AclConfig;

/// permit/deny/contact_permit/contact_deny: validated, kept per option and in file order.
store::Option<T> aclRules(std::vector<std::string> T::*items,
                          std::vector<std::pair<bool, std::string>> T::*rules, bool permit,
                          std::string name, std::string doc) {
  auto o = store::opt::custom<T>(
      std::move(name), "list", "", std::move(doc),
      [items, rules, permit](T& acl, std::string_view value) -> Result<void> {
        auto list = store::splitList(value);
        for (const auto& item : list) {
          if (auto valid = validateAclRule(item); !valid) {
            return valid.error();
          }
        }
        for (auto& item : list) {
          (acl.*rules).emplace_back(permit, item);
          (acl.*items).push_back(std::move(item));
        }
        return {};
      },
      [items](const T& acl) { return store::joinList(acl.*items); });
  o.flag(store::kMulti);
  // Only the per-option vector: the shared ordered list is filled by both options.
  o.reset = [items](T& acl) { (acl.*items).clear(); };
  return o;
}

}  // namespace

std::shared_ptr<const store::ObjectTypeBase> aclType() {
  namespace opt = store::opt;
  std::vector<store::Option<T>> options{
      aclRules(&T::permit, &T::ipRules, true, "permit",
               "Source addresses or networks to permit, applied in order with deny."),
      aclRules(&T::deny, &T::ipRules, false, "deny",
               "Source addresses or networks to deny, applied in order with permit."),
      opt::list(&T::acl, "acl", "", "Named ACLs (acl.conf) applied to the source address."),
      aclRules(&T::contactPermit, &T::contactIpRules, true, "contact_permit",
               "Contact addresses or networks to permit."),
      aclRules(&T::contactDeny, &T::contactIpRules, false, "contact_deny",
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
      aclRules(&T::permit, &T::ipRules, true, "permit",
               "Addresses or networks to permit, applied in order with deny."),
      aclRules(&T::deny, &T::ipRules, false, "deny",
               "Addresses or networks to deny, applied in order with permit."),
  };
  return std::make_shared<store::ObjectType<T>>(
      "named_acl", "acl", "Named access lists of acl.conf, used by acl= and contact_acl=.",
      store::Binding{"config", "acl.conf"}, std::move(options));
}

}  // namespace sb::modules::res_pjsip
