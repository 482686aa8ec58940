#include "modules/res_pjsip_outbound_registration/registration_config.hpp"

#include "core/store/options.hpp"
#include "sip/message/uri.hpp"

namespace sb::modules::res_pjsip_outbound_registration {
namespace {

using T = RegistrationConfig;

/// Asterisk refuses a registration whose URIs do not parse as SIP URIs.
Result<void> validate(const T& registration) {
  auto sipUri = [](const char* name, const std::string& value) -> Result<void> {
    const auto uri = sip::parseUri(value);
    if (!uri || !uri->isSip()) {
      return Error{std::string(name) + " '" + value + "' is not a SIP URI"};
    }
    return {};
  };
  if (registration.serverUri.empty()) {
    return Error{"server_uri is required"};
  }
  if (registration.clientUri.empty()) {
    return Error{"client_uri is required"};
  }
  if (auto ok = sipUri("server_uri", registration.serverUri); !ok) {
    return ok;
  }
  if (auto ok = sipUri("client_uri", registration.clientUri); !ok) {
    return ok;
  }
  if (!registration.outboundProxy.empty()) {
    return sipUri("outbound_proxy", registration.outboundProxy);
  }
  return {};
}

}  // namespace

std::shared_ptr<const store::ObjectTypeBase> registrationType() {
  namespace opt = store::opt;
  std::vector<store::Option<T>> options{
      opt::string(&T::serverUri, "server_uri", "",
                  "SIP URI of the registrar (the REGISTER's Request-URI)."),
      opt::string(&T::clientUri, "client_uri", "",
                  "Address of record registered (From and To of the REGISTER)."),
      opt::string(&T::contactUser, "contact_user", "s",
                  "User part of the Contact registered (inbound calls arrive for it)."),
      opt::string(&T::contactHeaderParams, "contact_header_params", "",
                  "Header parameters appended to the Contact header."),
      opt::list(&T::outboundAuth, "outbound_auth", "",
                "Auth objects answering the registrar's challenges."),
      opt::string(&T::outboundProxy, "outbound_proxy", "",
                  "Proxy URI the REGISTER is sent through (Route header)."),
      opt::uint(&T::retryInterval, "retry_interval", "60",
                "Seconds before retrying after a temporary failure."),
      opt::uint(&T::forbiddenRetryInterval, "forbidden_retry_interval", "0",
                "Seconds before retrying after a 403 Forbidden (0: stop)."),
      opt::uint(&T::fatalRetryInterval, "fatal_retry_interval", "0",
                "Seconds before retrying after another fatal response (0: stop)."),
      opt::uint(&T::maxRetries, "max_retries", "10",
                "Retries at retry_interval before backing off (Switchboard never stops)."),
      opt::boolean(&T::authRejectionPermanent, "auth_rejection_permanent", "yes",
                   "A rejected answer to a challenge is a permanent failure."),
      opt::uint(&T::expiration, "expiration", "3600", "Registration time asked for, in seconds."),
      opt::uint(&T::maxRandomInitialDelay, "max_random_initial_delay", "10",
                "Upper bound of the random delay before the first REGISTER, in seconds."),
      opt::boolean(&T::line, "line", "no",
                   "Add a line parameter to the Contact to match inbound calls."),
      opt::string(&T::endpoint, "endpoint", "", "Endpoint for inbound calls matched by line."),
      opt::string(&T::transport, "transport", "", "Transport the REGISTER is sent from."),
      opt::boolean(&T::supportPath, "support_path", "no",
                   "Advertise Path support (RFC 3327) in the REGISTER."),
      opt::boolean(&T::supportOutbound, "support_outbound", "no",
                   "Advertise SIP Outbound (RFC 5626) in the REGISTER."),
      opt::custom<T>(
          "security_negotiation", "enum: no | mediasec", "no",
          "Security negotiation (RFC 3329): no or mediasec.",
          [](T& r, std::string_view value) -> Result<void> {
            const auto word = store::trimmed(value);
            for (const char* choice : {"no", "mediasec"}) {
              if (store::equalsIgnoreCase(word, choice)) {
                r.securityNegotiation = choice;
                return {};
              }
            }
            return Error{"expected one of no, mediasec"};
          },
          [](const T& r) { return r.securityNegotiation; }),
      opt::list(&T::securityMechanisms, "security_mechanisms", "",
                "Security mechanisms offered for mediasec (RFC 3329)."),
      opt::string(&T::userAgent, "user_agent", "",
                  "User-Agent of the REGISTER (empty: the global user_agent)."),
  };
  return std::make_shared<store::ObjectType<T>>(
      "registration", "res_pjsip_outbound_registration",
      "An outbound registration to another SIP server.",
      store::Binding{"config", "pjsip.conf,criteria=type=registration"}, std::move(options),
      validate);
}

}  // namespace sb::modules::res_pjsip_outbound_registration
