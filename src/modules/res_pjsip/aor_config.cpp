#include "modules/res_pjsip/aor_config.hpp"

#include <fmt/format.h>

#include "core/store/options.hpp"

namespace sb::modules::res_pjsip {
namespace {

using T = AorConfig;

/// OPT_DOUBLE_T prints with "%f": "3.000000".
std::string printSeconds(double value) {
  return fmt::format("{:f}", value);
}

}  // namespace

std::shared_ptr<const store::ObjectTypeBase> aorType() {
  namespace opt = store::opt;
  std::vector<store::Option<T>> options{
      opt::list(&T::contact, "contact", "", "Permanent contact URI (comma lists allowed)."),
      opt::uint(&T::maxContacts, "max_contacts", "0",
                "Maximum registered contacts (0: registration refused)."),
      opt::boolean(&T::removeExisting, "remove_existing", "no",
                   "Over max_contacts, drop the contacts closest to expiry."),
      opt::boolean(&T::removeUnavailable, "remove_unavailable", "no",
                   "Over max_contacts, drop unavailable contacts first."),
      opt::uint(&T::minimumExpiration, "minimum_expiration", "60",
                "Shortest registration accepted, in seconds (shorter: 423)."),
      opt::uint(&T::maximumExpiration, "maximum_expiration", "7200",
                "Longest registration granted, in seconds."),
      opt::uint(&T::defaultExpiration, "default_expiration", "3600",
                "Registration time when the REGISTER asks for none, in seconds."),
      opt::uint(&T::qualifyFrequency, "qualify_frequency", "0",
                "Seconds between OPTIONS qualify requests (0: off).", 0, 86400),
      opt::custom<T>(
          "qualify_timeout", "decimal", "3.0",
          "Seconds to wait for a qualify response before the contact is unreachable.",
          [](T& aor, std::string_view value) -> Result<void> {
            auto parsed = store::parseDouble(value, 0.0, 86400.0);
            if (!parsed) {
              return parsed.error();
            }
            aor.qualifyTimeout = *parsed;
            return {};
          },
          [](const T& aor) { return printSeconds(aor.qualifyTimeout); }),
      opt::boolean(&T::qualify2xxOnly, "qualify_2xx_only", "no",
                   "Only a 2xx answer to a qualify marks the contact reachable."),
      opt::boolean(&T::authenticateQualify, "authenticate_qualify", "no",
                   "Answer challenges to qualify requests."),
      opt::string(&T::mailboxes, "mailboxes", "",
                  "Mailboxes (mbox@context, comma list) for endpoints subscribing to the AoR."),
      opt::string(&T::voicemailExtension, "voicemail_extension", "",
                  "Voicemail extension sent in MWI NOTIFY bodies."),
      opt::string(&T::outboundProxy, "outbound_proxy", "",
                  "Proxy URI for qualify requests to the contacts."),
      opt::boolean(&T::supportPath, "support_path", "no",
                   "Honour Path headers in REGISTER (RFC 3327)."),
  };
  return std::make_shared<store::ObjectType<T>>(
      "aor", "res_pjsip", "An Address of Record: where an endpoint can be reached.",
      store::Binding{"config", "pjsip.conf,criteria=type=aor"}, std::move(options));
}

}  // namespace sb::modules::res_pjsip
