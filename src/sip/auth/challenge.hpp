#pragma once
/// @file
/// Builds the WWW-Authenticate / Proxy-Authenticate values a server sends with 401 / 407.
///
/// The challenge depends only on the realm and the configured algorithms — never on the
/// user — so a registrar can answer an unknown user exactly as it answers a real one (no
/// account enumeration). Pick ChallengeConfig per realm / endpoint, not per user.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sip/auth/algorithm.hpp"
#include "sip/auth/nonce_manager.hpp"

namespace sb::sip::auth {

/// What a server offers.
struct ChallengeConfig {
  std::string realm;
  /// One challenge per entry, in order; RFC 8760 §2.4 suggests the preferred (SHA-256) first.
  std::vector<Algorithm> algorithms{Algorithm::Sha256, Algorithm::Md5};
  /// Offer qop="auth" (RFC 3261 §22.4 and RFC 7616 expect it; replay protection needs it).
  bool qopAuth = true;
  /// Sent as opaque="..." when set; clients echo it back.
  std::optional<std::string> opaque;
  /// Omit algorithm=MD5 from the MD5 challenge (the RFC 2617 default) for very old peers.
  bool omitMd5AlgorithmParam = false;
};

/// The header values to send, one per algorithm, sharing one fresh nonce.
/// stale: the previous request had a correct response with an expired nonce.
/// binding: the same extra binding later passed to the verifier (empty for none).
std::vector<std::string> buildChallenges(NonceManager& nonces, const ChallengeConfig& config,
                                         bool stale = false, std::string_view binding = {});

}  // namespace sb::sip::auth
