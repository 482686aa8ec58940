#pragma once
/// @file
/// One registered binding (Contact of a REGISTER) as the durable contact store keeps it.

#include <cstdint>
#include <string>

namespace sb::modules::res_pjsip {

/// One registered binding as stored.
struct StoredContact {
  std::string id;  ///< unique key: "<aor>;@<hash>" (chosen by the caller)
  std::string aor;
  std::string endpoint;
  std::string uri;   ///< Contact URI as the UA sent it
  std::string path;  ///< Path header values joined by ","
  std::string userAgent;
  std::string callId;
  std::uint32_t cseq = 0;
  std::string instance;  ///< +sip.instance, "" if none
  std::string regId;     ///< reg-id, "" if none
  std::string viaAddr;
  std::uint16_t viaPort = 0;
  std::string source;  ///< "udp:1.2.3.4:5060" style flow of the REGISTER (transport:ip:port)
  std::string regServer;
  std::int64_t expiresAt = 0;  ///< unix seconds
  double q = -1;               ///< -1 when the Contact had no q
  std::int64_t registeredAt = 0;

  bool operator==(const StoredContact&) const = default;
};

}  // namespace sb::modules::res_pjsip
