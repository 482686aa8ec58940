#pragma once
/// @file
/// Qualify (Asterisk's pjsip_options): OPTIONS to each contact every qualify_frequency of its
/// AOR, each contact at its own offset within the interval so that thousands of contacts do
/// not fire together. Any answer within qualify_timeout makes a contact Reachable with its
/// round-trip time (qualify_2xx_only: only a 2xx does); silence or a transport error makes it
/// Unreachable. Contacts of AORs without qualify_frequency are NonQualified.

#include <functional>
#include <memory>
#include <string>
#include <unordered_map>

#include "core/store/object_store.hpp"
#include "modules/res_pjsip/location/location_service.hpp"
#include "sip/core/sip_core.hpp"
#include "sip/timer/timer.hpp"

namespace sb::modules::res_pjsip {

class Qualifier : public std::enable_shared_from_this<Qualifier> {
 public:
  Qualifier(sip::SipCore& core, LocationService& location, const store::ObjectStore& store);
  ~Qualifier();

  /// Starts the once-a-second scan that sends what is due.
  void start();

  /// Sends OPTIONS to one contact now. `done(state, rttMs)` follows the answer or timeout.
  using Done = std::function<void(ContactState state, double rttMs)>;
  void qualify(const LocatedContact& contact, Done done = nullptr);

  /// Qualifies every contact of the AORs; returns how many OPTIONS went out.
  std::size_t qualifyAors(const std::vector<std::string>& aors);

  std::size_t pending() const { return inFlight_.size(); }

 private:
  struct InFlight;
  void tick();
  void finish(const std::string& key, ContactState state, double rttMs);

  sip::SipCore& core_;
  LocationService& location_;
  const store::ObjectStore& store_;
  sip::Timer tickTimer_;
  std::unordered_map<std::string, std::int64_t> nextDue_;                // contact id -> unix ms
  std::unordered_map<std::string, std::unique_ptr<InFlight>> inFlight_;  // by branch
};

}  // namespace sb::modules::res_pjsip
