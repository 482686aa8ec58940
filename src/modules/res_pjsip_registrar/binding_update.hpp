#pragma once
/// @file
/// RFC 3261 10.3 steps 6-8 with Asterisk's AOR policy, as a pure function: given what a
/// REGISTER asks and what the AOR holds, decide the answer and the change to the location
/// service. No I/O, so every rule is unit-tested on its own.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "modules/res_pjsip/aor_config.hpp"
#include "modules/res_pjsip/location/location_service.hpp"
#include "sip/core/incoming_request.hpp"
#include "sip/message/name_addr.hpp"

namespace sb::modules::res_pjsip_registrar {

using res_pjsip::AorConfig;
using res_pjsip::LocatedContact;
using res_pjsip::LocationService;
using res_pjsip::StoredContact;

/// What the REGISTER brings.
struct RegisterRequest {
  std::string aor;
  std::string endpoint;
  std::vector<sip::NameAddr> contacts;   ///< the Contact header values
  std::optional<std::uint32_t> expires;  ///< the Expires header
  std::string callId;
  std::uint32_t cseq = 0;
  std::string userAgent;
  std::string path;    ///< Path values joined with "," (empty unless support_path)
  std::string source;  ///< "udp:192.0.2.1:5060"
  /// The transport the REGISTER came over when it has symmetric_transport (else empty): the
  /// stored contact URIs name it in x-ast-txp.
  std::string symmetricTransport;
  std::string viaAddr;
  std::uint16_t viaPort = 0;
  std::int64_t now = 0;  ///< unix seconds
};

/// The answer: a failure status, or the change that makes it a 200.
struct RegisterDecision {
  int status = 200;
  std::string reason = "OK";
  sip::HeaderList headers;  ///< e.g. Min-Expires with 423
  std::string logMessage;   ///< why, for the log (failures only)
  LocationService::Change change;
};

/// The contact id Asterisk uses: "<aor>;@<md5 of the URI>".
std::string contactId(const std::string& aor, std::string_view uri);

/// Decides what to do with a REGISTER for `aor` holding `existing` (unexpired) contacts.
RegisterDecision decideRegistration(const RegisterRequest& request, const AorConfig& aor,
                                    const std::vector<const LocatedContact*>& existing);

}  // namespace sb::modules::res_pjsip_registrar
