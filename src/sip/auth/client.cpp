#include "sip/auth/client.hpp"

#include <openssl/rand.h>

#include <array>

#include "sip/auth/digest_hash.hpp"
#include "sip/auth/text.hpp"

namespace sb::sip::auth {

namespace {

/// Higher is better: SHA-256 first (RFC 8760), plain before -sess.
int preference(Algorithm algorithm) {
  switch (algorithm) {
    case Algorithm::Sha256:
      return 4;
    case Algorithm::Sha256Sess:
      return 3;
    case Algorithm::Md5:
      return 2;
    case Algorithm::Md5Sess:
      return 1;
  }
  return 0;
}

/// The base HA1 these credentials give for the hash and realm, or nullopt.
std::optional<std::string> clientBaseHa1(const ClientCredentials& credentials, HashFunction hash,
                                         std::string_view realm) {
  if (credentials.password) {
    return computeHa1(hash, credentials.username, realm, *credentials.password);
  }
  const std::optional<std::string>& ha1 =
      hash == HashFunction::Md5 ? credentials.md5Ha1 : credentials.sha256Ha1;
  if (!ha1 || ha1->size() != hexDigestLength(hash) || !isHex(*ha1)) {
    return std::nullopt;
  }
  return toLowerAscii(*ha1);
}

bool canAnswer(const ClientCredentials& credentials, HashFunction hash) {
  if (credentials.password) {
    return true;
  }
  const std::optional<std::string>& ha1 =
      hash == HashFunction::Md5 ? credentials.md5Ha1 : credentials.sha256Ha1;
  return ha1 && ha1->size() == hexDigestLength(hash) && isHex(*ha1);
}

/// The qop to answer with: "auth", "auth-int", "" for legacy, or nullopt if none usable.
std::optional<std::string_view> chooseQop(const DigestChallenge& challenge) {
  if (challenge.qopOptions.empty()) {
    return std::string_view();
  }
  if (challenge.offersQopAuth()) {
    return std::string_view("auth");
  }
  if (challenge.offersQopAuthInt()) {
    return std::string_view("auth-int");
  }
  return std::nullopt;
}

std::optional<std::string> randomCnonce() {
  std::array<std::uint8_t, 16> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
    return std::nullopt;
  }
  return toHex(bytes);
}

std::string formatNonceCount(std::uint32_t nc) {
  static constexpr std::string_view kDigits = "0123456789abcdef";
  std::string out(8, '0');
  for (int i = 7; i >= 0; --i) {
    out[static_cast<std::size_t>(i)] = kDigits[nc & 0xf];
    nc >>= 4;
  }
  return out;
}

}  // namespace

std::string_view clientErrorName(ClientError error) {
  switch (error) {
    case ClientError::NoChallenge:
      return "no digest challenge";
    case ClientError::Malformed:
      return "malformed challenge";
    case ClientError::NoSupportedAlgorithm:
      return "no supported algorithm";
    case ClientError::NoCredentialsForRealm:
      return "no credentials for realm";
    case ClientError::RepeatedChallenge:
      return "repeated challenge";
    case ClientError::CredentialsRejected:
      return "credentials rejected";
    case ClientError::TooManyStale:
      return "too many stale challenges";
    case ClientError::HashFailure:
      return "hash failure";
    case ClientError::RandomFailure:
      return "random failure";
  }
  return "unknown error";
}

Result<std::string, ClientError> buildAuthorization(const DigestChallenge& challenge,
                                                    const ClientCredentials& credentials,
                                                    const AnswerInputs& inputs) {
  const std::optional<Algorithm> algorithm = challenge.effectiveAlgorithm();
  const std::optional<std::string_view> qop = chooseQop(challenge);
  if (!algorithm || !qop) {
    return ClientError::NoSupportedAlgorithm;
  }
  const HashFunction hash = hashFunctionOf(*algorithm);
  if (!canAnswer(credentials, hash)) {
    return ClientError::NoSupportedAlgorithm;
  }
  const bool withQop = !qop->empty();
  // -sess needs a cnonce even without qop (RFC 2617 §3.2.2.2).
  const bool withCnonce = withQop || isSessionAlgorithm(*algorithm);
  const std::string nc = formatNonceCount(inputs.nc);
  const std::string_view cnonce = withCnonce ? inputs.cnonce : std::string_view();

  const std::optional<std::string> baseHa1 = clientBaseHa1(credentials, hash, challenge.realm);
  const std::optional<std::string> ha1 =
      baseHa1 ? effectiveHa1(*algorithm, *baseHa1, challenge.nonce, cnonce) : std::nullopt;
  std::optional<std::string> bodyHash;
  if (*qop == "auth-int") {
    bodyHash = hexDigest(hash, inputs.body.value_or(std::string_view()));
    if (!bodyHash) {
      return ClientError::HashFailure;
    }
  }
  const std::optional<std::string> ha2 =
      computeHa2(hash, inputs.method, inputs.uri,
                 bodyHash ? std::optional<std::string_view>(*bodyHash) : std::nullopt);
  if (!ha1 || !ha2) {
    return ClientError::HashFailure;
  }
  const ResponseInputs responseInputs{challenge.nonce, nc, cnonce, *qop};
  std::optional<std::string> response = computeResponse(hash, *ha1, responseInputs, *ha2);
  if (!response) {
    return ClientError::HashFailure;
  }

  DigestCredentials out;
  out.username = credentials.username;
  out.realm = challenge.realm;
  out.nonce = challenge.nonce;
  out.uri = std::string(inputs.uri);
  out.response = std::move(*response);
  out.algorithm = challenge.algorithm;  // echo as offered; absent stays absent (MD5)
  out.opaque = challenge.opaque;
  if (withCnonce) {
    out.cnonce = std::string(cnonce);
  }
  if (withQop) {
    out.qop = std::string(*qop);
    out.nc = nc;
  }
  return formatCredentials(out);
}

