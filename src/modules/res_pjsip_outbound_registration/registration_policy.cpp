#include "modules/res_pjsip_outbound_registration/registration_policy.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace sb::modules::res_pjsip_outbound_registration {
namespace {

/// Asterisk (after pjsua): answers worth retrying at retry_interval.
bool isTemporal(int code) {
  return code == 408 || code == 500 || code == 502 || code == 503 || code == 504 ||
         (code >= 600 && code < 700);
}

std::string describe(const Outcome& outcome) {
  switch (outcome.kind) {
    case Outcome::Kind::Response:
      return fmt::format("{} {}", outcome.code, outcome.text);
    case Outcome::Kind::AuthFailed:
      return fmt::format("authentication rejected ({}{}{})", outcome.code,
                         outcome.text.empty() ? "" : ": ", outcome.text);
    case Outcome::Kind::Timeout:
      return "timeout";
    case Outcome::Kind::TransportError:
      return "transport error: " + outcome.text;
    case Outcome::Kind::NoRoute:
      return "no route to server: " + outcome.text;
  }
  return {};
}

/// Retry at `interval` while retries last, then back off; `interval` 0 stops.
Decision retryOrStop(RegistrationState state, unsigned interval, unsigned maxRetries,
                     unsigned retries, std::string reason, double jitter) {
  Decision out;
  out.state = state;
  if (interval == 0) {
    out.reason = std::move(reason) + ", not retrying";
    out.retries = retries;
    return out;
  }
  out.retries = retries + 1;
  if (retries < maxRetries) {
    out.delay = interval;
    out.reason = std::move(reason);
  } else {
    out.delay = backoffDelay(interval, retries - maxRetries + 1, jitter);
    out.reason = fmt::format("{}, {} retries, backing off", reason, out.retries);
  }
  return out;
}

}  // namespace

std::string_view stateName(RegistrationState state) {
  switch (state) {
    case RegistrationState::Unregistered:
      return "Unregistered";
    case RegistrationState::Registered:
      return "Registered";
    case RegistrationState::Rejected:
      return "Rejected";
    case RegistrationState::Failed:
      return "Failed";
    case RegistrationState::Stopped:
      return "Stopped";
  }
  return "Unregistered";
}

std::string_view asteriskStatus(RegistrationState state) {
  switch (state) {
    case RegistrationState::Registered:
      return "Registered";
    case RegistrationState::Rejected:
    case RegistrationState::Failed:
      return "Rejected";
    case RegistrationState::Unregistered:
    case RegistrationState::Stopped:
      return "Unregistered";
  }
  return "Unregistered";
}

double refreshDelay(unsigned expires) {
  if (expires > 2 * kReregisterBuffer) {
    return expires - kReregisterBuffer;
  }
  return std::max(1.0, expires / 2.0);
}

double backoffDelay(unsigned base, unsigned over, double jitter) {
  const double cap = std::max(static_cast<double>(base), kBackoffCapSeconds);
  const double grown = base * std::pow(2.0, std::min(over, 20u));
  return std::min(cap, grown) * (0.8 + 0.4 * std::clamp(jitter, 0.0, 1.0));
}

Decision decide(const RegistrationConfig& config, unsigned retries, const Outcome& outcome,
                double jitter) {
  if (outcome.kind == Outcome::Kind::Response && outcome.code / 100 == 2) {
    Decision out;
    out.state = RegistrationState::Registered;
    out.delay = refreshDelay(outcome.expires);
    return out;
  }
  const bool answered =
      outcome.kind == Outcome::Kind::Response || outcome.kind == Outcome::Kind::AuthFailed;
  const auto failed = answered ? RegistrationState::Rejected : RegistrationState::Failed;
  std::string reason = describe(outcome);
  if (answered && outcome.retryAfter > 0) {
    // The server said when: Asterisk follows it without counting a retry.
    Decision out;
    out.state = failed;
    out.delay = outcome.retryAfter;
    out.retries = retries;
    out.reason = fmt::format("{}, Retry-After {}s", reason, outcome.retryAfter);
    return out;
  }
  const bool temporary =
      !answered || isTemporal(outcome.code) ||
      (outcome.kind == Outcome::Kind::AuthFailed && !config.authRejectionPermanent);
  if (temporary) {
    return retryOrStop(failed, config.retryInterval, config.maxRetries, retries, std::move(reason),
                       jitter);
  }
  // Fatal: 403 follows forbidden_retry_interval, which takes precedence over
  // fatal_retry_interval; any other fatal answer follows fatal_retry_interval.
  const unsigned interval = outcome.code == 403 && config.forbiddenRetryInterval > 0
                                ? config.forbiddenRetryInterval
                                : config.fatalRetryInterval;
  return retryOrStop(failed, interval, config.maxRetries, retries, std::move(reason), jitter);
}

}  // namespace sb::modules::res_pjsip_outbound_registration
