#include "modules/res_pjsip/outbound_credentials.hpp"

#include "core/log/logger.hpp"
#include "modules/res_pjsip/auth_config.hpp"
#include "modules/res_pjsip/endpoint_config.hpp"
#include "sip/auth/challenge_retry.hpp"

namespace sb::modules::res_pjsip {

std::vector<sip::auth::ClientCredentials> outboundCredentials(const store::ObjectSet& objects,
                                                              const std::vector<std::string>& names,
                                                              std::string_view owner) {
  std::vector<sip::auth::ClientCredentials> out;
  for (const auto& name : names) {
    auto auth = objects.get<AuthConfig>("auth", name);
    if (!auth) {
      SB_WARNING("'{}': outbound_auth '{}' does not exist", owner, name);
      continue;
    }
    sip::auth::ClientCredentials credentials;
    credentials.username = auth->username;
    credentials.realm = auth->realm;
    if (!auth->password.empty()) {
      credentials.password = auth->password;
    }
    if (!auth->md5Cred.empty()) {
      credentials.md5Ha1 = auth->md5Cred;
    }
    for (const auto& digest : auth->passwordDigest) {
      if (digest.starts_with("MD5:")) {
        credentials.md5Ha1 = digest.substr(4);
      } else if (digest.starts_with("SHA-256:")) {
        credentials.sha256Ha1 = digest.substr(8);
      }
    }
    out.push_back(std::move(credentials));
  }
  return out;
}

std::optional<sip::Message> answeredWithOutboundAuth(const store::ObjectSet& objects,
                                                     const std::string& endpoint,
                                                     const sip::Message& request,
                                                     const sip::Message& response) {
  auto config = objects.get<EndpointConfig>("endpoint", endpoint);
  if (!config || config->outboundAuth.empty()) {
    return std::nullopt;
  }
  sip::auth::ClientAuthSession session(
      outboundCredentials(objects, config->outboundAuth, "endpoint " + config->id));
  const auto credentials = sip::auth::answerFor(session, request, response);
  if (credentials.empty()) {
    return std::nullopt;
  }
  return sip::auth::withCredentials(request, credentials);
}

}  // namespace sb::modules::res_pjsip
