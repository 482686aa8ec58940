#include <gtest/gtest.h>

#include "auth_test_support.hpp"
#include "sip/auth/challenge.hpp"
#include "sip/auth/client.hpp"
#include "sip/auth/digest_hash.hpp"
#include "sip/auth/verifier.hpp"

namespace sb::sip::auth {
namespace {

using testing::FakeClock;
using testing::fixedSecret;

/// A client session against a real server-side verifier.
class SipAuthClientTest : public ::testing::Test {
 protected:
  SipAuthClientTest()
      : nonces_(fixedSecret(), NonceConfig{std::chrono::seconds(32)}, clock_.function()),
        verifier_(nonces_, VerifierConfig{"pbx"}),
        session_({ClientCredentials{"6001", "", "secret", {}, {}}}) {
    config_.realm = "pbx";
  }

  std::optional<ServerCredentials> lookup(std::string_view user) const {
    if (user == "6001") {
      return ServerCredentials::fromPassword(password_);
    }
    return std::nullopt;
  }

  VerifyResult verify(const std::string& header, std::string_view method = "INVITE") {
    return verifier_.verifyHeader(method, header,
                                  [this](std::string_view user) { return lookup(user); });
  }

  Result<std::vector<AuthorizationHeader>, ClientError> answer(
      const std::vector<std::string>& values, std::string_view method = "INVITE") {
    std::vector<std::string_view> views(values.begin(), values.end());
    return session_.answer(ChallengeKind::Server, views, method, "sip:100@pbx");
  }

  FakeClock clock_;
  NonceManager nonces_;
  DigestVerifier verifier_;
  ChallengeConfig config_;
  ClientAuthSession session_;
  std::string password_ = "secret";
};

TEST_F(SipAuthClientTest, PrefersSha256WhenBothAreOffered) {
  // Offer MD5 first to be sure the client chooses by strength, not order.
  config_.algorithms = {Algorithm::Md5, Algorithm::Sha256};
  auto headers = answer(buildChallenges(nonces_, config_));
  ASSERT_TRUE(headers) << clientErrorName(headers.error());
  ASSERT_EQ(headers->size(), 1u);
  EXPECT_EQ((*headers)[0].kind, ChallengeKind::Server);
  EXPECT_EQ((*headers)[0].realm, "pbx");
  auto parsed = parseCredentials((*headers)[0].value);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->effectiveAlgorithm(), Algorithm::Sha256);
  EXPECT_EQ(parsed->qop, "auth");
  EXPECT_EQ(parsed->nc, "00000001");
  EXPECT_EQ(parsed->cnonce->size(), 32u);
  EXPECT_EQ(verify((*headers)[0].value).outcome, VerifyOutcome::Ok);
}

TEST_F(SipAuthClientTest, UsesMd5WhenOnlyMd5IsOfferedOrOnlyMd5Ha1IsKnown) {
  config_.algorithms = {Algorithm::Md5};
  auto headers = answer(buildChallenges(nonces_, config_));
  ASSERT_TRUE(headers);
  EXPECT_EQ(verify((*headers)[0].value).outcome, VerifyOutcome::Ok);

  auto md5 = computeHa1(HashFunction::Md5, "6001", "pbx", "secret");
  ASSERT_TRUE(md5);
  ClientAuthSession ha1Session({ClientCredentials{"6001", "pbx", std::nullopt, *md5, {}}});
  const std::vector<std::string> both = buildChallenges(nonces_, config_);
  std::vector<std::string_view> views(both.begin(), both.end());
  auto ha1Headers = ha1Session.answer(ChallengeKind::Proxy, views, "INVITE", "sip:100@pbx");
  ASSERT_TRUE(ha1Headers);
  EXPECT_EQ((*ha1Headers)[0].kind, ChallengeKind::Proxy);
  auto parsed = parseCredentials((*ha1Headers)[0].value);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->effectiveAlgorithm(), Algorithm::Md5);
  EXPECT_EQ(verify((*ha1Headers)[0].value).outcome, VerifyOutcome::Ok);
}

TEST_F(SipAuthClientTest, RefusesToAnswerTheSameChallengeTwice) {
  const std::vector<std::string> challenge = buildChallenges(nonces_, config_);
  ASSERT_TRUE(answer(challenge));
  auto again = answer(challenge);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error(), ClientError::RepeatedChallenge);
}

TEST_F(SipAuthClientTest, RefusesAFreshChallengeAfterAnsweringOne) {
  password_ = "changed";  // the server no longer accepts our password
  auto first = answer(buildChallenges(nonces_, config_));
  ASSERT_TRUE(first);
  EXPECT_EQ(verify((*first)[0].value).outcome, VerifyOutcome::ResponseMismatch);
  auto second = answer(buildChallenges(nonces_, config_));
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error(), ClientError::CredentialsRejected);
}

