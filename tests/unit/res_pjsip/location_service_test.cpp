#include "modules/res_pjsip/location/location_service.hpp"

#include <gtest/gtest.h>

#include <boost/asio/post.hpp>

#include <filesystem>
#include <thread>

namespace sb::modules::res_pjsip {
namespace {

StoredContact contact(const std::string& aor, const std::string& uri, std::int64_t expiresAt) {
  StoredContact stored;
  stored.id = aor + ";@" + uri;
  stored.aor = aor;
  stored.uri = uri;
  stored.expiresAt = expiresAt;
  return stored;
}

class LocationServiceTest : public ::testing::Test {
 protected:
  std::unique_ptr<LocationService> make(std::unique_ptr<ContactStore> store = nullptr) {
    return std::make_unique<LocationService>(io_, std::move(store), [this] { return now_; });
  }
  /// Runs posted completions until `flag` is set (bounded).
  void runUntil(const bool& flag) {
    // Completions come from the storage thread: poll the reactor until one arrived.
    for (int i = 0; i < 5000 && !flag; ++i) {
      io_.restart();
      if (io_.poll() == 0) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
      }
    }
  }

  boost::asio::io_context io_;
  std::int64_t now_ = 1000;
};

TEST_F(LocationServiceTest, AppliesPutsAndRemovalsAndHidesExpiredContacts) {
  auto location = make();
  std::vector<ContactEvent::Kind> events;
  auto observer =
      location->addObserver([&](const ContactEvent& event) { events.push_back(event.kind); });
  bool done = false;
  location->apply({{contact("a", "sip:1@x", 2000), contact("a", "sip:2@x", 1500)}, {}, "request"},
                  [&](bool ok) { done = ok; });
  runUntil(done);
  ASSERT_TRUE(done);
  EXPECT_EQ(location->contactsOf("a").size(), 2u);
  now_ = 1600;  // the second has expired: never returned, even before the sweep
  EXPECT_EQ(location->contactsOf("a").size(), 1u);
  location->sweep();
  EXPECT_EQ(location->size(), 1u);
  location->apply({{}, {"a;@sip:1@x"}, "request"}, nullptr);
  EXPECT_EQ(location->size(), 0u);
  EXPECT_EQ(events, (std::vector<ContactEvent::Kind>{
                        ContactEvent::Kind::Added, ContactEvent::Kind::Added,
                        ContactEvent::Kind::Expired, ContactEvent::Kind::Removed}));
}

TEST_F(LocationServiceTest, CompletesOnlyOnceDurableAndRestoresAfterRestart) {
  char pattern[] = "/tmp/sb-location-XXXXXX";
  const std::string dir = mkdtemp(pattern);
  const std::string path = dir + "/state.sqlite3";
  auto post = [this](std::function<void()> work) { boost::asio::post(io_, std::move(work)); };
  {
    auto store = ContactStore::open(path, post);
    ASSERT_TRUE(store);
    auto location = make(std::move(*store));
    ASSERT_TRUE(location->restore());
    bool done = false;
    location->apply({{contact("a", "sip:1@x", 5000), contact("b", "sip:2@x", 1200)}, {}, "r"},
                    [&](bool ok) { done = ok; });
    EXPECT_FALSE(done);  // not before the storage thread committed
    runUntil(done);
    ASSERT_TRUE(done);
  }
  now_ = 1300;  // b expired while "down"
  auto store = ContactStore::open(path, post);
  ASSERT_TRUE(store);
  auto location = make(std::move(*store));
  auto restored = location->restore();
  ASSERT_TRUE(restored);
  EXPECT_EQ(*restored, 1u);
  ASSERT_NE(location->find("a;@sip:1@x"), nullptr);
  EXPECT_EQ(location->find("a;@sip:1@x")->data.expiresAt, 5000);
  location.reset();
  std::filesystem::remove_all(dir);
}

TEST_F(LocationServiceTest, StateChangesAreReportedOnce) {
  auto location = make();
  location->apply({{contact("a", "sip:1@x", 2000)}, {}, "r"}, nullptr);
  int changes = 0;
  auto observer = location->addObserver([&](const ContactEvent& event) {
    changes += event.kind == ContactEvent::Kind::StateChanged;
  });
  location->setState("a;@sip:1@x", ContactState::Reachable, 12.5);
  location->setState("a;@sip:1@x", ContactState::Reachable, 13.0);
  EXPECT_EQ(changes, 1);
  EXPECT_DOUBLE_EQ(location->find("a;@sip:1@x")->rttMs, 13.0);
}

}  // namespace
}  // namespace sb::modules::res_pjsip
