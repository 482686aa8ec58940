#pragma once
/// @file
/// `type=registration` in pjsip.conf: an outbound REGISTER this server keeps up at another
/// SIP server (an ITSP, a proxy). Asterisk's res_pjsip_outbound_registration options and
/// defaults.

#include <memory>
#include <string>
#include <vector>

#include "core/store/object_type.hpp"

namespace sb::modules::res_pjsip_outbound_registration {

struct RegistrationConfig : store::Object {
  std::string serverUri;  ///< Request-URI of the REGISTER (required)
  std::string clientUri;  ///< the AoR: From and To (required)
  std::string contactUser = "s";
  std::string contactHeaderParams;  ///< appended after the Contact URI, e.g. ";foo=bar"
  std::vector<std::string> outboundAuth;
  std::string outboundProxy;
  unsigned retryInterval = 60;             ///< seconds after a temporary failure
  unsigned forbiddenRetryInterval = 0;     ///< seconds after a 403 (0: stop)
  unsigned fatalRetryInterval = 0;         ///< seconds after another fatal answer (0: stop)
  unsigned maxRetries = 10;                ///< then capped back-off (never given up for ever)
  bool authRejectionPermanent = true;      ///< a refused answer to a challenge is fatal
  unsigned expiration = 3600;              ///< seconds asked for
  unsigned maxRandomInitialDelay = 10;     ///< seconds, spreads the first REGISTERs
  bool line = false;                       ///< add ;line= to the Contact for inbound matching
  std::string endpoint;                    ///< endpoint for calls matched by line
  std::string transport;                   ///< transport object to send from
  bool supportPath = false;                ///< Supported: path
  bool supportOutbound = false;            ///< RFC 5626: Supported: outbound, reg-id, instance
  std::string securityNegotiation = "no";  ///< no | mediasec
  std::vector<std::string> securityMechanisms;
  std::string userAgent;  ///< empty: the global user agent
};

/// The `registration` object type (pjsip.conf type=registration).
std::shared_ptr<const store::ObjectTypeBase> registrationType();

}  // namespace sb::modules::res_pjsip_outbound_registration
