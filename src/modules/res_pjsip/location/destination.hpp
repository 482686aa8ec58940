#pragma once
/// @file
/// Where a request to a SIP URI goes (RFC 3263): every reachable (transport, address, port)
/// in the order to try them, for failover on 503, timeout or transport failure.

#include <functional>
#include <string>
#include <vector>

#include "modules/res_pjsip/location/contact_flow.hpp"
#include "sip/dns/resolver.hpp"
#include "sip/message/uri.hpp"

namespace sb::modules::res_pjsip {

/// The flows to try, best first; `error` says why there are none.
struct Destinations {
  std::vector<OutboundFlow> flows;
  std::string error;
};

/// Locates `uri`: an IP literal gives its one flow at once (`done` runs before the call
/// returns); a host name goes through NAPTR/SRV/A/AAAA on `resolver` and `done` runs later
/// on the reactor. Targets no local transport can reach are left out. `done` is dropped if
/// the resolver goes first.
void locateDestinations(sip::SipCore& core, sip::dns::Resolver& resolver, const sip::Uri& uri,
                        std::function<void(Destinations)> done);

}  // namespace sb::modules::res_pjsip
