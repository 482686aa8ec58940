#pragma once
/// @file
/// chan_sip's SIPPEER(peername[,item]) and CHECKSIPDOMAIN(domain) on the pjsip objects: a
/// peer is an endpoint (found regardless of case, as chan_sip's peers were), its address the
/// one its first contact registered from, its settings those of the endpoint.

#include <string>
#include <vector>

#include "core/store/object_set.hpp"
#include "core/util/registration.hpp"
#include "modules/chan_pjsip/functions/function_outcome.hpp"
#include "modules/res_pjsip/legacy_peer.hpp"

namespace sb::store {
class ObjectStore;
}

namespace sb::modules::chan_pjsip {

/// One item of SIPPEER for `peer` (items are case-insensitive; an unknown one is empty).
/// `activeCalls` is the number of the peer's channels (curcalls), `maxForwards` global
/// max_forwards.
std::string sipPeerItem(const res_pjsip::Peer& peer, const std::string& item,
                        std::size_t activeCalls, unsigned maxForwards);

/// SIPPEER with `args` "peername[,item]" (item ip by default); fails silently, as chan_sip
/// did, for an unknown peer.
Outcome sipPeerFunction(const store::ObjectSet& set, const res_pjsip::LocationService& location,
                        const std::string& args,
                        const std::function<std::size_t(const std::string&)>& activeCalls);

/// The names this server answers for: domain_alias names and their domains, the addresses
/// and host names its transports bind to or announce, and `hostname`.
std::vector<std::string> localSipDomains(const store::ObjectSet& set, const std::string& hostname);

/// CHECKSIPDOMAIN: `domain` when it is one of `local` (ignoring case), else empty.
Outcome checkSipDomainFunction(const std::vector<std::string>& local, const std::string& domain);

/// Registers both functions; they read the store and `location` when they run.
[[nodiscard]] Registrations addLegacyFunctions(pbx::PbxService& pbx,
                                               const store::ObjectStore& store,
                                               const res_pjsip::LocationService& location);

}  // namespace sb::modules::chan_pjsip
