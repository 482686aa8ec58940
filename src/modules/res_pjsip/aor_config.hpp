#pragma once
/// @file
/// `type=aor` in pjsip.conf: an Address of Record, the set of contacts an endpoint is reached
/// at. Asterisk's options and defaults.

#include <memory>
#include <string>
#include <vector>

#include "core/store/object_type.hpp"

namespace sb::modules::res_pjsip {

struct AorConfig : store::Object {
  std::vector<std::string> contact;  ///< permanent contact URIs (repeatable, comma lists)
  unsigned maxContacts = 0;          ///< 0: REGISTER to this AoR is refused
  bool removeExisting = false;
  bool removeUnavailable = false;
  unsigned minimumExpiration = 60;    ///< seconds
  unsigned maximumExpiration = 7200;  ///< seconds
  unsigned defaultExpiration = 3600;  ///< seconds
  unsigned qualifyFrequency = 0;      ///< seconds between OPTIONS (0: off, max 86400)
  double qualifyTimeout = 3.0;        ///< seconds
  bool qualify2xxOnly = false;
  bool authenticateQualify = false;
  std::string mailboxes;
  std::string voicemailExtension;
  std::string outboundProxy;
  bool supportPath = false;
};

/// The `aor` object type (pjsip.conf type=aor).
std::shared_ptr<const store::ObjectTypeBase> aorType();

}  // namespace sb::modules::res_pjsip
