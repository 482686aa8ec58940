#include "modules/res_pjsip/auth_config.hpp"

#include <cctype>

#include "core/store/options.hpp"

namespace sb::modules::res_pjsip {
namespace {

using T = AuthConfig;

struct Algorithm {
  const char* name;
  std::size_t hexLength;
};
constexpr Algorithm kAlgorithms[] = {{"MD5", 32}, {"SHA-256", 64}, {"SHA-512-256", 64}};

const Algorithm* findAlgorithm(std::string_view name) {
  for (const auto& algorithm : kAlgorithms) {
    if (store::equalsIgnoreCase(name, algorithm.name)) {
      return &algorithm;
    }
  }
  return nullptr;
}

bool isHex(std::string_view text, std::size_t length) {
  if (text.size() != length) {
    return false;
  }
  for (char c : text) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) {
      return false;
    }
  }
  return true;
}

std::string lowered(std::string_view text) {
  std::string out(text);
  for (auto& c : out) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

/// password_digest items: "ALG:hex", or bare hex meaning MD5 (as Asterisk reads md5_cred).
Result<void> applyDigests(T& auth, std::string_view value) {
  std::vector<std::string> parsed;
  for (const auto& item : store::splitList(value)) {
    const auto colon = item.find(':');
    const std::string_view name = colon == std::string::npos
                                      ? "MD5"
                                      : store::trimmed(std::string_view(item).substr(0, colon));
    const auto hex = colon == std::string::npos
                         ? std::string_view(item)
                         : store::trimmed(std::string_view(item).substr(colon + 1));
    const auto* algorithm = findAlgorithm(name);
    if (!algorithm) {
      return Error{"unknown digest algorithm '" + std::string(name) +
                   "' (expected MD5, SHA-256 or SHA-512-256)"};
    }
    if (!isHex(hex, algorithm->hexLength)) {
      return Error{"the " + std::string(algorithm->name) + " digest of '" + item + "' must be " +
                   std::to_string(algorithm->hexLength) + " hex digits"};
    }
    parsed.push_back(std::string(algorithm->name) + ":" + lowered(hex));
  }
  auth.passwordDigest.insert(auth.passwordDigest.end(), parsed.begin(), parsed.end());
  return {};
}

/// supported_algorithms_uas/uac: MD5, SHA-256, SHA-512-256 (any case), stored canonically.
store::Option<T> algorithms(std::vector<std::string> T::*member, std::string name,
                            std::string doc) {
  auto o = store::opt::list(member, std::move(name), "", std::move(doc));
  o.apply = [member](T& auth, std::string_view value) -> Result<void> {
    std::vector<std::string> parsed;
    for (const auto& item : store::splitList(value)) {
      const auto* algorithm = findAlgorithm(item);
      if (!algorithm) {
        return Error{"unknown digest algorithm '" + item +
                     "' (expected MD5, SHA-256 or SHA-512-256)"};
      }
      parsed.emplace_back(algorithm->name);
    }
    (auth.*member).insert((auth.*member).end(), parsed.begin(), parsed.end());
    return {};
  };
  return o;
}

Result<void> validate(const T& auth) {
  if (auth.username.empty()) {
    return Error{"username is required"};
  }
  if (auth.authType == AuthType::GoogleOauth &&
      (auth.refreshToken.empty() || auth.oauthClientid.empty() || auth.oauthSecret.empty())) {
    return Error{"auth_type=google_oauth needs refresh_token, oauth_clientid and oauth_secret"};
  }
  if (!auth.md5Cred.empty() && !isHex(auth.md5Cred, 32)) {
    return Error{"md5_cred must be 32 hex digits"};
  }
  return {};
}

}  // namespace

std::shared_ptr<const store::ObjectTypeBase> authType() {
  namespace opt = store::opt;
  auto digests = opt::custom<T>(
      "password_digest", "list", "",
      "Precomputed digests ALG:hex of username:realm:password (MD5, SHA-256, SHA-512-256).",
      applyDigests, [](const T& auth) { return store::joinList(auth.passwordDigest); });
  digests.flag(store::kMulti | store::kSensitive);
  digests.reset = [](T& auth) { auth.passwordDigest.clear(); };
  std::vector<store::Option<T>> options{
      opt::enumeration(&T::authType, "auth_type", "digest",
                       "Authentication type: digest (userpass and md5 are older names) or "
                       "google_oauth.",
                       {{"digest", AuthType::Digest},
                        {"userpass", AuthType::Digest},
                        {"md5", AuthType::Digest},
                        {"google_oauth", AuthType::GoogleOauth}}),
      opt::string(&T::username, "username", "", "User name to authenticate with."),
      opt::string(&T::password, "password", "", "Plain-text password.").flag(store::kSensitive),
      std::move(digests),
      opt::custom<T>(
          "md5_cred", "string", "",
          "Deprecated: MD5 digest of username:realm:password (32 hex digits).",
          [](T& auth, std::string_view value) -> Result<void> {
            auth.md5Cred = lowered(store::trimmed(value));
            return {};
          },
          [](const T& auth) { return auth.md5Cred; })
          .flag(store::kSensitive | store::kDeprecated),
      opt::string(&T::realm, "realm", "",
                  "Realm in challenges (default: global default_realm); outbound: the realm to "
                  "answer (empty: any)."),
      opt::uint(&T::nonceLifetime, "nonce_lifetime", "32", "Seconds a nonce stays valid."),
      algorithms(&T::supportedAlgorithmsUas, "supported_algorithms_uas",
                 "Digest algorithms offered in challenges (default: global setting)."),
      algorithms(&T::supportedAlgorithmsUac, "supported_algorithms_uac",
                 "Digest algorithms used to answer challenges (default: global setting)."),
      opt::string(&T::refreshToken, "refresh_token", "", "OAuth refresh token (google_oauth).")
          .flag(store::kSensitive),
      opt::string(&T::oauthClientid, "oauth_clientid", "", "OAuth client id (google_oauth)."),
      opt::string(&T::oauthSecret, "oauth_secret", "", "OAuth client secret (google_oauth).")
          .flag(store::kSensitive),
  };
  return std::make_shared<store::ObjectType<T>>(
      "auth", "res_pjsip", "Credentials for challenging or answering challenges.",
      store::Binding{"config", "pjsip.conf,criteria=type=auth"}, std::move(options), validate);
}

}  // namespace sb::modules::res_pjsip
