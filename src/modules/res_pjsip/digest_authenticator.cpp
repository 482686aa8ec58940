#include "modules/res_pjsip/digest_authenticator.hpp"

#include <algorithm>
#include <optional>
#include <vector>

#include "core/log/logger.hpp"
#include "modules/res_pjsip/auth_config.hpp"
#include "modules/res_pjsip/endpoint_config.hpp"
#include "modules/res_pjsip/request_security.hpp"
#include "modules/res_pjsip/settings_config.hpp"
#include "sip/auth/challenge.hpp"
#include "sip/auth/digest_header.hpp"
#include "sip/auth/verifier.hpp"

namespace sb::modules::res_pjsip {
namespace {

using sip::auth::Algorithm;
using sip::auth::VerifyOutcome;

using AuthList = std::vector<std::shared_ptr<const AuthConfig>>;

std::shared_ptr<const GlobalConfig> globalOf(const store::ObjectSet& objects) {
  return objects.get<GlobalConfig>("global", "global");
}

std::string realmOf(const AuthConfig& auth, const GlobalConfig* global) {
  if (!auth.realm.empty()) {
    return auth.realm;
  }
  return global ? global->defaultRealm : std::string("asterisk");
}

/// Algorithm names from configuration; ones we cannot compute are left out.
std::vector<Algorithm> algorithmsOf(const std::vector<std::string>& names) {
  std::vector<Algorithm> out;
  for (const auto& name : names) {
    if (auto algorithm = sip::auth::parseAlgorithm(name);
        algorithm && std::find(out.begin(), out.end(), *algorithm) == out.end()) {
      out.push_back(*algorithm);
    }
  }
  if (out.empty()) {
    out.push_back(Algorithm::Md5);
  }
  // RFC 8760 2.4: the strongest first.
  std::stable_sort(out.begin(), out.end(), [](Algorithm a, Algorithm b) {
    return sip::auth::hashFunctionOf(a) == sip::auth::HashFunction::Sha256 &&
           sip::auth::hashFunctionOf(b) != sip::auth::HashFunction::Sha256;
  });
  return out;
}

std::vector<Algorithm> algorithmsFor(const AuthConfig* auth, const GlobalConfig* global) {
  if (auth != nullptr && !auth->supportedAlgorithmsUas.empty()) {
    return algorithmsOf(auth->supportedAlgorithmsUas);
  }
  return algorithmsOf(global ? global->defaultAuthAlgorithmsUas : std::vector<std::string>{"MD5"});
}

/// What the verifier may compare against for one auth object.
sip::auth::ServerCredentials credentialsOf(const AuthConfig& auth) {
  sip::auth::ServerCredentials credentials;
  if (!auth.password.empty()) {
    credentials.password = auth.password;
  }
  if (!auth.md5Cred.empty()) {
    credentials.md5Ha1 = auth.md5Cred;
  }
  for (const auto& entry : auth.passwordDigest) {
    const auto colon = entry.find(':');
    if (colon == std::string::npos) {
      continue;
    }
    const auto algorithm = sip::auth::parseAlgorithm(entry.substr(0, colon));
    if (!algorithm) {
      continue;  // SHA-512-256 is accepted in configuration but cannot be verified here
    }
    auto hex = entry.substr(colon + 1);
    std::transform(hex.begin(), hex.end(), hex.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    (sip::auth::hashFunctionOf(*algorithm) == sip::auth::HashFunction::Md5
         ? credentials.md5Ha1
         : credentials.sha256Ha1) = hex;
  }
  return credentials;
}

std::string accountOf(const sip::IncomingRequest& request) {
  if (auto from = request.message().from(); from && from->uri.hasUser) {
    return std::string(from->uri.user);
  }
  return {};
}

}  // namespace

sip::auth::NonceManager& DigestAuthenticator::noncesFor(unsigned lifetimeSeconds) {
  auto& slot = nonces_[lifetimeSeconds];
  if (!slot) {
    sip::auth::NonceConfig config;
    config.lifetime = std::chrono::seconds(lifetimeSeconds == 0 ? 32 : lifetimeSeconds);
    slot = sip::auth::NonceManager::create(config);
    if (!slot) {
      // Without a CSPRNG no nonce is safe; a fixed secret would be worse than failing loudly.
      SB_ERROR("Cannot make a nonce secret: the random number generator failed");
      std::abort();
    }
  }
  return *slot;
}

bool DigestAuthenticator::countUnidentified(const sip::IncomingRequest& request, unsigned count,
                                            unsigned period, unsigned pruneInterval) {
  const auto now = std::chrono::steady_clock::now();
  if (now - lastPrune_ > std::chrono::seconds(pruneInterval)) {
    std::erase_if(unidentified_, [&](const auto& entry) {
      return now - entry.second.first > std::chrono::seconds(pruneInterval);
    });
    lastPrune_ = now;
  }
  auto& entry = unidentified_[request.flow().remote.address.to_string()];
  if (entry.count == 0 || now - entry.first > std::chrono::seconds(period)) {
    entry = Unidentified{0, now};
  }
  return ++entry.count == count;
}

sip::Verdict DigestAuthenticator::authenticate(sip::IncomingRequest& request) {
  const auto method = request.method();
  if (method == sip::Method::Ack || method == sip::Method::Cancel) {
    return sip::Verdict::Continue;  // never challenged (RFC 3261 22.1)
  }
  const auto objects = store_.current();
  const auto global = globalOf(*objects);
  const std::string methodText(request.message().methodText());

  std::shared_ptr<const EndpointConfig> endpoint;
  if (const auto* id = request.findAttribute("endpoint")) {
    endpoint = objects->get<EndpointConfig>("endpoint", *id);
  }
  if (endpoint) {
    if (endpoint->auth.empty() ||
        (method == sip::Method::Options && endpoint->allowUnauthenticatedOptions)) {
      return sip::Verdict::Continue;
    }
  } else if (global == nullptr || countUnidentified(request, global->unidentifiedRequestCount,
                                                    global->unidentifiedRequestPeriod,
                                                    global->unidentifiedRequestPruneInterval)) {
    security::logFailedRequest(request, "No matching endpoint found");
    security::invalidAccountId(request, accountOf(request));
  }

  // The auth objects in play; an unidentified request gets a stand-in with the defaults so
  // its challenge is indistinguishable from a real one.
  AuthList auths;
  if (endpoint) {
    for (const auto& id : endpoint->auth) {
      if (auto auth = objects->get<AuthConfig>("auth", id)) {
        auths.push_back(auth);
      }
    }
  }
  const AuthConfig* first = auths.empty() ? nullptr : auths.front().get();
  const std::string realm = first ? realmOf(*first, global.get())
                                  : (global ? global->defaultRealm : std::string("asterisk"));
  const auto algorithms = algorithmsFor(first, global.get());
  auto& nonces = noncesFor(first ? first->nonceLifetime : 32);

  const auto header = request.message().value(sip::HeaderId::Authorization);
  std::optional<sip::auth::VerifyResult> result;
  if (!header.empty()) {
    const sip::auth::DigestVerifier verifier(nonces, {realm, algorithms, true});
    result = verifier.verifyHeader(
        methodText, header,
        [&](std::string_view username) -> std::optional<sip::auth::ServerCredentials> {
          for (const auto& auth : auths) {
            if (auth->username == username && realmOf(*auth, global.get()) == realm) {
              return credentialsOf(*auth);
            }
          }
          return std::nullopt;
        });
    if (result->ok()) {
      security::successfulAuth(request, result->username);
      request.attribute("auth_username") = result->username;
      return sip::Verdict::Continue;
    }
  }

  const bool stale = result && result->stale();
  sip::auth::ChallengeConfig challenge;
  challenge.realm = realm;
  challenge.algorithms = algorithms;
  sip::HeaderList headers;
  for (auto& value : sip::auth::buildChallenges(nonces, challenge, stale)) {
    headers.emplace_back("WWW-Authenticate", std::move(value));
  }
  const std::string account = endpoint ? endpoint->id : accountOf(request);
  if (!result || result->outcome == VerifyOutcome::NoCredentials || stale) {
    if (security::wanted()) {
      std::string nonce;
      if (auto parsed = sip::auth::parseChallenge(headers.front().second)) {
        nonce = parsed->nonce;
      }
      security::challengeSent(request, account, nonce);
    }
  } else {
    auto credentials = sip::auth::parseCredentials(header);
    const std::string received = credentials ? credentials->nonce : std::string();
    const std::string hash = credentials ? credentials->response : std::string();
    switch (result->outcome) {
      case VerifyOutcome::UnknownUser:
      case VerifyOutcome::NoCredentialForAlgorithm:
      case VerifyOutcome::ResponseMismatch:
        if (endpoint) {
          security::invalidPassword(request, account, received, received, hash);
        } else {
          security::invalidAccountId(request, account);
        }
        break;
      default:
        security::challengeResponseFailed(request, account, received, hash);
        break;
    }
    security::logFailedRequest(request, "Failed to authenticate");
  }
  // Challenges are cheap to repeat: answering them statelessly keeps nothing for 64*T1. Not
  // for INVITE: its transaction must absorb retransmissions (a UA that already sent the
  // authenticated INVITE would take a second 401 for the new one) and the ACK.
  if (request.method() != sip::Method::Invite) {
    request.setStatelessResponse();
  }
  request.respond(401, "Unauthorized", headers);
  return sip::Verdict::Done;
}

}  // namespace sb::modules::res_pjsip
