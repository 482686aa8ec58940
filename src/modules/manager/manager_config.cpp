#include "modules/manager/manager_config.hpp"

#include "core/events/event_bus.hpp"
#include "core/store/object_store.hpp"
#include "core/store/options.hpp"
#include "modules/res_pjsip/acl_option.hpp"
#include "modules/res_pjsip/ip_acl.hpp"

namespace sb::modules::manager {
namespace {

using U = ManagerUser;

Result<void> optionalBoolean(std::string& out, std::string_view value) {
  if (!store::parseBoolean(value)) {
    return Error{"not a boolean (use yes or no)"};
  }
  out = *store::parseBoolean(value) ? "yes" : "no";
  return {};
}

}  // namespace

std::uint32_t ManagerUser::readClasses() const {
  return events::parseClasses(read);
}

std::uint32_t ManagerUser::writeClasses() const {
  return events::parseClasses(write);
}

std::shared_ptr<const store::ObjectTypeBase> managerGeneralType() {
  namespace opt = store::opt;
  using T = ManagerGeneral;
  std::vector<store::Option<T>> options{
      opt::boolean(&T::enabled, "enabled", "no", "Run the AMI listener."),
      opt::uint(&T::port, "port", "5038", "TCP port of the AMI listener.", 1, 65535),
      opt::string(&T::bindaddr, "bindaddr", "127.0.0.1",
                  "Address the AMI listener binds to (Asterisk's default is 0.0.0.0; ours is "
                  "loopback only)."),
      opt::boolean(&T::displayconnects, "displayconnects", "yes",
                   "Log logins and logoffs at verbose level 2."),
      opt::boolean(&T::timestampevents, "timestampevents", "no",
                   "Add a Timestamp: header to every event."),
      opt::uint(&T::authtimeout, "authtimeout", "30",
                "Seconds a connection may stay unauthenticated.", 1, 86400),
      opt::uint(&T::authlimit, "authlimit", "50",
                "Most unauthenticated connections at once; more are closed at once.", 1, 100000),
      opt::boolean(&T::allowmultiplelogin, "allowmultiplelogin", "yes",
                   "Let a user be logged in on several connections at once."),
      opt::boolean(&T::webenabled, "webenabled", "no",
                   "Accepted for compatibility; AMI over HTTP is not served."),
      opt::uint(&T::httptimeout, "httptimeout", "60", "Accepted for compatibility; no effect."),
      opt::list(&T::channelvars, "channelvars", "",
                "Channel variables every channel event carries as ChanVariable: NAME=value."),
      opt::string(&T::disabledevents, "disabledevents", "",
                  "Comma-separated event names (case-sensitive) never sent to anyone, e.g. "
                  "VarSet."),
      opt::boolean(&T::tlsenable, "tlsenable", "no",
                   "Accepted for compatibility; AMI over TLS is not served."),
      opt::string(&T::tlsbindaddr, "tlsbindaddr", "", "Accepted for compatibility; no effect."),
      opt::string(&T::tlscertfile, "tlscertfile", "", "Accepted for compatibility; no effect."),
      opt::string(&T::tlsprivatekey, "tlsprivatekey", "", "Accepted for compatibility; no effect."),
      opt::string(&T::tlscipher, "tlscipher", "", "Accepted for compatibility; no effect."),
      opt::string(&T::tlscafile, "tlscafile", "", "Accepted for compatibility; no effect."),
      opt::string(&T::tlscapath, "tlscapath", "", "Accepted for compatibility; no effect."),
      opt::boolean(&T::debug, "debug", "no", "Accepted for compatibility; no effect."),
      opt::boolean(&T::broken_events_action, "broken_events_action", "no",
                   "Accepted for compatibility; no effect."),
  };
  return std::make_shared<store::ObjectType<T>>(
      "manager_general", "manager", "The AMI listener of manager.conf [general].",
      store::Binding{"config",
                     "manager.conf,section=general,single_object=yes,explicit_name=general"},
      std::move(options));
}

std::shared_ptr<const store::ObjectTypeBase> managerUserType() {
  namespace opt = store::opt;
  std::vector<store::Option<U>> options{
      opt::string(&U::secret, "secret", "", "Password of the user.").flag(store::kSensitive),
      opt::string(&U::read, "read", "",
                  "Classes of events the user receives (system,call,...,all)."),
      opt::string(&U::write, "write", "", "Classes of actions the user may run."),
      res_pjsip::aclRuleOption(&U::permit, &U::ipRules, &U::ipAcl, true, "permit",
                               "Addresses or networks to permit, applied in order with deny."),
      res_pjsip::aclRuleOption(&U::deny, &U::ipRules, &U::ipAcl, false, "deny",
                               "Addresses or networks to deny, applied in order with permit."),
      opt::list(&U::acl, "acl", "", "Named ACLs (acl.conf) applied to the client address."),
      [] {
        auto o = opt::custom<U>(
            "eventfilter", "string", "",
            "Event filter: a regular expression on the whole event (a leading ! excludes), "
            "or Asterisk's advanced form eventfilter(action(include|exclude),name(Event),"
            "header(Name),method(regex|exact|starts_with|ends_with|contains|none)) = pattern.",
            [](U& user, std::string_view value) -> Result<void> {
              user.eventfilter.emplace_back("eventfilter", store::trimmed(value));
              return {};
            },
            [](const U& user) {
              std::vector<std::string> written;
              for (const auto& [criteria, pattern] : user.eventfilter) {
                written.push_back(criteria == "eventfilter" ? pattern : criteria + " = " + pattern);
              }
              return store::joinList(written);
            });
        o.applyNamed = [](U& user, std::string_view name, std::string_view value) -> Result<void> {
          user.eventfilter.emplace_back(std::string(store::trimmed(name)),
                                        std::string(store::trimmed(value)));
          return {};
        };
        o.flag(store::kMulti);
        o.reset = [](U& user) { user.eventfilter.clear(); };
        return o;
      }(),
      opt::uint(&U::writetimeout, "writetimeout", "100",
                "Accepted for compatibility; slow readers are dropped when 8 MiB are queued."),
      opt::custom<U>(
          "displayconnects", "boolean", "", "Overrides [general] displayconnects for this user.",
          [](U& user, std::string_view value) {
            return optionalBoolean(user.displayconnects, value);
          },
          [](const U& user) { return user.displayconnects; }),
      opt::custom<U>(
          "allowmultiplelogin", "boolean", "",
          "Overrides [general] allowmultiplelogin for this user.",
          [](U& user, std::string_view value) {
            return optionalBoolean(user.allowmultiplelogin, value);
          },
          [](const U& user) { return user.allowmultiplelogin; }),
  };
  return std::make_shared<store::ObjectType<U>>(
      "manager_user", "manager", "AMI users: every manager.conf section but [general].",
      store::Binding{"config", "manager.conf,exclude_section=general"}, std::move(options));
}

std::shared_ptr<const ManagerGeneral> currentGeneral(const store::ObjectStore& store) {
  if (auto general = store.current()->get<ManagerGeneral>("manager_general", "general")) {
    return general;
  }
  return std::make_shared<const ManagerGeneral>();
}

}  // namespace sb::modules::manager
