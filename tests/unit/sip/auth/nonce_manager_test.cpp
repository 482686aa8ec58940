#include <gtest/gtest.h>

#include <set>
#include <thread>
#include <vector>

#include "auth_test_support.hpp"
#include "sip/auth/nonce_manager.hpp"

namespace sb::sip::auth {
namespace {

using testing::FakeClock;
using testing::fixedSecret;

TEST(SipAuthNonceManager, IssuedNonceVerifiesForItsRealmAndBindingOnly) {
  FakeClock clock;
  NonceManager manager(fixedSecret(), {}, clock.function());
  const std::string nonce = manager.issue("example.com", "10.0.0.1");
  EXPECT_EQ(nonce.size(), 64u);
  EXPECT_EQ(manager.check(nonce, "example.com", "10.0.0.1").status, NonceStatus::Valid);
  EXPECT_EQ(manager.check(nonce, "example.org", "10.0.0.1").status, NonceStatus::Invalid);
  EXPECT_EQ(manager.check(nonce, "example.com", "10.0.0.2").status, NonceStatus::Invalid);
  EXPECT_EQ(manager.check(nonce, "example.com").status, NonceStatus::Invalid);
}

TEST(SipAuthNonceManager, NoncesAreUnique) {
  NonceManager manager(fixedSecret());
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    EXPECT_TRUE(seen.insert(manager.issue("r")).second);
  }
}

TEST(SipAuthNonceManager, ForgedOrDamagedNoncesAreInvalid) {
  NonceManager manager(fixedSecret(1));
  NonceManager other(fixedSecret(2));
  const std::string nonce = manager.issue("r");
  EXPECT_EQ(manager.check(other.issue("r"), "r").status, NonceStatus::Invalid);
  std::string flipped = nonce;
  flipped[3] = flipped[3] == 'A' ? 'B' : 'A';  // changes the timestamp
  EXPECT_EQ(manager.check(flipped, "r").status, NonceStatus::Invalid);
  EXPECT_EQ(manager.check("", "r").status, NonceStatus::Invalid);
  EXPECT_EQ(manager.check(nonce.substr(1), "r").status, NonceStatus::Invalid);
  EXPECT_EQ(manager.check(std::string(64, '!'), "r").status, NonceStatus::Invalid);
  EXPECT_EQ(manager.check(std::string(100000, 'A'), "r").status, NonceStatus::Invalid);
}

TEST(SipAuthNonceManager, NonceGoesStaleAfterLifetime) {
  FakeClock clock;
  NonceManager manager(fixedSecret(), NonceConfig{std::chrono::seconds(32)}, clock.function());
  const std::string nonce = manager.issue("r");
  clock.advance(std::chrono::seconds(32));
  EXPECT_EQ(manager.check(nonce, "r").status, NonceStatus::Valid);
  clock.advance(std::chrono::seconds(1));
  EXPECT_EQ(manager.check(nonce, "r").status, NonceStatus::Stale);
}

TEST(SipAuthNonceManager, NonceCountMustIncrease) {
  FakeClock clock;
  NonceManager manager(fixedSecret(), {}, clock.function());
  const NonceCheck nonce = manager.check(manager.issue("r"), "r");
  ASSERT_EQ(nonce.status, NonceStatus::Valid);
  EXPECT_EQ(manager.recordNonceCount(nonce, 1), NonceCountResult::Accepted);
  EXPECT_EQ(manager.recordNonceCount(nonce, 1), NonceCountResult::Replayed);
  EXPECT_EQ(manager.recordNonceCount(nonce, 3), NonceCountResult::Accepted);
  EXPECT_EQ(manager.recordNonceCount(nonce, 2), NonceCountResult::Replayed);
  EXPECT_EQ(manager.recordNonceCount(nonce, 4), NonceCountResult::Accepted);
  EXPECT_EQ(manager.trackedCount(), 1u);
}

TEST(SipAuthNonceManager, TableIsBoundedAndEvictedNoncesCountAsForgotten) {
  FakeClock clock;
  NonceManager manager(fixedSecret(), NonceConfig{std::chrono::seconds(32), 3}, clock.function());
  std::vector<NonceCheck> nonces;
  for (int i = 0; i < 5; ++i) {
    nonces.push_back(manager.check(manager.issue("r"), "r"));
    clock.advance(std::chrono::seconds(1));
  }
  for (const NonceCheck& nonce : nonces) {
    EXPECT_EQ(manager.recordNonceCount(nonce, 1), NonceCountResult::Accepted);
  }
  EXPECT_EQ(manager.trackedCount(), 3u);
  // The two oldest were evicted: they must not be replayable, nor start over.
  EXPECT_EQ(manager.recordNonceCount(nonces[0], 1), NonceCountResult::Forgotten);
  EXPECT_EQ(manager.recordNonceCount(nonces[1], 2), NonceCountResult::Forgotten);
  EXPECT_EQ(manager.recordNonceCount(nonces[4], 1), NonceCountResult::Replayed);
  EXPECT_EQ(manager.recordNonceCount(nonces[4], 2), NonceCountResult::Accepted);
}

TEST(SipAuthNonceManager, ExpiredEntriesArePurged) {
  FakeClock clock;
  NonceManager manager(fixedSecret(), NonceConfig{std::chrono::seconds(10)}, clock.function());
  const NonceCheck old = manager.check(manager.issue("r"), "r");
  EXPECT_EQ(manager.recordNonceCount(old, 1), NonceCountResult::Accepted);
  clock.advance(std::chrono::seconds(11));
  const NonceCheck fresh = manager.check(manager.issue("r"), "r");
  EXPECT_EQ(manager.recordNonceCount(fresh, 1), NonceCountResult::Accepted);
  EXPECT_EQ(manager.trackedCount(), 1u);
  EXPECT_EQ(manager.recordNonceCount(old, 2), NonceCountResult::Forgotten);
}

TEST(SipAuthNonceManager, ConcurrentUseIsSafe) {
  auto manager = NonceManager::create();
  ASSERT_TRUE(manager);
  std::vector<std::thread> threads;
  std::atomic<int> accepted{0};
  const NonceCheck shared = manager->check(manager->issue("r"), "r");
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (std::uint32_t nc = 1; nc <= 200; ++nc) {
        if (manager->recordNonceCount(shared, nc) == NonceCountResult::Accepted) {
          ++accepted;
        }
        const NonceCheck own = manager->check(manager->issue("r"), "r");
        EXPECT_EQ(own.status, NonceStatus::Valid);
        EXPECT_EQ(manager->recordNonceCount(own, 1), NonceCountResult::Accepted);
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  // Every nc value is accepted at most once across all threads.
  EXPECT_LE(accepted.load(), 200);
  EXPECT_GE(accepted.load(), 1);
}

}  // namespace
}  // namespace sb::sip::auth
