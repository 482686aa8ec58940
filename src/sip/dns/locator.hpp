#pragma once
/// @file
/// RFC 3263 section 4: from a SIP URI's host, port, transport and scheme to an ordered list
/// of (transport, address, port) targets, via NAPTR, SRV and A/AAAA lookups.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sip/dns/resolver.hpp"
#include "sip/dns/srv_order.hpp"
#include "sip/dns/types.hpp"

namespace sb::sip::dns {

/// The parts of a SIP URI that decide where a request goes.
struct LocateRequest {
  std::string host;                    ///< Host name or IP literal ("[::1]" accepted).
  std::optional<std::uint16_t> port;   ///< Explicit port: skips NAPTR and SRV.
  std::optional<Transport> transport;  ///< ;transport= parameter: skips NAPTR.
  bool secure = false;                 ///< sips: URI: TLS only.
  /// Transports we can use, in preference order for SRV queries when there is no NAPTR.
  std::vector<Transport> supported{Transport::udp, Transport::tcp, Transport::tls};
};

/// Outcome of locate(): targets to try in order (walk them with TargetCursor).
struct TargetList {
  Status status = Status::unavailable;  ///< ok iff targets is not empty.
  std::vector<Target> targets;
  std::uint32_t ttl = 0;  ///< Seconds until the list should be rebuilt (minimum TTL used).
  bool stale = false;     ///< Some record behind it was served stale.
  std::string error;      ///< Why it failed, when it did.
};

/// Runs RFC 3263 server location on a Resolver (so every lookup goes through its cache).
class Locator {
 public:
  explicit Locator(Resolver& resolver, RandomSource random = defaultRandomSource())
      : resolver_(resolver), random_(std::move(random)) {}

  /// Resolves `request`; `done` runs later on the resolver's io_context. Order:
  /// IP literal: that address (default port per transport). Port given: A/AAAA only.
  /// Transport given: SRV for it, else A/AAAA. Otherwise NAPTR (SIP+D2U, SIP+D2T, SIPS+D2T,
  /// flag "s", supported transports only) then SRV; without usable NAPTR, SRV for each
  /// supported transport (UDP, TCP, TLS; sips: TLS); without SRV, A/AAAA over UDP:5060
  /// (sips: TLS:5061). SRV sets are ordered per RFC 2782; duplicates are removed. An NXDOMAIN
  /// on the NAPTR query ends the search (RFC 8020). `done` is dropped, like every resolver
  /// callback, if the Resolver is destroyed first; the Locator itself may go at any time.
  void locate(LocateRequest request, std::function<void(TargetList)> done);

 private:
  Resolver& resolver_;
  RandomSource random_;
};

/// The SRV owner name RFC 3263 uses for a transport: _sip._udp, _sip._tcp or _sips._tcp.
std::string srvName(Transport transport, const std::string& host);

}  // namespace sb::sip::dns
