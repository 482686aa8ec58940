#pragma once
/// @file
/// What the legacy `sip show registry` command and the SIPshowregistry action need from the
/// outbound registrations. res_pjsip_outbound_registration offers it as a service; without
/// that module the lists are empty.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/store/object_type.hpp"

namespace sb::modules::res_pjsip {

/// One outbound registration in chan_sip's terms.
struct OutboundRegistryEntry {
  std::string id;
  std::string host;        ///< server_uri host
  std::uint16_t port = 0;  ///< server_uri port (5060 when absent)
  std::string username;    ///< client_uri user
  std::string domain;      ///< client_uri host
  unsigned refresh = 0;    ///< seconds granted (or asked for)
  /// chan_sip's words: Registered, Unregistered, Rejected, Failed, Request Sent.
  std::string state;
  std::int64_t registeredAt = 0;                ///< Unix seconds of the last success (0: never)
  std::shared_ptr<const store::Object> config;  ///< the `registration` object
  std::string status;        ///< Asterisk's word: Registered, Unregistered, Rejected
  std::int64_t nextReg = 0;  ///< seconds until the next REGISTER (0: none planned)
  std::vector<std::string> outboundAuth;
};

class OutboundRegistry {
 public:
  virtual ~OutboundRegistry() = default;
  /// Every registration, by id.
  virtual std::vector<OutboundRegistryEntry> entries() const = 0;
  /// Starts registering `id` afresh (PJSIPRegister); false when there is no such registration.
  virtual bool registerNow(const std::string& id) = 0;
  /// Unregisters `id` and stops refreshing it (PJSIPUnregister); false when unknown.
  virtual bool unregister(const std::string& id) = 0;
  /// The `endpoint` of the registration whose Contact carried `;line=<line>` (`line=yes`),
  /// empty when none does: requests coming back through a registration are that endpoint's.
  virtual std::string endpointForLine(std::string_view line) const = 0;
};

}  // namespace sb::modules::res_pjsip
