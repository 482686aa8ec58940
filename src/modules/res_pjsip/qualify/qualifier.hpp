#pragma once
/// @file
/// Qualify (Asterisk's pjsip_options): OPTIONS to each contact every qualify_frequency of its
/// AOR, each contact at its own offset within the interval so that thousands of contacts do
/// not fire together. Registered contacts are reached over the flow they registered on;
/// static `contact=` URIs of an AOR are located (RFC 3263) each time. Any answer within
/// qualify_timeout makes a contact Reachable with its round-trip time (qualify_2xx_only: only
/// a 2xx does); silence or a transport error makes it Unreachable. A 401/407 is answered
/// once with the outbound_auth of the contact's endpoint, as Asterisk does. The states of static
/// contacts go to LocationService::setStaticState. Contacts of AORs without qualify_frequency are
/// NonQualified.

#include <cmath>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/store/object_store.hpp"
#include "modules/res_pjsip/location/contact_flow.hpp"
#include "modules/res_pjsip/location/location_service.hpp"
#include "sip/core/sip_core.hpp"
#include "sip/dns/resolver.hpp"
#include "sip/timer/timer.hpp"

namespace sb::modules::res_pjsip {

class Qualifier : public std::enable_shared_from_this<Qualifier> {
 public:
  Qualifier(sip::SipCore& core, sip::dns::Resolver& resolver, LocationService& location,
            const store::ObjectStore& store);
  ~Qualifier();

  /// Starts the once-a-second scan that sends what is due.
  void start();

  /// Sends OPTIONS to one contact now. `done(state, rttMs)` follows the answer or timeout.
  using Done = std::function<void(ContactState state, double rttMs)>;
  void qualify(const LocatedContact& contact, Done done = nullptr);
  /// Qualifies every contact of the AORs (static ones too); returns how many OPTIONS went
  /// out (static contacts count when their lookup starts).
  std::size_t qualifyAors(const std::vector<std::string>& aors);

  std::size_t pending() const { return inFlight_.size(); }

 private:
  /// Whom an OPTIONS goes to.
  struct Target {
    std::string id;  ///< contact id (registered) or static id
    std::string aor;
    std::string uri;
    std::string path;      ///< Route for a registered contact's Path
    std::string endpoint;  ///< whose outbound_auth answers a challenge
    bool isStatic = false;
  };
  struct InFlight;

  void tick();
  void qualifyStatic(const std::string& aor, const std::string& uri, Done done);
  void send(Target target, const OutboundFlow& outbound, Done done);
  void onFinal(const std::string& key, const sip::Message& response);
  /// Answers a 401/407 once; false when it cannot.
  bool answerChallenge(InFlight& entry, const std::string& key, const sip::Message& response);
  sip::ClientCallbacks callbacksFor(const std::string& key);
  void finish(const std::string& key, ContactState state, double rttMs);
  void record(const Target& target, ContactState state, double rttMs);

  sip::SipCore& core_;
  sip::dns::Resolver& resolver_;
  LocationService& location_;
  const store::ObjectStore& store_;
  sip::Timer tickTimer_;
  std::unordered_map<std::string, std::int64_t> nextDue_;                // contact id -> unix ms
  std::unordered_map<std::string, std::unique_ptr<InFlight>> inFlight_;  // by first branch
};

}  // namespace sb::modules::res_pjsip
