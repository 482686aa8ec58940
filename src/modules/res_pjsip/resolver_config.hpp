#pragma once
/// @file
/// resolver_unbound.conf `[general]` (Asterisk's res_resolver_unbound): which name servers the
/// SIP stack's resolver asks. Without `nameserver`, /etc/resolv.conf decides. Read at start.

#include <memory>
#include <string>
#include <vector>

#include "core/store/object_type.hpp"

namespace sb::modules::res_pjsip {

struct ResolverConfig : store::Object {
  std::vector<std::string> nameserver;  ///< "ip" or "ip:port", tried in order
  std::string hosts;
  std::string resolv;
  unsigned debug = 0;
  std::string taFile;
};

std::shared_ptr<const store::ObjectTypeBase> resolverType();

}  // namespace sb::modules::res_pjsip