TEST_F(SipAuthClientTest, AnswersStaleChallengeButNotForever) {
  auto first = answer(buildChallenges(nonces_, config_));
  ASSERT_TRUE(first);
  clock_.advance(std::chrono::seconds(40));
  const VerifyResult result = verify((*first)[0].value);
  ASSERT_EQ(result.outcome, VerifyOutcome::StaleNonce);
  auto second = answer(buildChallenges(nonces_, config_, result.stale()));
  ASSERT_TRUE(second) << clientErrorName(second.error());
  EXPECT_EQ(verify((*second)[0].value).outcome, VerifyOutcome::Ok);

  EXPECT_TRUE(answer(buildChallenges(nonces_, config_, true)));
  auto third = answer(buildChallenges(nonces_, config_, true));
  ASSERT_FALSE(third);
  EXPECT_EQ(third.error(), ClientError::TooManyStale);
}

TEST_F(SipAuthClientTest, OnAcceptedAllowsTheNextRequestToBeChallenged) {
  ASSERT_TRUE(answer(buildChallenges(nonces_, config_)));
  session_.onAccepted();
  auto next = answer(buildChallenges(nonces_, config_), "BYE");
  ASSERT_TRUE(next) << clientErrorName(next.error());
  EXPECT_EQ(verify((*next)[0].value, "BYE").outcome, VerifyOutcome::Ok);
}

TEST_F(SipAuthClientTest, PreemptiveReusesTheNonceWithIncreasingNc) {
  auto first = answer(buildChallenges(nonces_, config_), "REGISTER");
  ASSERT_TRUE(first);
  EXPECT_EQ(verify((*first)[0].value, "REGISTER").outcome, VerifyOutcome::Ok);
  session_.onAccepted();
  for (const char* nc : {"00000002", "00000003"}) {
    auto headers = session_.preemptive("REGISTER", "sip:100@pbx");
    ASSERT_EQ(headers.size(), 1u);
    auto parsed = parseCredentials(headers[0].value);
    ASSERT_TRUE(parsed);
    EXPECT_EQ(parsed->nc, nc);
    EXPECT_EQ(verify(headers[0].value, "REGISTER").outcome, VerifyOutcome::Ok);
  }
  session_.reset();
  EXPECT_TRUE(session_.preemptive("REGISTER", "sip:100@pbx").empty());
}

TEST_F(SipAuthClientTest, ErrorsForUnanswerableChallenges) {
  EXPECT_EQ(answer({"Basic realm=\"x\""}).error(), ClientError::NoChallenge);
  EXPECT_EQ(answer({}).error(), ClientError::NoChallenge);
  EXPECT_EQ(answer({"Digest realm=\"x"}).error(), ClientError::Malformed);
  EXPECT_EQ(answer({"Digest realm=\"x\", nonce=\"n\", algorithm=SHA-512-256"}).error(),
            ClientError::NoSupportedAlgorithm);
  EXPECT_EQ(answer({"Digest realm=\"x\", nonce=\"n\", qop=\"other\""}).error(),
            ClientError::NoSupportedAlgorithm);

  ClientAuthSession scoped({ClientCredentials{"6001", "only-here", "secret", {}, {}}});
  const std::string value = "Digest realm=\"elsewhere\", nonce=\"n\"";
  std::vector<std::string_view> views{value};
  EXPECT_EQ(scoped.answer(ChallengeKind::Server, views, "INVITE", "sip:x").error(),
            ClientError::NoCredentialsForRealm);
}

TEST_F(SipAuthClientTest, AnswersEachRealmWithItsOwnCredentials) {
  ClientAuthSession multi(
      {ClientCredentials{"a", "one", "pa", {}, {}}, ClientCredentials{"b", "two", "pb", {}, {}}});
  const std::vector<std::string> values = {"Digest realm=\"one\", nonce=\"n1\", qop=\"auth\"",
                                           "Digest realm=\"two\", nonce=\"n2\", algorithm=SHA-256",
                                           "Digest realm=\"two\", nonce=\"n3\", algorithm=MD5"};
  std::vector<std::string_view> views(values.begin(), values.end());
  auto headers = multi.answer(ChallengeKind::Proxy, views, "INVITE", "sip:x");
  ASSERT_TRUE(headers);
  ASSERT_EQ(headers->size(), 2u);
  auto one = parseCredentials((*headers)[0].value);
  auto two = parseCredentials((*headers)[1].value);
  ASSERT_TRUE(one && two);
  EXPECT_EQ(one->username, "a");
  EXPECT_FALSE(one->algorithm);  // absent in the challenge, absent in the answer
  EXPECT_EQ(two->username, "b");
  EXPECT_EQ(two->nonce, "n2");
  EXPECT_FALSE(two->qop);  // legacy form
  EXPECT_FALSE(two->cnonce);
}

TEST_F(SipAuthClientTest, AuthIntHashesTheBody) {
  const DigestChallenge challenge{"r", "n", std::nullopt, std::nullopt, false, "MD5", {"auth-int"}};
  ClientCredentials credentials{"u", "", "p", {}, {}};
  auto a =
      buildAuthorization(challenge, credentials, AnswerInputs{"INVITE", "sip:x", "c", 1, "v=0"});
  auto b =
      buildAuthorization(challenge, credentials, AnswerInputs{"INVITE", "sip:x", "c", 1, "v=1"});
  ASSERT_TRUE(a && b);
  EXPECT_NE(*a, *b);
  auto parsed = parseCredentials(*a);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->qop, "auth-int");
}

}  // namespace
}  // namespace sb::sip::auth
