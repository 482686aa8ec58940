#include "sip/auth/verifier.hpp"

#include <algorithm>
#include <charconv>

#include "sip/auth/digest_hash.hpp"
#include "sip/auth/text.hpp"

namespace sb::sip::auth {

namespace {

/// Parses nc: exactly 8 hex digits, not zero (nc counts from 1).
std::optional<std::uint32_t> parseNonceCount(std::string_view text) {
  if (text.size() != 8 || !isHex(text)) {
    return std::nullopt;
  }
  std::uint32_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value, 16);
  if (error != std::errc() || end != text.data() + text.size() || value == 0) {
    return std::nullopt;
  }
  return value;
}

/// The stored base HA1 usable for this hash, or nullopt.
std::optional<std::string> baseHa1For(const ServerCredentials& stored, HashFunction hash,
                                      std::string_view username, std::string_view realm) {
  if (stored.password) {
    return computeHa1(hash, username, realm, *stored.password);
  }
  const std::optional<std::string>& ha1 =
      hash == HashFunction::Md5 ? stored.md5Ha1 : stored.sha256Ha1;
  if (!ha1 || ha1->size() != hexDigestLength(hash) || !isHex(*ha1)) {
    return std::nullopt;
  }
  return toLowerAscii(*ha1);
}

}  // namespace

ServerCredentials ServerCredentials::fromPassword(std::string password) {
  ServerCredentials credentials;
  credentials.password = std::move(password);
  return credentials;
}

ServerCredentials ServerCredentials::fromHa1(HashFunction hash, std::string ha1Hex) {
  ServerCredentials credentials;
  (hash == HashFunction::Md5 ? credentials.md5Ha1 : credentials.sha256Ha1) = std::move(ha1Hex);
  return credentials;
}

std::string_view verifyOutcomeName(VerifyOutcome outcome) {
  switch (outcome) {
    case VerifyOutcome::Ok:
      return "ok";
    case VerifyOutcome::NoCredentials:
      return "no credentials";
    case VerifyOutcome::Malformed:
      return "malformed credentials";
    case VerifyOutcome::RealmMismatch:
      return "realm mismatch";
    case VerifyOutcome::AlgorithmUnsupported:
      return "algorithm unsupported";
    case VerifyOutcome::QopUnsupported:
      return "qop unsupported";
    case VerifyOutcome::BadNonce:
      return "bad nonce";
    case VerifyOutcome::StaleNonce:
      return "stale nonce";
    case VerifyOutcome::ReplayedNonceCount:
      return "replayed nonce count";
    case VerifyOutcome::UnknownUser:
      return "unknown user";
    case VerifyOutcome::NoCredentialForAlgorithm:
      return "no credential for algorithm";
    case VerifyOutcome::ResponseMismatch:
      return "response mismatch";
  }
  return "unknown outcome";
}

DigestVerifier::DigestVerifier(NonceManager& nonces, VerifierConfig config)
    : nonces_(nonces), config_(std::move(config)) {}

VerifyResult DigestVerifier::verifyHeader(std::string_view method,
                                          std::optional<std::string_view> headerValue,
                                          const CredentialLookup& lookup,
                                          std::string_view binding) const {
  VerifyResult result;
  if (!headerValue) {
    return result;
  }
  auto parsed = parseCredentials(*headerValue);
  if (!parsed) {
    // Another scheme is not an error: the client just has to answer our Digest challenge.
    result.outcome = parsed.error() == ParseError::NotDigest ? VerifyOutcome::NoCredentials
                                                             : VerifyOutcome::Malformed;
    result.parseError = parsed.error();
    return result;
  }
  return verify(method, *parsed, lookup, binding);
}

