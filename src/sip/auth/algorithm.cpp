#include "sip/auth/algorithm.hpp"

#include "sip/auth/text.hpp"

namespace sb::sip::auth {

std::string_view algorithmName(Algorithm algorithm) {
  switch (algorithm) {
    case Algorithm::Md5:
      return "MD5";
    case Algorithm::Md5Sess:
      return "MD5-sess";
    case Algorithm::Sha256:
      return "SHA-256";
    case Algorithm::Sha256Sess:
      return "SHA-256-sess";
  }
  return "MD5";
}

std::optional<Algorithm> parseAlgorithm(std::string_view token) {
  for (Algorithm candidate :
       {Algorithm::Md5, Algorithm::Md5Sess, Algorithm::Sha256, Algorithm::Sha256Sess}) {
    if (equalsIgnoreCase(token, algorithmName(candidate))) {
      return candidate;
    }
  }
  return std::nullopt;
}

HashFunction hashFunctionOf(Algorithm algorithm) {
  return algorithm == Algorithm::Md5 || algorithm == Algorithm::Md5Sess ? HashFunction::Md5
                                                                        : HashFunction::Sha256;
}

bool isSessionAlgorithm(Algorithm algorithm) {
  return algorithm == Algorithm::Md5Sess || algorithm == Algorithm::Sha256Sess;
}

std::size_t hexDigestLength(HashFunction hash) {
  return hash == HashFunction::Md5 ? 32 : 64;
}

}  // namespace sb::sip::auth
