#pragma once
/// @file
/// An endpoint seen as a chan_sip peer: its AORs, auths and registered contacts, the address
/// the first contact registered from, and chan_sip's status words. The `sip ...` console
/// commands and the SIPPEER dialplan function read peers through it.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/store/object_set.hpp"
#include "modules/res_pjsip/aor_config.hpp"
#include "modules/res_pjsip/auth_config.hpp"
#include "modules/res_pjsip/endpoint_config.hpp"
#include "modules/res_pjsip/location/location_service.hpp"

namespace sb::modules::res_pjsip {

/// Address and port of a contact's flow ("udp:1.2.3.4:5060", "tcp:[2001:db8::1]:5060").
struct FlowAddress {
  std::string transport;  ///< "udp"
  std::string host;       ///< "1.2.3.4", "[2001:db8::1]" (bracketed as chan_sip printed v6)
  std::string port;       ///< "5060"
};

/// Splits a stored contact's source ("udp:1.2.3.4:5060"); nullopt when it has no host.
std::optional<FlowAddress> sourceAddress(std::string_view source);

/// chan_sip's peer_status() outcome: the text and how the trailer counts the peer.
struct PeerStatus {
  std::string text;
  enum class Kind { MonitoredOnline, MonitoredOffline, Unmonitored } kind = Kind::Unmonitored;
};

/// One endpoint seen as a chan_sip peer.
struct Peer {
  std::shared_ptr<const EndpointConfig> endpoint;
  std::vector<std::shared_ptr<const AorConfig>> aors;
  std::shared_ptr<const AuthConfig> auth;          ///< first inbound auth
  std::shared_ptr<const AuthConfig> outboundAuth;  ///< first outbound auth
  std::vector<std::shared_ptr<const AuthConfig>> outboundAuths;
  std::vector<const LocatedContact*> contacts;  ///< registered, over every AOR in order
  const LocatedContact* first = nullptr;        ///< first registered contact
  std::optional<FlowAddress> address;           ///< of the first contact

  const std::string& name() const { return endpoint->id; }
  /// chan_sip's peer->username: here the first auth's user name.
  std::string username() const { return auth ? auth->username : std::string(); }
  /// "name/username" when the auth user name differs from the name, else "name".
  std::string listedName() const;
  /// chan_sip's host=dynamic: some AOR accepts registrations.
  bool dynamic() const;
  bool acl() const;
  bool contactAcl() const;
  std::string host() const { return address ? address->host : "(Unspecified)"; }
  std::string port() const { return address ? address->port : "0"; }
  /// peer_status(): "OK (12 ms)", "UNREACHABLE", "UNKNOWN" (qualify has not answered yet) or
  /// "Unmonitored" (nothing registered, or no qualify).
  PeerStatus status() const;
};

/// The peer view of `endpoint` (its objects from `set`, contacts from `location`).
Peer makePeer(std::shared_ptr<const EndpointConfig> endpoint, const store::ObjectSet& set,
              const LocationService& location);

/// The peer named `name` (an endpoint id), if there is one.
std::optional<Peer> findPeer(const store::ObjectSet& set, const LocationService& location,
                             std::string_view name);

}  // namespace sb::modules::res_pjsip
