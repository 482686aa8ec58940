#pragma once
/// @file
/// Where a MessageSend goes: the `tech:destination` text read as Asterisk's message core
/// and res_pjsip's ast_sip_get_endpoint read it. Pure: the configuration is asked through
/// `DestinationLookup`, so it is unit-tested and fuzzed without a server.
///
/// `pjsip:` destinations:
///
///   endpoint                 the first contact of the endpoint's AORs
///   endpoint/aor             the first contact of that AOR
///   endpoint/sip:user@host   that URI (also `endpoint/"Bob" <sip:...>`), with the endpoint
///   endpoint/user@host       sip:user@host with the endpoint (when no AOR has that name)
///   endpoint@domain          the first contact of the endpoint; the domain is dropped
///   PJSIP/user@endpoint      the endpoint's first contact with `user` as its user
///   sip:user@host, "Bob" <sip:user@host>, user@host, host
///                            that URI (scheme added) with the default outbound endpoint
///
/// chan_sip's `sip:` destinations: `sip:peer` and `sip:user@peer` go to an endpoint's first
/// contact (with the user), anything else (`sip:user@host[:port]`) to that URI.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sb::modules::res_pjsip_messaging {

/// The message technologies: res_pjsip_messaging's `pjsip` and chan_sip's `sip`.
enum class MessageTech { Pjsip, Sip };

/// The technology of a MessageSend `To`/`Destination` (the text before the first ':',
/// case-sensitive as in Asterisk); std::nullopt when it is not one of ours.
std::optional<MessageTech> technologyOf(std::string_view to);

/// A contact found for a destination.
struct ContactRef {
  std::string aor;
  std::string uri;
  bool registered = false;  ///< a registered contact (else an AOR's static contact=)
};

/// What reading a destination needs to know about the configuration.
class DestinationLookup {
 public:
  virtual ~DestinationLookup() = default;
  virtual bool endpointExists(std::string_view name) const = 0;
  virtual bool aorExists(std::string_view name) const = 0;
  /// The first contact of the first of the endpoint's AORs that has one (Asterisk's
  /// ast_sip_location_retrieve_contact_from_aor_list: no reachability filter).
  virtual std::optional<ContactRef> firstContactOfEndpoint(std::string_view endpoint) const = 0;
  /// The AOR's first contact: registered ones by id, then static ones.
  virtual std::optional<ContactRef> firstContactOfAor(std::string_view aor) const = 0;
  /// The endpoint named by global default_outbound_endpoint if it exists, else "".
  virtual std::string defaultOutboundEndpoint() const = 0;
  /// Global ignore_uri_user_options: endpoint names are cut at ';'.
  virtual bool ignoreUriUserOptions() const = 0;
};

/// Where one MESSAGE goes.
struct MessageDestination {
  std::string endpoint;               ///< whose settings and outbound_auth apply; "" for none
  std::string requestUri;             ///< a SIP URI
  std::string toDisplay;              ///< the display name written with the URI, for the To
  std::optional<ContactRef> contact;  ///< the contact the URI came from
};

/// The outcome, with what Asterisk would log on the way.
struct ResolvedDestination {
  std::optional<MessageDestination> destination;  ///< nullopt: the message is not sent
  std::vector<std::string> warnings;
  std::string error;  ///< why it is not sent
};

/// Reads the whole `To`/`Destination` text (technology prefix included).
ResolvedDestination resolveDestination(std::string_view to, const DestinationLookup& lookup);

}  // namespace sb::modules::res_pjsip_messaging
