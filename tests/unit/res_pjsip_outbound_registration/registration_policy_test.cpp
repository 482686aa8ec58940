#include "modules/res_pjsip_outbound_registration/registration_policy.hpp"

#include <gtest/gtest.h>

namespace sb::modules::res_pjsip_outbound_registration {
namespace {

Outcome response(int code, std::string text = "Reason") {
  Outcome out;
  out.code = code;
  out.text = std::move(text);
  return out;
}

Outcome timeout() {
  Outcome out;
  out.kind = Outcome::Kind::Timeout;
  out.code = 408;
  return out;
}

Outcome authFailed(int code) {
  Outcome out;
  out.kind = Outcome::Kind::AuthFailed;
  out.code = code;
  out.text = "CredentialsRejected";
  return out;
}

TEST(RegistrationPolicyTest, SuccessRefreshesTenSecondsBeforeExpiry) {
  RegistrationConfig config;
  auto ok = response(200, "OK");
  ok.expires = 3600;
  const auto decision = decide(config, 4, ok, 0.5);
  EXPECT_EQ(decision.state, RegistrationState::Registered);
  ASSERT_TRUE(decision.delay);
  EXPECT_DOUBLE_EQ(*decision.delay, 3590);
  EXPECT_EQ(decision.retries, 0u);
  EXPECT_TRUE(decision.reason.empty());
}

TEST(RegistrationPolicyTest, ShortRegistrationsRefreshAtHalfTime) {
  EXPECT_DOUBLE_EQ(refreshDelay(3600), 3590);
  EXPECT_DOUBLE_EQ(refreshDelay(21), 11);
  EXPECT_DOUBLE_EQ(refreshDelay(20), 10);
  EXPECT_DOUBLE_EQ(refreshDelay(6), 3);
  EXPECT_DOUBLE_EQ(refreshDelay(1), 1);
  EXPECT_DOUBLE_EQ(refreshDelay(0), 1);
}

TEST(RegistrationPolicyTest, TemporaryFailureRetriesAtRetryInterval) {
  RegistrationConfig config;
  const auto decision = decide(config, 0, response(503, "Service Unavailable"), 0.5);
  EXPECT_EQ(decision.state, RegistrationState::Rejected);
  ASSERT_TRUE(decision.delay);
  EXPECT_DOUBLE_EQ(*decision.delay, 60);
  EXPECT_EQ(decision.retries, 1u);
  EXPECT_EQ(decision.reason, "503 Service Unavailable");
}

TEST(RegistrationPolicyTest, TimeoutIsFailedAndRetried) {
  RegistrationConfig config;
  config.retryInterval = 5;
  const auto decision = decide(config, 2, timeout(), 0.5);
  EXPECT_EQ(decision.state, RegistrationState::Failed);
  ASSERT_TRUE(decision.delay);
  EXPECT_DOUBLE_EQ(*decision.delay, 5);
  EXPECT_EQ(decision.retries, 3u);
  EXPECT_EQ(decision.reason, "timeout");
}

TEST(RegistrationPolicyTest, AfterMaxRetriesBacksOffInsteadOfGivingUp) {
  RegistrationConfig config;
  config.retryInterval = 60;
  config.maxRetries = 10;
  const auto first = decide(config, 10, timeout(), 0.5);
  ASSERT_TRUE(first.delay);
  EXPECT_DOUBLE_EQ(*first.delay, 120);  // 60 * 2, jitter factor 1.0
  EXPECT_EQ(first.retries, 11u);
  EXPECT_NE(first.reason.find("backing off"), std::string::npos);
  const auto later = decide(config, 40, timeout(), 0.5);
  ASSERT_TRUE(later.delay);
  EXPECT_DOUBLE_EQ(*later.delay, kBackoffCapSeconds);
}

TEST(RegistrationPolicyTest, BackoffIsCappedAndJittered) {
  EXPECT_DOUBLE_EQ(backoffDelay(60, 1, 0.5), 120);
  EXPECT_DOUBLE_EQ(backoffDelay(60, 1, 0.0), 96);
  EXPECT_NEAR(backoffDelay(60, 1, 1.0), 144, 1e-9);
  EXPECT_DOUBLE_EQ(backoffDelay(60, 100, 0.5), kBackoffCapSeconds);
  // An interval above the cap is kept, not shortened.
  EXPECT_DOUBLE_EQ(backoffDelay(7200, 3, 0.5), 7200);
}

TEST(RegistrationPolicyTest, ZeroRetryIntervalStops) {
  RegistrationConfig config;
  config.retryInterval = 0;
  const auto decision = decide(config, 0, timeout(), 0.5);
  EXPECT_EQ(decision.state, RegistrationState::Failed);
  EXPECT_FALSE(decision.delay);
}

TEST(RegistrationPolicyTest, ForbiddenStopsByDefault) {
  RegistrationConfig config;
  const auto decision = decide(config, 0, response(403, "Forbidden"), 0.5);
  EXPECT_EQ(decision.state, RegistrationState::Rejected);
  EXPECT_FALSE(decision.delay);
  EXPECT_NE(decision.reason.find("403 Forbidden"), std::string::npos);
}

TEST(RegistrationPolicyTest, ForbiddenFollowsForbiddenRetryInterval) {
  RegistrationConfig config;
  config.forbiddenRetryInterval = 30;
  config.fatalRetryInterval = 99;
  const auto decision = decide(config, 0, response(403, "Forbidden"), 0.5);
  EXPECT_EQ(decision.state, RegistrationState::Rejected);
  ASSERT_TRUE(decision.delay);
  EXPECT_DOUBLE_EQ(*decision.delay, 30);
}

TEST(RegistrationPolicyTest, OtherFatalFollowsFatalRetryInterval) {
  RegistrationConfig config;
  EXPECT_FALSE(decide(config, 0, response(404, "Not Found"), 0.5).delay);
  config.fatalRetryInterval = 20;
  const auto decision = decide(config, 0, response(404, "Not Found"), 0.5);
  ASSERT_TRUE(decision.delay);
  EXPECT_DOUBLE_EQ(*decision.delay, 20);
  // forbidden_retry_interval unset: a 403 falls back to fatal_retry_interval.
  const auto forbidden = decide(config, 0, response(403, "Forbidden"), 0.5);
  ASSERT_TRUE(forbidden.delay);
  EXPECT_DOUBLE_EQ(*forbidden.delay, 20);
}

TEST(RegistrationPolicyTest, RejectedCredentialsArePermanentByDefault) {
  RegistrationConfig config;
  const auto decision = decide(config, 0, authFailed(401), 0.5);
  EXPECT_EQ(decision.state, RegistrationState::Rejected);
  EXPECT_FALSE(decision.delay);
  EXPECT_NE(decision.reason.find("authentication rejected (401"), std::string::npos);

  config.authRejectionPermanent = false;
  const auto retried = decide(config, 0, authFailed(407), 0.5);
  ASSERT_TRUE(retried.delay);
  EXPECT_DOUBLE_EQ(*retried.delay, 60);
}

TEST(RegistrationPolicyTest, RetryAfterIsFollowedWithoutCountingARetry) {
  RegistrationConfig config;
  auto busy = response(503, "Service Unavailable");
  busy.retryAfter = 17;
  const auto decision = decide(config, 3, busy, 0.5);
  ASSERT_TRUE(decision.delay);
  EXPECT_DOUBLE_EQ(*decision.delay, 17);
  EXPECT_EQ(decision.retries, 3u);
}

TEST(RegistrationPolicyTest, StatusWords) {
  EXPECT_EQ(stateName(RegistrationState::Failed), "Failed");
  EXPECT_EQ(asteriskStatus(RegistrationState::Failed), "Rejected");
  EXPECT_EQ(asteriskStatus(RegistrationState::Stopped), "Unregistered");
  EXPECT_EQ(asteriskStatus(RegistrationState::Registered), "Registered");
}

}  // namespace
}  // namespace sb::modules::res_pjsip_outbound_registration
