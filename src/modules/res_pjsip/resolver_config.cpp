#include "modules/res_pjsip/resolver_config.hpp"

#include "core/store/options.hpp"

namespace sb::modules::res_pjsip {

std::shared_ptr<const store::ObjectTypeBase> resolverType() {
  namespace opt = store::opt;
  using T = ResolverConfig;
  std::vector<store::Option<T>> options{
      opt::list(&T::nameserver, "nameserver", "",
                "Name server to ask (ip or ip:port); repeat for several. Default: resolv.conf."),
      opt::string(&T::hosts, "hosts", "", "Accepted for compatibility; no effect."),
      opt::string(&T::resolv, "resolv", "", "Accepted for compatibility; no effect."),
      opt::uint(&T::debug, "debug", "0", "Accepted for compatibility; no effect."),
      opt::string(&T::taFile, "ta_file", "", "Accepted for compatibility; no effect."),
  };
  return std::make_shared<store::ObjectType<T>>(
      "resolver_unbound", "res_resolver_unbound", "Name servers of the SIP stack's DNS resolver.",
      store::Binding{
          "config",
          "resolver_unbound.conf,section=general,single_object=yes,explicit_name=general"},
      std::move(options));
}

}  // namespace sb::modules::res_pjsip
