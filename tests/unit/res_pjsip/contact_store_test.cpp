#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <ostream>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "modules/res_pjsip/location/contact_store.hpp"

namespace sb::modules::res_pjsip {
namespace {

using namespace std::chrono_literals;

/// Completions in the order they ran, for waiting on and checking.
class Completions {
 public:
  struct Entry {
    std::string label;
    bool ok;
    std::string error;
  };

  ContactStore::Done track(std::string label) {
    return [this, label = std::move(label)](bool ok, std::string error) {
      std::lock_guard lock(mutex_);
      entries_.push_back({label, ok, std::move(error)});
      changed_.notify_all();
    };
  }

  /// Waits (up to 5 s) until `count` completions ran.
  bool waitFor(std::size_t count) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, 5s, [&] { return entries_.size() >= count; });
  }

  std::vector<Entry> entries() {
    std::lock_guard lock(mutex_);
    return entries_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<Entry> entries_;
};

/// A gate a test hook can stop at until the test opens it.
class Gate {
 public:
  void arriveAndWait() {
    std::unique_lock lock(mutex_);
    arrived_ = true;
    changed_.notify_all();
    changed_.wait(lock, [&] { return open_; });
  }
  bool waitArrived() {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, 5s, [&] { return arrived_; });
  }
  void open() {
    std::lock_guard lock(mutex_);
    open_ = true;
    changed_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  bool arrived_ = false;
  bool open_ = false;
};

}  // namespace

/// Readable failures: gtest would otherwise print the bytes of the struct.
void PrintTo(const StoredContact& c, std::ostream* os) {
  *os << "{id=" << c.id << " aor=" << c.aor << " endpoint=" << c.endpoint << " uri=" << c.uri
      << " path=" << c.path << " userAgent=" << c.userAgent << " callId=" << c.callId
      << " cseq=" << c.cseq << " instance=" << c.instance << " regId=" << c.regId
      << " via=" << c.viaAddr << ":" << c.viaPort << " source=" << c.source
      << " regServer=" << c.regServer << " expiresAt=" << c.expiresAt << " q=" << c.q
      << " registeredAt=" << c.registeredAt << "}";
}

namespace {

const ContactStore::Executor kInline = [](std::function<void()> f) { f(); };

StoredContact contact(std::string aor, std::string hash, std::int64_t expiresAt = 4'000'000'000) {
  StoredContact c;
  c.id = aor + ";@" + hash;
  c.aor = std::move(aor);
  c.uri = "sip:" + hash + "@192.0.2.1:5060";
  c.expiresAt = expiresAt;
  return c;
}

class ContactStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (std::filesystem::temp_directory_path() / "contact_store.XXXXXX");
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    path_ = (dir_ / "contacts.db").string();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::unique_ptr<ContactStore> open(ContactStoreOptions options = {}) {
    auto store = ContactStore::open(path_, kInline, std::move(options));
    EXPECT_TRUE(store) << store.error().message;
    return store ? std::move(*store) : nullptr;
  }

  /// Reopens the file and reads it back, as a restart would.
  std::vector<StoredContact> reload(std::int64_t now = 0) {
    auto store = open();
    auto rows = store->loadAll(now);
    EXPECT_TRUE(rows) << rows.error().message;
    return rows ? *rows : std::vector<StoredContact>{};
  }

  std::filesystem::path dir_;
  std::string path_;
};

std::set<std::string> ids(const std::vector<StoredContact>& rows) {
  std::set<std::string> out;
  for (const auto& r : rows) {
    out.insert(r.id);
  }
  return out;
}

