#include "modules/res_pjsip/domain_alias_config.hpp"

#include "core/store/options.hpp"

namespace sb::modules::res_pjsip {

std::shared_ptr<const store::ObjectTypeBase> domainAliasType() {
  namespace opt = store::opt;
  using T = DomainAliasConfig;
  std::vector<store::Option<T>> options{
      opt::string(&T::domain, "domain", "", "Domain that the alias (the section name) maps to."),
  };
  return std::make_shared<store::ObjectType<T>>(
      "domain_alias", "res_pjsip", "An alias of a SIP domain.",
      store::Binding{"config", "pjsip.conf,criteria=type=domain_alias"}, std::move(options));
}

}  // namespace sb::modules::res_pjsip
