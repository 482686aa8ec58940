#include "sip/auth/challenge.hpp"

#include "sip/auth/digest_header.hpp"

namespace sb::sip::auth {

std::vector<std::string> buildChallenges(NonceManager& nonces, const ChallengeConfig& config,
                                         bool stale, std::string_view binding) {
  DigestChallenge challenge;
  challenge.realm = config.realm;
  challenge.nonce = nonces.issue(config.realm, binding);
  challenge.opaque = config.opaque;
  challenge.stale = stale;
  if (config.qopAuth) {
    challenge.qopOptions.emplace_back("auth");
  }
  std::vector<std::string> values;
  values.reserve(config.algorithms.size());
  for (Algorithm algorithm : config.algorithms) {
    if (algorithm == Algorithm::Md5 && config.omitMd5AlgorithmParam) {
      challenge.algorithm.reset();
    } else {
      challenge.algorithm = std::string(algorithmName(algorithm));
    }
    values.push_back(formatChallenge(challenge));
  }
  return values;
}

}  // namespace sb::sip::auth