TEST_F(ContactStoreTest, RoundTripKeepsEveryField) {
  StoredContact full;
  full.id = "sip:alice@example.com;@9f2c";
  full.aor = "sip:alice@example.com";
  full.endpoint = "alice";
  full.uri = "<sip:alice@198.51.100.7:5062;transport=tcp;ob>";
  full.path = "<sip:edge1.example.com;lr>,<sip:edge2.example.com;lr>";
  full.userAgent = "Zoiper \xc3\xa9t\xc3\xa9 5.6";
  full.callId = std::string("a84b4c76e66710\0x", 16);  // embedded NUL survives
  full.cseq = 4'294'967'295u;
  full.instance = "\"<urn:uuid:00000000-0000-1000-8000-AABBCCDDEEFF>\"";
  full.regId = "1";
  full.viaAddr = "2001:db8::7";
  full.viaPort = 65535;
  full.source = "tcp:[2001:db8::7]:50123";
  full.regServer = "pbx-2";
  full.expiresAt = 1'900'000'000;
  full.q = 0.7;
  full.registeredAt = 1'899'996'400;
  StoredContact minimal = contact("sip:bob@example.com", "1");

  Completions done;
  {
    auto store = open();
    store->put(full, done.track("full"));
    store->put(minimal, done.track("minimal"));
    ASSERT_TRUE(done.waitFor(2));
  }
  for (const auto& e : done.entries()) {
    EXPECT_TRUE(e.ok) << e.label << ": " << e.error;
  }
  auto rows = reload(1'800'000'000);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0], full);  // ordered by id: alice before bob
  EXPECT_EQ(rows[1], minimal);
  EXPECT_EQ(rows[1].q, -1);
}

TEST_F(ContactStoreTest, PutReplacesById) {
  auto updated = contact("sip:a@x", "1");
  updated.cseq = 2;
  Completions done;
  auto store = open();
  store->put(contact("sip:a@x", "1"), done.track("first"));
  store->put(updated, done.track("second"));
  auto rows = store->loadAll(0);
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0], updated);
}

TEST_F(ContactStoreTest, RemoveAndRemoveAor) {
  Completions done;
  {
    auto store = open();
    store->put(contact("sip:a@x", "1"), done.track("a1"));
    store->put(contact("sip:a@x", "2"), done.track("a2"));
    store->put(contact("sip:b@x", "1"), done.track("b1"));
    store->put(contact("sip:b@x", "2"), done.track("b2"));
    store->put(contact("sip:c@x", "1"), done.track("c1"));
    store->remove("sip:a@x;@1", done.track("remove a1"));
    store->remove("sip:nobody@x;@1", done.track("remove absent"));
    store->removeAor("sip:b@x", done.track("remove b"));
    ASSERT_TRUE(done.waitFor(8));
  }
  for (const auto& e : done.entries()) {
    EXPECT_TRUE(e.ok) << e.label << ": " << e.error;
  }
  EXPECT_EQ(ids(reload()), (std::set<std::string>{"sip:a@x;@2", "sip:c@x;@1"}));
}

TEST_F(ContactStoreTest, LoadAllDropsExpiredRows) {
  Completions done;
  {
    auto store = open();
    store->put(contact("sip:a@x", "old", 100), done.track("old"));
    store->put(contact("sip:a@x", "edge", 200), done.track("edge"));
    store->put(contact("sip:a@x", "live", 300), done.track("live"));
    auto rows = store->loadAll(200);
    ASSERT_TRUE(rows) << rows.error().message;
    EXPECT_EQ(ids(*rows), (std::set<std::string>{"sip:a@x;@live"}));
  }
  // Deleted, not just skipped: an earlier clock still does not see them.
  EXPECT_EQ(ids(reload(0)), (std::set<std::string>{"sip:a@x;@live"}));
}

TEST_F(ContactStoreTest, CompletionsRunThroughTheExecutor) {
  std::mutex mutex;
  std::vector<std::function<void()>> posted;
  bool ran = false;
  auto store = ContactStore::open(path_, [&](std::function<void()> f) {
    std::lock_guard lock(mutex);
    posted.push_back(std::move(f));
  });
  ASSERT_TRUE(store);
  (*store)->put(contact("sip:a@x", "1"), [&](bool ok, std::string) { ran = ok; });
  ASSERT_TRUE((*store)->loadAll(0));  // the put's batch has committed by now
  EXPECT_FALSE(ran);                  // ...but its completion waits for the executor
  std::lock_guard lock(mutex);
  ASSERT_EQ(posted.size(), 1u);
  posted[0]();
  EXPECT_TRUE(ran);
}

TEST_F(ContactStoreTest, GroupCommitBatchesQueuedOperations) {
  // The first commit stalls (a slow disk) while 999 more puts queue up behind it.
  Gate firstCommit;
  int commits = 0;
  ContactStoreOptions options;
  options.beforeCommit = [&] {
    if (commits++ == 0) {
      firstCommit.arriveAndWait();
    }
    return true;
  };
  Completions done;
  auto store = open(options);
  store->put(contact("sip:a@x", "0"), done.track("0"));
  ASSERT_TRUE(firstCommit.waitArrived());
  for (int i = 1; i < 1000; ++i) {
    store->put(contact("sip:a@x", std::to_string(i)), done.track(std::to_string(i)));
  }
  firstCommit.open();
  ASSERT_TRUE(done.waitFor(1000));

  auto entries = done.entries();
  for (int i = 0; i < 1000; ++i) {
    EXPECT_EQ(entries[i].label, std::to_string(i));
    EXPECT_TRUE(entries[i].ok) << entries[i].error;
  }
  EXPECT_EQ(store->stats().transactions, 2u);
  EXPECT_EQ(store->stats().operations, 1000u);
  store.reset();
  EXPECT_EQ(reload().size(), 1000u);
}

