#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "auth_test_support.hpp"
#include "sip/auth/challenge.hpp"
#include "sip/auth/client.hpp"
#include "sip/auth/digest_hash.hpp"
#include "sip/auth/verifier.hpp"

namespace sb::sip::auth {
namespace {

using testing::FakeClock;
using testing::fixedSecret;

constexpr std::string_view kRealm = "switchboard";
constexpr std::string_view kUri = "sip:switchboard.example";

/// A server (nonce manager, challenge config, verifier) and one user "alice".
class SipAuthVerifierTest : public ::testing::Test {
 protected:
  SipAuthVerifierTest()
      : nonces_(fixedSecret(), NonceConfig{std::chrono::seconds(32)}, clock_.function()),
        verifier_(nonces_, VerifierConfig{std::string(kRealm)}) {
    challengeConfig_.realm = kRealm;
    stored_ = ServerCredentials::fromPassword("wonderland");
  }

  CredentialLookup lookup() {
    return [this](std::string_view user) -> std::optional<ServerCredentials> {
      ++lookups_;
      if (user == "alice") {
        return stored_;
      }
      return std::nullopt;
    };
  }

  /// The challenge for the given algorithm, parsed.
  DigestChallenge challenge(Algorithm algorithm, bool qop = true) {
    ChallengeConfig config = challengeConfig_;
    config.algorithms = {algorithm};
    config.qopAuth = qop;
    auto parsed = parseChallenge(buildChallenges(nonces_, config).front());
    EXPECT_TRUE(parsed);
    return parsed.value();
  }

  std::string answer(const DigestChallenge& challenge, std::string_view password,
                     std::uint32_t nc = 1, std::string_view user = "alice",
                     std::string_view method = "REGISTER") {
    ClientCredentials credentials{std::string(user), "", std::string(password), {}, {}};
    auto value = buildAuthorization(challenge, credentials,
                                    AnswerInputs{method, kUri, "c0ffee", nc, std::nullopt});
    EXPECT_TRUE(value);
    return value.ok() ? value.value() : std::string();
  }

  VerifyOutcome verify(std::string_view header, std::string_view method = "REGISTER") {
    return verifier_.verifyHeader(method, header, lookup()).outcome;
  }