ClientAuthSession::ClientAuthSession(std::vector<ClientCredentials> credentials)
    : ClientAuthSession(std::move(credentials), Options{}) {}

ClientAuthSession::ClientAuthSession(std::vector<ClientCredentials> credentials, Options options)
    : credentials_(std::move(credentials)), options_(options) {}

Result<std::vector<AuthorizationHeader>, ClientError> ClientAuthSession::answer(
    ChallengeKind kind, std::span<const std::string_view> challengeValues, std::string_view method,
    std::string_view uri, std::optional<std::string_view> body) {
  // Parse, and keep the best answerable challenge per realm.
  struct Candidate {
    DigestChallenge challenge;
    std::size_t credentialIndex = 0;
    int rank = 0;
  };
  std::map<std::string, Candidate, std::less<>> best;
  bool sawDigest = false;
  bool sawParsed = false;
  bool missingCredentials = false;
  for (std::string_view value : challengeValues) {
    auto parsed = parseChallenge(value);
    if (!parsed) {
      sawDigest = sawDigest || parsed.error() != ParseError::NotDigest;
      continue;
    }
    sawDigest = true;
    sawParsed = true;
    const std::optional<Algorithm> algorithm = parsed->effectiveAlgorithm();
    if (!algorithm || !chooseQop(*parsed)) {
      continue;
    }
    std::optional<std::size_t> credentialIndex;
    for (std::size_t i = 0; i < credentials_.size() && !credentialIndex; ++i) {
      if (credentials_[i].realm == parsed->realm) {
        credentialIndex = i;
      }
    }
    for (std::size_t i = 0; i < credentials_.size() && !credentialIndex; ++i) {
      if (credentials_[i].realm.empty()) {
        credentialIndex = i;
      }
    }
    if (!credentialIndex) {
      missingCredentials = true;
      continue;
    }
    if (!canAnswer(credentials_[*credentialIndex], hashFunctionOf(*algorithm))) {
      continue;
    }
    const int rank = preference(*algorithm);
    auto found = best.find(parsed->realm);
    if (found == best.end() || found->second.rank < rank) {
      std::string realm = parsed->realm;  // read before the move below
      best[std::move(realm)] = Candidate{std::move(parsed).value(), *credentialIndex, rank};
    }
  }
  if (best.empty()) {
    if (!sawDigest) {
      return ClientError::NoChallenge;
    }
    if (!sawParsed) {
      return ClientError::Malformed;
    }
    return missingCredentials ? ClientError::NoCredentialsForRealm
                              : ClientError::NoSupportedAlgorithm;
  }

  // Loop checks for every realm before any state changes.
  for (const auto& [realm, candidate] : best) {
    auto state = realms_.find(realm);
    if (state == realms_.end()) {
      continue;
    }
    const bool sameNonce = state->second.challenge.nonce == candidate.challenge.nonce;
    if (candidate.challenge.stale) {
      if (state->second.staleRetries >= options_.maxStaleRetries) {
        return ClientError::TooManyStale;
      }
    } else if (sameNonce) {
      return ClientError::RepeatedChallenge;
    } else if (state->second.answered > 0) {
      return ClientError::CredentialsRejected;
    }
  }

  std::vector<AuthorizationHeader> headers;
  std::map<std::string, RealmState, std::less<>> updates;
  for (auto& [realm, candidate] : best) {
    auto cnonce = randomCnonce();
    if (!cnonce) {
      return ClientError::RandomFailure;
    }
    const AnswerInputs inputs{method, uri, *cnonce, 1, body};
    auto value =
        buildAuthorization(candidate.challenge, credentials_[candidate.credentialIndex], inputs);
    if (!value) {
      return value.error();
    }
    RealmState next;
    if (auto previous = realms_.find(realm); previous != realms_.end()) {
      next = previous->second;
    }
    next.kind = kind;
    next.staleRetries = candidate.challenge.stale ? next.staleRetries + 1 : 0;
    next.answered += 1;
    next.challenge = std::move(candidate.challenge);
    next.credentialIndex = candidate.credentialIndex;
    next.nc = 1;
    updates[realm] = std::move(next);
    headers.push_back(AuthorizationHeader{kind, realm, std::move(value).value()});
  }
  for (auto& [realm, state] : updates) {
    realms_[realm] = std::move(state);
  }
  return headers;
}

std::vector<AuthorizationHeader> ClientAuthSession::preemptive(
    std::string_view method, std::string_view uri, std::optional<std::string_view> body) {
  std::vector<AuthorizationHeader> headers;
  for (auto& [realm, state] : realms_) {
    // Reusing a nonce without qop would replay the same response; only qop answers count up.
    if (chooseQop(state.challenge).value_or("").empty() || state.nc == UINT32_MAX) {
      continue;
    }
    auto cnonce = randomCnonce();
    if (!cnonce) {
      break;
    }
    const AnswerInputs inputs{method, uri, *cnonce, state.nc + 1, body};
    auto value = buildAuthorization(state.challenge, credentials_[state.credentialIndex], inputs);
    if (!value) {
      continue;
    }
    state.nc += 1;
    headers.push_back(AuthorizationHeader{state.kind, realm, std::move(value).value()});
  }
  return headers;
}

void ClientAuthSession::onAccepted() {
  for (auto& [realm, state] : realms_) {
    state.answered = 0;
    state.staleRetries = 0;
  }
}

void ClientAuthSession::reset() {
  realms_.clear();
}

}  // namespace sb::sip::auth
