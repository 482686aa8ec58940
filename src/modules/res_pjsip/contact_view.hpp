#pragma once
/// @file
/// The contacts of an AOR as Asterisk lists them: the registered ones (id "<aor>;@<hash>")
/// by id, then the static `contact=` URIs (id "<aor>@@<md5 of the URI>") by id, each with
/// its qualify state, and a contact's fields as Asterisk's sorcery object set names them.
/// The console listings and the PJSIP_AOR / PJSIP_CONTACT / PJSIP_DIAL_CONTACTS functions
/// read contacts through it.

#include <cmath>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/store/object_set.hpp"
#include "modules/res_pjsip/aor_config.hpp"
#include "modules/res_pjsip/location/location_service.hpp"

namespace sb::modules::res_pjsip {

/// A contact as the listings show it: registered, or a static `contact=` of an AOR.
struct ContactView {
  std::string id;  ///< "<aor>;@<hash>" registered, "<aor>@@<md5 of uri>" static
  std::string aor;
  std::string uri;
  ContactState state = ContactState::Unknown;
  double rttMs = std::nan("");
  const StoredContact* stored = nullptr;  ///< null for a static contact
  std::shared_ptr<const AorConfig> aorConfig;

  /// What the console calls the contact: "<aor>/<uri>".
  std::string cliId() const { return aor + "/" + uri; }
  std::string hash() const { return id.size() > aor.size() + 2 ? id.substr(aor.size() + 2) : ""; }
};

/// The view of a registered contact (`aorConfig` may be null when the AOR is gone).
ContactView registeredView(const LocatedContact& contact,
                           std::shared_ptr<const AorConfig> aorConfig);

/// The static contacts of an AOR, ordered by id as Asterisk keeps them. Their state is
/// NonQualified without qualify_frequency, else what qualify found (Unknown until then).
std::vector<ContactView> staticContacts(const std::shared_ptr<const AorConfig>& aor,
                                        const LocationService& location);

/// Every contact of an AOR: the registered ones by id, then the static ones
/// (ast_sip_location_retrieve_aor_contacts).
std::vector<ContactView> contactsOfAor(const std::shared_ptr<const AorConfig>& aor,
                                       const LocationService& location);

/// A contact by its id, registered or static (static ids name their AOR before "@@").
std::optional<ContactView> findContact(const store::ObjectSet& set, const LocationService& location,
                                       const std::string& id);

/// The contact's fields as ast_sorcery_objectset_create gives them, in registration order.
/// A registered contact copies the AOR's qualify settings; a static one keeps the contact
/// defaults and takes only the AOR's outbound proxy. `rewriteContact` is the endpoint's
/// rewrite_contact, which decides prune_on_boot for contacts over reliable transports.
std::vector<std::pair<std::string, std::string>> contactFields(const ContactView& contact,
                                                               bool rewriteContact);

/// ast_sip_will_uri_survive_restart inverted: a contact whose URI is the address and
/// transport its REGISTER came from over TCP/TLS/WS (so a rewritten contact, or any WS
/// contact) is pruned at start-up, as the connection it names is gone.
bool pruneOnBoot(const StoredContact& contact, bool rewriteContact);

}  // namespace sb::modules::res_pjsip
