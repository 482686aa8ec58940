#pragma once
/// @file
/// The permit= / deny= style option every ACL-bearing object shares (pjsip endpoint and acl,
/// acl.conf, manager.conf users): each item is validated, kept as written for `show`, kept in
/// file order across permit and deny, and parsed once into an IpAcl that requests are checked
/// against (never re-parsed per request).

#include <string>
#include <utility>
#include <vector>

#include "core/store/options.hpp"
#include "modules/res_pjsip/ip_acl.hpp"

namespace sb::modules::res_pjsip {

/// Rules written in file order, as (permit?, rule).
using AclRules = std::vector<std::pair<bool, std::string>>;

/// `items`: this option's values as written; `rules` and `parsed`: shared by the permit and
/// the deny option of one list, so their order is kept.
template <class T>
store::Option<T> aclRuleOption(std::vector<std::string> T::*items, AclRules T::*rules,
                               IpAcl T::*parsed, bool permit, std::string name, std::string doc) {
  auto o = store::opt::custom<T>(
      std::move(name), "list", "", std::move(doc),
      [items, rules, parsed, permit](T& object, std::string_view value) -> Result<void> {
        auto list = store::splitList(value);
        for (const auto& item : list) {
          if (auto valid = validateAclRule(item); !valid) {
            return valid.error();
          }
        }
        for (auto& item : list) {
          (void)(object.*parsed).add(permit, item);  // validated just above
          (object.*rules).emplace_back(permit, item);
          (object.*items).push_back(std::move(item));
        }
        return {};
      },
      [items](const T& object) { return store::joinList(object.*items); });
  o.flag(store::kMulti);
  // Only the per-option vector: the shared ordered list is filled by both options.
  o.reset = [items](T& object) { (object.*items).clear(); };
  return o;
}

}  // namespace sb::modules::res_pjsip
