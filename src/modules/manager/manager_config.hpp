#pragma once
/// @file
/// manager.conf with Asterisk's option names: `[general]` (the listener and session defaults)
/// and every other section, each an AMI user.

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/store/object_type.hpp"
#include "modules/res_pjsip/ip_acl.hpp"

namespace sb::store {
class ObjectStore;
}

namespace sb::modules::manager {

/// manager.conf `[general]`. Our default bindaddr is 127.0.0.1 (Asterisk's is 0.0.0.0): an
/// AMI left enabled by mistake is then not reachable from the network.
struct ManagerGeneral : store::Object {
  bool enabled = false;
  unsigned port = 5038;
  std::string bindaddr = "127.0.0.1";
  bool displayconnects = true;
  bool timestampevents = false;
  unsigned authtimeout = 30;
  unsigned authlimit = 50;
  bool allowmultiplelogin = true;
  bool webenabled = false;
  unsigned httptimeout = 60;
  std::vector<std::string> channelvars;
  std::string disabledevents;
  bool tlsenable = false;
  std::string tlsbindaddr;
  std::string tlscertfile;
  std::string tlsprivatekey;
  std::string tlscipher;
  std::string tlscafile;
  std::string tlscapath;
  bool debug = false;
  bool broken_events_action = false;
};

/// One AMI user: a manager.conf section other than [general].
struct ManagerUser : store::Object {
  std::string secret;
  std::string read;   ///< classes of events the user receives
  std::string write;  ///< classes of actions the user may run
  std::vector<std::string> permit;
  std::vector<std::string> deny;
  std::vector<std::string> acl;  ///< named ACLs of acl.conf
  /// permit (true) / deny (false) in file order, for IpAcl::fromOrderedRules.
  std::vector<std::pair<bool, std::string>> ipRules;
  res_pjsip::IpAcl ipAcl;  ///< ipRules, parsed once at load
  /// eventfilter lines as written: criteria ("eventfilter" or "eventfilter(options)") and
  /// pattern (a leading `!` excludes).
  std::vector<std::pair<std::string, std::string>> eventfilter;
  unsigned writetimeout = 100;
  std::string displayconnects;     ///< empty: [general]'s value
  std::string allowmultiplelogin;  ///< empty: [general]'s value

  std::uint32_t readClasses() const;
  std::uint32_t writeClasses() const;
};

std::shared_ptr<const store::ObjectTypeBase> managerGeneralType();
std::shared_ptr<const store::ObjectTypeBase> managerUserType();

/// [general] from the current objects, or the defaults when manager.conf has none.
std::shared_ptr<const ManagerGeneral> currentGeneral(const store::ObjectStore& store);

}  // namespace sb::modules::manager
