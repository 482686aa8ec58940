#pragma once
/// @file
/// The decisions of an outbound registration, apart from any I/O: which state an answer (or
/// its absence) leads to, and when the next REGISTER goes out. Asterisk's rules
/// (res_pjsip_outbound_registration.c), except that after max_retries Switchboard keeps
/// trying at a capped, jittered back-off instead of giving up for ever.

#include <optional>
#include <string>
#include <string_view>

#include "modules/res_pjsip_outbound_registration/registration_config.hpp"

namespace sb::modules::res_pjsip_outbound_registration {

/// Where a registration stands.
enum class RegistrationState {
  Unregistered,  ///< not registered yet, or unregistered on request
  Registered,
  Rejected,  ///< the registrar answered with a failure (see the reason)
  Failed,    ///< no answer: timeout, transport error, no route
  Stopped,   ///< removed from the configuration or module unloaded
};

/// "Unregistered", "Registered", "Rejected", "Failed", "Stopped".
std::string_view stateName(RegistrationState state);
/// The word Asterisk prints in `pjsip show registrations` (it has no Failed: Rejected).
std::string_view asteriskStatus(RegistrationState state);

/// What came of one REGISTER (after any challenge was answered).
struct Outcome {
  enum class Kind {
    Response,        ///< a final response other than an answered challenge
    AuthFailed,      ///< a 401/407 we could not or must not answer again
    Timeout,         ///< no final response (Timer F)
    TransportError,  ///< the request could not be sent
    NoRoute,         ///< DNS or transport selection found no way to the server
  };
  Kind kind = Kind::Response;
  int code = 0;             ///< Response, AuthFailed: the status code
  std::string text;         ///< reason phrase or error text
  unsigned expires = 0;     ///< 2xx: seconds granted for our contact
  unsigned retryAfter = 0;  ///< Retry-After seconds (0: none)
};

/// What to do next.
struct Decision {
  RegistrationState state = RegistrationState::Unregistered;
  /// Seconds until the next REGISTER; std::nullopt: stop trying.
  std::optional<double> delay;
  unsigned retries = 0;  ///< failed attempts in a row, after this one
  std::string reason;    ///< why (empty when registered): CLI and the Registry event's Cause
};

/// Asterisk re-registers this long before the registration expires.
inline constexpr unsigned kReregisterBuffer = 10;
/// The back-off after max_retries never exceeds this (unless an interval is longer).
inline constexpr double kBackoffCapSeconds = 1800;

/// Seconds until the refresh of a registration granted for `expires` seconds: `expires - 10`
/// as Asterisk does, or half of a registration too short for that.
double refreshDelay(unsigned expires);

/// The delay after max_retries: `base * 2^over`, capped at max(base, kBackoffCapSeconds),
/// scaled by a jitter factor in [0.8, 1.2) taken from `jitter` in [0, 1).
double backoffDelay(unsigned base, unsigned over, double jitter);

/// The next state and timer after `outcome`, given the failures so far (`retries`).
/// `jitter` in [0, 1) spreads back-off delays.
Decision decide(const RegistrationConfig& config, unsigned retries, const Outcome& outcome,
                double jitter);

}  // namespace sb::modules::res_pjsip_outbound_registration