VerifyResult DigestVerifier::verify(std::string_view method, const DigestCredentials& credentials,
                                    const CredentialLookup& lookup,
                                    std::string_view binding) const {
  VerifyResult result;
  result.username = credentials.username;
  auto fail = [&result](VerifyOutcome outcome) {
    result.outcome = outcome;
    return result;
  };

  // 1. Everything that does not depend on the user or the secret.
  if (credentials.realm != config_.realm) {
    return fail(VerifyOutcome::RealmMismatch);
  }
  const std::optional<Algorithm> algorithm = credentials.effectiveAlgorithm();
  if (!algorithm || std::find(config_.algorithms.begin(), config_.algorithms.end(), *algorithm) ==
                        config_.algorithms.end()) {
    return fail(VerifyOutcome::AlgorithmUnsupported);
  }
  result.algorithm = algorithm;
  const HashFunction hash = hashFunctionOf(*algorithm);
  if (credentials.response.size() != hexDigestLength(hash) || !isHex(credentials.response)) {
    return fail(VerifyOutcome::Malformed);
  }
  std::optional<std::uint32_t> nonceCount;
  std::string_view qop;
  if (credentials.qop) {
    if (*credentials.qop != "auth") {
      return fail(VerifyOutcome::QopUnsupported);
    }
    qop = *credentials.qop;
    if (!credentials.nc || !credentials.cnonce || credentials.cnonce->empty()) {
      return fail(VerifyOutcome::Malformed);
    }
    nonceCount = parseNonceCount(*credentials.nc);
    if (!nonceCount) {
      return fail(VerifyOutcome::Malformed);
    }
  } else if (!config_.acceptNoQop) {
    return fail(VerifyOutcome::QopUnsupported);
  }
  const std::string_view cnonce = credentials.cnonce ? *credentials.cnonce : std::string_view();
  if (isSessionAlgorithm(*algorithm) && cnonce.empty()) {
    return fail(VerifyOutcome::Malformed);  // -sess HA1 needs a cnonce
  }

  // 2. The nonce: ours, for this realm and binding?
  const NonceCheck nonce = nonces_.check(credentials.nonce, config_.realm, binding);
  if (nonce.status == NonceStatus::Invalid) {
    return fail(VerifyOutcome::BadNonce);
  }

  // 3. The user. An unknown user still pays for a full computation with a dummy password.
  std::optional<ServerCredentials> stored = lookup ? lookup(credentials.username) : std::nullopt;
  VerifyOutcome missing = VerifyOutcome::Ok;
  std::optional<std::string> baseHa1;
  if (!stored) {
    missing = VerifyOutcome::UnknownUser;
  } else {
    baseHa1 = baseHa1For(*stored, hash, credentials.username, config_.realm);
    if (!baseHa1) {
      missing = VerifyOutcome::NoCredentialForAlgorithm;
    }
  }
  if (!baseHa1) {
    baseHa1 = computeHa1(hash, credentials.username, config_.realm, "\x01 no such user \x01");
  }

  const std::optional<std::string> ha1 =
      baseHa1 ? effectiveHa1(*algorithm, *baseHa1, credentials.nonce, cnonce) : std::nullopt;
  const std::optional<std::string> ha2 = computeHa2(hash, method, credentials.uri);
  if (!ha1 || !ha2) {
    return fail(VerifyOutcome::AlgorithmUnsupported);
  }
  const ResponseInputs inputs{credentials.nonce,
                              credentials.nc ? std::string_view(*credentials.nc) : "", cnonce, qop};
  const std::optional<std::string> expected = computeResponse(hash, *ha1, inputs, *ha2);
  if (!expected) {
    return fail(VerifyOutcome::AlgorithmUnsupported);
  }
  const bool matches = constantTimeEquals(*expected, toLowerAscii(credentials.response));
  if (missing != VerifyOutcome::Ok) {
    return fail(missing);
  }
  if (!matches) {
    return fail(VerifyOutcome::ResponseMismatch);
  }

  // 4. Right password: now age and replay matter (stale=true only for a correct response).
  if (nonce.status == NonceStatus::Stale) {
    return fail(VerifyOutcome::StaleNonce);
  }
  if (nonceCount) {
    switch (nonces_.recordNonceCount(nonce, *nonceCount)) {
      case NonceCountResult::Accepted:
        break;
      case NonceCountResult::Replayed:
        return fail(VerifyOutcome::ReplayedNonceCount);
      case NonceCountResult::Forgotten:
        return fail(VerifyOutcome::StaleNonce);
    }
  }
  return fail(VerifyOutcome::Ok);
}

}  // namespace sb::sip::auth
