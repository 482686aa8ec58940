#pragma once
/// @file
/// One outbound registration at run time: sends REGISTER to server_uri (through
/// outbound_proxy when set), answers 401/407 with the outbound_auth credentials, refreshes
/// before expiry and retries after failures as registration_policy decides. Publishes a
/// `Registry` event on every state change. Reactor thread only.

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/events/event_bus.hpp"
#include "core/store/object_store.hpp"
#include "modules/res_pjsip/location/contact_flow.hpp"
#include "modules/res_pjsip/sip_service.hpp"
#include "modules/res_pjsip_outbound_registration/registration_config.hpp"
#include "modules/res_pjsip_outbound_registration/registration_policy.hpp"
#include "sip/auth/client.hpp"
#include "sip/timer/timer.hpp"

namespace sb::modules::res_pjsip_outbound_registration {

/// A snapshot of a registration's run-time state, for the CLI and AMI.
struct RegistrationStatus {
  RegistrationState state = RegistrationState::Unregistered;
  std::string reason;  ///< why the last attempt failed (empty when fine)
  unsigned retries = 0;
  int lastCode = 0;  ///< status code of the last final response (0: none)
  /// When the current registration expires (Registered) or the next attempt is due.
  std::optional<std::chrono::system_clock::time_point> nextEvent;
  std::optional<std::chrono::system_clock::time_point> registeredAt;
  unsigned grantedExpires = 0;  ///< seconds the registrar granted last
  std::string line;             ///< the ;line= token (line=yes)
  bool busy = false;            ///< a REGISTER is in flight
};

class RegistrationClient : public std::enable_shared_from_this<RegistrationClient> {
 public:
  /// The services a client uses; all outlive it.
  struct Deps {
    res_pjsip::SipService& sip;
    store::ObjectStore& objects;
    events::EventBus& events;
  };

  RegistrationClient(Deps deps, std::shared_ptr<const RegistrationConfig> config);
  ~RegistrationClient();
  RegistrationClient(const RegistrationClient&) = delete;
  RegistrationClient& operator=(const RegistrationClient&) = delete;

  /// Schedules the first REGISTER after `delaySeconds`.
  void start(double delaySeconds);
  /// Sends a REGISTER now (`pjsip send register`): forgets failures and any stop.
  void registerNow();
  /// Sends REGISTER with Expires: 0 and stops refreshing (`pjsip send unregister`).
  void unregister();
  /// Stops for good (removed or unloaded): unregisters if registered, without waiting.
  void stop();

  const RegistrationConfig& config() const { return *config_; }
  std::shared_ptr<const RegistrationConfig> configPtr() const { return config_; }
  const RegistrationStatus& status() const { return status_; }

 private:
  struct Attempt;

  void schedule(double delaySeconds);
  /// Finds the flow to the server (or proxy), then sends.
  void attempt(unsigned expires);
  /// `route` over the configured `transport=`, if any (std::nullopt: it cannot be).
  std::optional<res_pjsip::OutboundFlow> overConfiguredTransport(
      res_pjsip::OutboundFlow route) const;
  /// Sends the attempt to the next RFC 3263 target; false when none is left.
  bool tryNextTarget();
  void send(const res_pjsip::OutboundFlow& route, unsigned expires,
            std::vector<sip::auth::AuthorizationHeader> authorization = {});
  void onFinal(const sip::Message& response);
  void fail(Outcome outcome);
  void apply(const Decision& decision);
  /// Publishes a Registry event when the state or reason changes (or `always`).
  void setState(RegistrationState state, std::string reason, bool always = false);
  unsigned grantedExpires(const sip::Message& response) const;
  std::string contactUri(const res_pjsip::OutboundFlow& route) const;

  Deps deps_;
  std::shared_ptr<const RegistrationConfig> config_;
  RegistrationStatus status_;
  sip::Timer timer_;
  sip::auth::ClientAuthSession auth_;
  std::unique_ptr<Attempt> inFlight_;
  std::optional<res_pjsip::OutboundFlow> lastRoute_;  ///< where the last REGISTER went
  std::string callId_;
  std::string fromTag_;
  std::string instanceId_;  ///< +sip.instance with support_outbound
  std::uint32_t cseq_ = 0;
  unsigned expiration_;   ///< asked for; raised by 423 Min-Expires
  bool stopped_ = false;  ///< unregistered on request or stopped: no refresh
};

}  // namespace sb::modules::res_pjsip_outbound_registration
