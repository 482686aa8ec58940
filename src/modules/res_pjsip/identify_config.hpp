#pragma once
/// @file
/// `type=identify` in pjsip.conf (Asterisk's res_pjsip_endpoint_identifier_ip): maps requests
/// to an endpoint by source address, by a header, or by the Request-URI.

#include <memory>
#include <string>
#include <vector>

#include "core/store/object_type.hpp"

namespace sb::modules::res_pjsip {

struct IdentifyConfig : store::Object {
  std::string endpoint;                      ///< required: the endpoint matched requests belong to
  std::vector<std::string> match;            ///< IP, IP/prefix, IP/netmask or host name items
  std::vector<std::string> matchHeader;      ///< "Name: value" or "Name: /regex/", one per line
  std::vector<std::string> matchRequestUri;  ///< a URI or "/regex/", one per line
  bool srvLookups = true;                    ///< resolve host names in match= with SRV too
};

/// The `identify` object type (pjsip.conf type=identify).
std::shared_ptr<const store::ObjectTypeBase> identifyType();

}  // namespace sb::modules::res_pjsip
