// libFuzzer target for the SIP digest header parsers. Each input is parsed both as a challenge
// and as credentials; whatever parses is formatted and parsed again (the two must agree), a
// parsed challenge is answered by the client, and parsed credentials go through the verifier.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sip/auth/challenge.hpp"
#include "sip/auth/client.hpp"
#include "sip/auth/digest_header.hpp"
#include "sip/auth/nonce_manager.hpp"
#include "sip/auth/verifier.hpp"

namespace {

using namespace sb::sip::auth;

NonceManager::Secret fixedSecret() {
  NonceManager::Secret secret{};
  secret.fill(0x5a);
  return secret;
}

NonceManager& nonces() {
  static NonceManager manager(fixedSecret());
  return manager;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  if (auto challenge = parseChallenge(input)) {
    auto again = parseChallenge(formatChallenge(*challenge));
    if (!again || formatChallenge(*again) != formatChallenge(*challenge)) {
      __builtin_trap();
    }
    ClientCredentials credentials{"fuzz", "", "secret", std::nullopt, std::nullopt};
    auto answer = buildAuthorization(*challenge, credentials,
                                     AnswerInputs{"INVITE", "sip:fuzz@example", "c", 1, "body"});
    if (answer && !parseCredentials(*answer)) {
      __builtin_trap();  // our own output must always parse
    }
  }

  if (auto credentials = parseCredentials(input)) {
    auto again = parseCredentials(formatCredentials(*credentials));
    if (!again || formatCredentials(*again) != formatCredentials(*credentials)) {
      __builtin_trap();
    }
    VerifierConfig config;
    config.realm = credentials->realm;  // reach past the realm check
    config.algorithms = {Algorithm::Sha256, Algorithm::Md5, Algorithm::Sha256Sess,
                         Algorithm::Md5Sess};
    DigestVerifier verifier(nonces(), config);
    const CredentialLookup lookup = [](std::string_view user) -> std::optional<ServerCredentials> {
      if (user.empty()) {
        return std::nullopt;
      }
      if (user.front() == 'h') {
        return ServerCredentials::fromHa1(HashFunction::Md5, std::string(user));
      }
      return ServerCredentials::fromPassword("secret");
    };
    const VerifyResult result = verifier.verify("REGISTER", *credentials, lookup);
    if (result.ok()) {
      __builtin_trap();  // a random nonce cannot be authentic
    }
    // With a genuine nonce the later checks run too.
    DigestCredentials withNonce = *credentials;
    withNonce.nonce = nonces().issue(config.realm);
    (void)verifier.verify("REGISTER", withNonce, lookup);
  }
  return 0;
}
