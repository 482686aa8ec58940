#pragma once
/// @file
/// Which Request-URI hosts this server serves, for the pipeline's "domains not served get
/// 404". A configuration that names no domain (no domain_alias, no "user@domain" AOR or
/// endpoint) serves whatever reaches it, as Asterisk does: a lone PBX is often reached by
/// names and NAT-mapped addresses it cannot know. Once domains are named, an out-of-dialog
/// request for another host name gets 404. IP addresses are always served (NAT mappings
/// are invisible from here).

#include <memory>
#include <set>
#include <string>
#include <string_view>

#include "core/store/object_set.hpp"

namespace sb::modules::res_pjsip {

/// The host names a configuration serves, lower-cased; empty when it names no domain.
std::set<std::string> namedDomains(const store::ObjectSet& objects);

class ServedDomains {
 public:
  /// True when `host` (a Request-URI host as written) is served under `objects`. The set is
  /// computed once per configuration, not per request.
  bool serves(const std::shared_ptr<const store::ObjectSet>& objects, std::string_view host);

 private:
  std::shared_ptr<const store::ObjectSet> cachedFor_;
  std::set<std::string> domains_;
};

}  // namespace sb::modules::res_pjsip