  FakeClock clock_;
  NonceManager nonces_;
  DigestVerifier verifier_;
  ChallengeConfig challengeConfig_;
  ServerCredentials stored_;
  int lookups_ = 0;
};

TEST_F(SipAuthVerifierTest, RoundTripAllAlgorithmsWithAndWithoutQop) {
  VerifierConfig config{
      std::string(kRealm),
      {Algorithm::Sha256, Algorithm::Md5, Algorithm::Sha256Sess, Algorithm::Md5Sess}};
  DigestVerifier verifier(nonces_, config);
  for (Algorithm algorithm :
       {Algorithm::Md5, Algorithm::Sha256, Algorithm::Md5Sess, Algorithm::Sha256Sess}) {
    for (bool qop : {true, false}) {
      const std::string header = answer(challenge(algorithm, qop), "wonderland");
      const VerifyResult result = verifier.verifyHeader("REGISTER", header, lookup());
      EXPECT_EQ(result.outcome, VerifyOutcome::Ok)
          << algorithmName(algorithm) << " qop=" << qop << " " << verifyOutcomeName(result.outcome)
          << " " << header;
      EXPECT_EQ(result.username, "alice");
      EXPECT_EQ(result.algorithm, algorithm);
    }
  }
}

TEST_F(SipAuthVerifierTest, Rfc7616ExampleVerifiesWithPrecomputedHa1) {
  // The RFC's nonce is not ours, so check the response arithmetic through the client only.
  DigestChallenge rfc;
  rfc.realm = "http-auth@example.org";
  rfc.nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
  rfc.opaque = "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS";
  rfc.qopOptions = {"auth", "auth-int"};
  rfc.algorithm = "SHA-256";
  const auto ha1 = computeHa1(HashFunction::Sha256, "Mufasa", rfc.realm, "Circle of Life");
  ASSERT_TRUE(ha1);
  ClientCredentials credentials{"Mufasa", "", std::nullopt, std::nullopt, *ha1};
  auto value = buildAuthorization(
      rfc, credentials,
      AnswerInputs{"GET", "/dir/index.html", "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", 1,
                   std::nullopt});
  ASSERT_TRUE(value);
  auto parsed = parseCredentials(*value);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->response, "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
  EXPECT_EQ(parsed->opaque, rfc.opaque);
  EXPECT_EQ(parsed->qop, "auth");
  EXPECT_EQ(parsed->nc, "00000001");

  rfc.algorithm = "MD5";
  credentials.password = "Circle of Life";
  value = buildAuthorization(
      rfc, credentials,
      AnswerInputs{"GET", "/dir/index.html", "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", 1,
                   std::nullopt});
  ASSERT_TRUE(value);
  parsed = parseCredentials(*value);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->response, "8ca523f5e9506fed4657c9700eebdbec");
}

TEST_F(SipAuthVerifierTest, PrecomputedHa1Credentials) {
  const auto md5 = computeHa1(HashFunction::Md5, "alice", kRealm, "wonderland");
  const auto sha = computeHa1(HashFunction::Sha256, "alice", kRealm, "wonderland");
  ASSERT_TRUE(md5 && sha);

  stored_ = ServerCredentials::fromHa1(HashFunction::Md5, *md5);
  EXPECT_EQ(verify(answer(challenge(Algorithm::Md5), "wonderland")), VerifyOutcome::Ok);
  EXPECT_EQ(verify(answer(challenge(Algorithm::Sha256), "wonderland")),
            VerifyOutcome::NoCredentialForAlgorithm);

  stored_ = ServerCredentials::fromHa1(HashFunction::Sha256, *sha);
  EXPECT_EQ(verify(answer(challenge(Algorithm::Sha256), "wonderland")), VerifyOutcome::Ok);
  EXPECT_EQ(verify(answer(challenge(Algorithm::Md5), "wonderland")),
            VerifyOutcome::NoCredentialForAlgorithm);
}

TEST_F(SipAuthVerifierTest, WrongPasswordUnknownUserAndWrongMethod) {
  EXPECT_EQ(verify(answer(challenge(Algorithm::Sha256), "rabbit")),
            VerifyOutcome::ResponseMismatch);
  EXPECT_EQ(verify(answer(challenge(Algorithm::Sha256), "wonderland", 1, "mallory")),
            VerifyOutcome::UnknownUser);
  EXPECT_EQ(verify(answer(challenge(Algorithm::Md5), "wonderland"), "INVITE"),
            VerifyOutcome::ResponseMismatch);
}

TEST_F(SipAuthVerifierTest, UpperCaseResponseHexIsAccepted) {
  std::string header = answer(challenge(Algorithm::Md5), "wonderland");
  auto parsed = parseCredentials(header);
  ASSERT_TRUE(parsed);
  for (char& c : parsed->response) {
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  EXPECT_EQ(verifier_.verify("REGISTER", *parsed, lookup()).outcome, VerifyOutcome::Ok);
}

TEST_F(SipAuthVerifierTest, StaleNonceAfterLifetimeOnlyWithRightPassword) {
  const DigestChallenge old = challenge(Algorithm::Sha256);
  clock_.advance(std::chrono::seconds(33));
  const VerifyResult stale =
      verifier_.verifyHeader("REGISTER", answer(old, "wonderland"), lookup());
  EXPECT_EQ(stale.outcome, VerifyOutcome::StaleNonce);
  EXPECT_TRUE(stale.stale());
  EXPECT_EQ(verify(answer(old, "rabbit")), VerifyOutcome::ResponseMismatch);

  // The next challenge carries stale=true.
  auto next = parseChallenge(buildChallenges(nonces_, challengeConfig_, stale.stale()).front());
  ASSERT_TRUE(next);
  EXPECT_TRUE(next->stale);
  EXPECT_EQ(verify(answer(*next, "wonderland")), VerifyOutcome::Ok);
}

TEST_F(SipAuthVerifierTest, ForgedNonceIsRejectedBeforeLookingUpTheUser) {
  DigestChallenge forged = challenge(Algorithm::Md5);
  forged.nonce[10] = forged.nonce[10] == 'x' ? 'y' : 'x';
  EXPECT_EQ(verify(answer(forged, "wonderland")), VerifyOutcome::BadNonce);
  NonceManager otherServer(fixedSecret(99));
  forged.nonce = otherServer.issue(kRealm);
  EXPECT_EQ(verify(answer(forged, "wonderland")), VerifyOutcome::BadNonce);
  forged.nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
  EXPECT_EQ(verify(answer(forged, "wonderland")), VerifyOutcome::BadNonce);
  EXPECT_EQ(lookups_, 0);
}

TEST_F(SipAuthVerifierTest, NonceBoundToAnotherRealmOrBindingIsBad) {
  NonceManager& nonces = nonces_;
  DigestChallenge other = challenge(Algorithm::Md5);
  other.nonce = nonces.issue("elsewhere");
  EXPECT_EQ(verify(answer(other, "wonderland")), VerifyOutcome::BadNonce);

  ChallengeConfig config = challengeConfig_;
  auto bound = parseChallenge(buildChallenges(nonces_, config, false, "192.0.2.1:5060").front());
  ASSERT_TRUE(bound);
  const std::string header = answer(*bound, "wonderland");
  EXPECT_EQ(verifier_.verifyHeader("REGISTER", header, lookup(), "192.0.2.9:5060").outcome,
            VerifyOutcome::BadNonce);
  EXPECT_EQ(verifier_.verifyHeader("REGISTER", header, lookup(), "192.0.2.1:5060").outcome,
            VerifyOutcome::Ok);
}

TEST_F(SipAuthVerifierTest, ReplayedNonceCountIsRejectedAndIncreasingIsAccepted) {
  const DigestChallenge c = challenge(Algorithm::Sha256);
  const std::string first = answer(c, "wonderland", 1);
  EXPECT_EQ(verify(first), VerifyOutcome::Ok);
  EXPECT_EQ(verify(first), VerifyOutcome::ReplayedNonceCount);
  EXPECT_EQ(verify(answer(c, "wonderland", 2)), VerifyOutcome::Ok);
  EXPECT_EQ(verify(answer(c, "wonderland", 5)), VerifyOutcome::Ok);
  EXPECT_EQ(verify(answer(c, "wonderland", 4)), VerifyOutcome::ReplayedNonceCount);
  // A wrong password does not burn nonce-counts.
  EXPECT_EQ(verify(answer(c, "rabbit", 6)), VerifyOutcome::ResponseMismatch);
  EXPECT_EQ(verify(answer(c, "wonderland", 6)), VerifyOutcome::Ok);
}

TEST_F(SipAuthVerifierTest, ConfigurationLimits) {
  // Algorithm not offered.
  DigestVerifier md5Only(nonces_, VerifierConfig{std::string(kRealm), {Algorithm::Md5}});
  EXPECT_EQ(
      md5Only.verifyHeader("REGISTER", answer(challenge(Algorithm::Sha256), "wonderland"), lookup())
          .outcome,
      VerifyOutcome::AlgorithmUnsupported);
  EXPECT_EQ(verify(answer(challenge(Algorithm::Md5Sess), "wonderland")),
            VerifyOutcome::AlgorithmUnsupported);
  // No qop when required.
  DigestVerifier strict(
      nonces_, VerifierConfig{std::string(kRealm), {Algorithm::Sha256, Algorithm::Md5}, false});
  EXPECT_EQ(strict
                .verifyHeader("REGISTER", answer(challenge(Algorithm::Md5, false), "wonderland"),
                              lookup())
                .outcome,
            VerifyOutcome::QopUnsupported);
}

TEST_F(SipAuthVerifierTest, MalformedAndMissingCredentials) {
  EXPECT_EQ(verifier_.verifyHeader("REGISTER", std::nullopt, lookup()).outcome,
            VerifyOutcome::NoCredentials);
  EXPECT_EQ(verify("Basic YWxhZGRpbjpvcGVuc2VzYW1l"), VerifyOutcome::NoCredentials);
  const VerifyResult bad = verifier_.verifyHeader("REGISTER", "Digest username=\"x", lookup());
  EXPECT_EQ(bad.outcome, VerifyOutcome::Malformed);
  EXPECT_EQ(bad.parseError, ParseError::UnterminatedQuote);

  const std::string good = answer(challenge(Algorithm::Md5), "wonderland");
  auto parsed = parseCredentials(good);
  ASSERT_TRUE(parsed);
  DigestCredentials broken = *parsed;
  broken.nc = "1";
  EXPECT_EQ(verifier_.verify("REGISTER", broken, lookup()).outcome, VerifyOutcome::Malformed);
  broken.nc = "00000000";
  EXPECT_EQ(verifier_.verify("REGISTER", broken, lookup()).outcome, VerifyOutcome::Malformed);
  broken = *parsed;
  broken.cnonce.reset();
  EXPECT_EQ(verifier_.verify("REGISTER", broken, lookup()).outcome, VerifyOutcome::Malformed);
  broken = *parsed;
  broken.response = "xyz";
  EXPECT_EQ(verifier_.verify("REGISTER", broken, lookup()).outcome, VerifyOutcome::Malformed);
  broken = *parsed;
  broken.qop = "auth-int";
  EXPECT_EQ(verifier_.verify("REGISTER", broken, lookup()).outcome, VerifyOutcome::QopUnsupported);
  broken = *parsed;
  broken.realm = "other";
  EXPECT_EQ(verifier_.verify("REGISTER", broken, lookup()).outcome, VerifyOutcome::RealmMismatch);
  broken = *parsed;
  broken.algorithm = "SHA-512-256";
  EXPECT_EQ(verifier_.verify("REGISTER", broken, lookup()).outcome,
            VerifyOutcome::AlgorithmUnsupported);
}

TEST_F(SipAuthVerifierTest, ChallengesDoNotDependOnTheUserAndOfferSha256First) {
  const std::vector<std::string> values = buildChallenges(nonces_, challengeConfig_);
  ASSERT_EQ(values.size(), 2u);
  auto sha = parseChallenge(values[0]);
  auto md5 = parseChallenge(values[1]);
  ASSERT_TRUE(sha && md5);
  EXPECT_EQ(sha->effectiveAlgorithm(), Algorithm::Sha256);
  EXPECT_EQ(md5->effectiveAlgorithm(), Algorithm::Md5);
  EXPECT_EQ(sha->nonce, md5->nonce);
  EXPECT_EQ(sha->realm, kRealm);
  EXPECT_TRUE(sha->offersQopAuth());
  EXPECT_FALSE(sha->stale);
  // Same shape for everyone: only the nonce differs between two challenges.
  std::vector<std::string> again = buildChallenges(nonces_, challengeConfig_);
  auto strip = [](std::string value, const std::string& nonce) {
    return value.replace(value.find(nonce), nonce.size(), "N");
  };
  auto sha2 = parseChallenge(again[0]);
  ASSERT_TRUE(sha2);
  EXPECT_EQ(strip(values[0], sha->nonce), strip(again[0], sha2->nonce));
  EXPECT_EQ(values[0].rfind("Digest realm=\"switchboard\", nonce=\"", 0), 0u) << values[0];
}

TEST_F(SipAuthVerifierTest, OmitMd5AlgorithmParam) {
  challengeConfig_.algorithms = {Algorithm::Md5};
  challengeConfig_.omitMd5AlgorithmParam = true;
  challengeConfig_.opaque = "op";
  const std::string value = buildChallenges(nonces_, challengeConfig_).front();
  EXPECT_EQ(value.find("algorithm"), std::string::npos);
  auto parsed = parseChallenge(value);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->opaque, "op");
  EXPECT_EQ(verify(answer(*parsed, "wonderland")), VerifyOutcome::Ok);
}

TEST_F(SipAuthVerifierTest, ConcurrentVerificationAcceptsEachNonceCountOnce) {
  // Answers prepared up front; the threads only verify (the client is not thread-safe).
  const DigestChallenge shared = challenge(Algorithm::Sha256);
  std::vector<std::string> sharedAnswers;
  for (std::uint32_t nc = 1; nc <= 50; ++nc) {
    sharedAnswers.push_back(answer(shared, "wonderland", nc));
  }
  std::vector<std::vector<std::string>> ownAnswers(4);
  for (auto& own : ownAnswers) {
    for (int i = 0; i < 20; ++i) {
      own.push_back(answer(challenge(Algorithm::Md5), "wonderland"));
    }
  }
  std::atomic<int> sharedOk{0};
  std::atomic<int> ownOk{0};
  const CredentialLookup threadSafeLookup =
      [](std::string_view user) -> std::optional<ServerCredentials> {
    if (user == "alice") {
      return ServerCredentials::fromPassword("wonderland");
    }
    return std::nullopt;
  };
  std::vector<std::thread> threads;
  for (const auto& own : ownAnswers) {
    threads.emplace_back([&, own] {
      for (const std::string& header : sharedAnswers) {
        if (verifier_.verifyHeader("REGISTER", header, threadSafeLookup).ok()) {
          ++sharedOk;
        }
      }
      for (const std::string& header : own) {
        if (verifier_.verifyHeader("REGISTER", header, threadSafeLookup).ok()) {
          ++ownOk;
        }
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  // Each (nonce, nc) is accepted at most once however the threads interleave.
  EXPECT_GE(sharedOk.load(), 1);
  EXPECT_LE(sharedOk.load(), 50);
  EXPECT_EQ(ownOk.load(), 80);
}

}  // namespace
}  // namespace sb::sip::auth