TEST_F(ContactStoreTest, FailedCommitFailsTheWholeBatchAndStoreStaysUsable) {
  Gate firstCommit;
  int commits = 0;
  ContactStoreOptions options;
  options.beforeCommit = [&] {
    const int n = commits++;
    if (n == 0) {
      firstCommit.arriveAndWait();
    }
    return n != 1;  // the second commit fails
  };
  Completions done;
  {
    auto store = open(options);
    store->put(contact("sip:a@x", "before"), done.track("before"));
    ASSERT_TRUE(firstCommit.waitArrived());
    store->put(contact("sip:a@x", "lost1"), done.track("lost1"));
    store->remove("sip:a@x;@before", done.track("lost remove"));
    store->put(contact("sip:a@x", "lost2"), done.track("lost2"));
    firstCommit.open();
    ASSERT_TRUE(done.waitFor(4));
    store->put(contact("sip:a@x", "after"), done.track("after"));
    ASSERT_TRUE(done.waitFor(5));
    EXPECT_EQ(store->stats().transactions, 2u);
  }
  auto entries = done.entries();
  ASSERT_EQ(entries.size(), 5u);
  EXPECT_TRUE(entries[0].ok);
  for (int i = 1; i <= 3; ++i) {
    EXPECT_FALSE(entries[i].ok) << entries[i].label;
    EXPECT_NE(entries[i].error, "") << entries[i].label;
  }
  EXPECT_TRUE(entries[4].ok) << entries[4].error;
  EXPECT_EQ(ids(reload()), (std::set<std::string>{"sip:a@x;@before", "sip:a@x;@after"}));
}

TEST_F(ContactStoreTest, AcknowledgedWritesSurviveKill) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  const pid_t child = fork();
  ASSERT_NE(child, -1);
  if (child == 0) {
    // Child: acknowledge each committed id on the pipe, as the 200 OK would go out.
    close(fds[0]);
    const int out = fds[1];
    auto store = ContactStore::open(path_, kInline);
    if (!store) {
      _exit(2);
    }
    for (int i = 0; i < 200; ++i) {
      auto c = contact("sip:a@x", std::to_string(i));
      std::string line = c.id + "\n";
      (*store)->put(std::move(c), [out, line](bool ok, std::string) {
        if (ok && write(out, line.data(), line.size()) != static_cast<ssize_t>(line.size())) {
          _exit(3);
        }
      });
      std::this_thread::sleep_for(200us);  // a trickle, so the kill lands mid-stream
    }
    for (;;) {
      pause();
    }
  }
  close(fds[1]);
  std::vector<std::string> acked;
  std::string buffer;
  char chunk[512];
  while (acked.size() < 100) {
    const ssize_t n = read(fds[0], chunk, sizeof chunk);
    if (n <= 0) {
      break;
    }
    buffer.append(chunk, static_cast<std::size_t>(n));
    std::size_t end;
    while (acked.size() < 100 && (end = buffer.find('\n')) != std::string::npos) {
      acked.push_back(buffer.substr(0, end));
      buffer.erase(0, end + 1);
    }
  }
  kill(child, SIGKILL);
  int status = 0;
  waitpid(child, &status, 0);
  close(fds[0]);
  ASSERT_EQ(acked.size(), 100u) << "child status " << status;
  ASSERT_TRUE(WIFSIGNALED(status));

  auto present = ids(reload());
  for (const auto& id : acked) {
    EXPECT_TRUE(present.count(id)) << id << " was acknowledged but is gone";
  }
}

TEST_F(ContactStoreTest, OpenFailsWhenTheFolderIsMissing) {
  auto store = ContactStore::open((dir_ / "missing" / "contacts.db").string(), kInline);
  ASSERT_FALSE(store);
  EXPECT_NE(store.error().message.find("missing"), std::string::npos) << store.error().message;
}

TEST_F(ContactStoreTest, RefusesANewerSchema) {
  open().reset();  // creates schema version 1
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, "PRAGMA user_version = 99", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);
  }
  auto store = ContactStore::open(path_, kInline);
  ASSERT_FALSE(store);
  EXPECT_NE(store.error().message.find("99"), std::string::npos) << store.error().message;
}

}  // namespace
}  // namespace sb::modules::res_pjsip
