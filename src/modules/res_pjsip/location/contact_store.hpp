#pragma once
/// @file
/// Durable store of registered contacts (SQLite, WAL, synchronous=FULL) with a storage thread
/// and group commit: the registrar answers 200 OK only once a binding is on disk, and the
/// reactor thread never waits for the disk.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/util/result.hpp"
#include "modules/res_pjsip/location/stored_contact.hpp"

namespace sb::modules::res_pjsip {

/// Tuning and test hooks of a ContactStore; the defaults suit production.
struct ContactStoreOptions {
  /// How long a statement waits for a lock held by another connection before failing.
  int busyTimeoutMs = 5000;
  /// Under load (the previous transaction carried more than one write), how long the storage
  /// thread lets writes gather before the next commit: one fsync then serves more of them
  /// (PostgreSQL's commit_delay). A lone write is never held back.
  std::chrono::microseconds groupCommitDelay{1000};
  /// Test hook: runs on the storage thread just before each COMMIT; returning false makes that
  /// commit fail (SQLite rolls it back), as a full disk or an I/O error would.
  std::function<bool()> beforeCommit;
};

/// The contacts table of one SQLite file, written by one storage thread.
///
/// Threading: after open() the connection is used only by the storage thread. loadAll() is
/// routed through that thread too (it queues an operation and blocks its caller until done),
/// so every method may be called from any thread, except from inside a completion that runs
/// on the storage thread (an inline executor), where loadAll() would deadlock.
///
/// Durability: WAL with synchronous=FULL, so a completion reporting ok means the change is in
/// the fsynced WAL and survives a process kill and a power loss. Operations queued while a
/// commit is running share the next transaction (and its fsync).
class ContactStore {
 public:
  /// Where completions are delivered (e.g. a function that posts to the reactor).
  using Executor = std::function<void(std::function<void()>)>;
  /// Completion of one queued write: ok, or not ok with the reason.
  using Done = std::function<void(bool ok, std::string error)>;

  /// Opens (creating the file, its folder must exist, and the schema if needed) and starts the
  /// storage thread. An empty `deliver` runs completions on the storage thread.
  static Result<std::unique_ptr<ContactStore>> open(const std::string& path, Executor deliver,
                                                    ContactStoreOptions options = {});
  /// Drains every queued operation (commits them, delivering their completions), then joins
  /// the storage thread.
  ~ContactStore();
  ContactStore(const ContactStore&) = delete;
  ContactStore& operator=(const ContactStore&) = delete;

  /// Reads every contact, deleting (and not returning) those with expiresAt <= now.
  /// Synchronous: runs on the storage thread, after every write queued before it. Meant for
  /// start-up.
  Result<std::vector<StoredContact>> loadAll(std::int64_t now);

  /// Queue writes; `done` runs through the executor once the write is committed durably (or
  /// failed). Operations queued together are committed in one transaction (group commit):
  /// the storage thread takes everything queued so far, runs it in one BEGIN
  /// IMMEDIATE..COMMIT, then delivers all their completions, in queue order, in one executor
  /// call. If any statement or the commit fails, the whole batch is rolled back and every
  /// operation of it gets done(false, reason); the store stays usable.
  void put(StoredContact contact, Done done);  ///< insert or replace by id
  void remove(std::string id, Done done);      ///< no error when the id is absent
  void removeAor(std::string aor, Done done);  ///< every contact of an AOR

  /// Committed work so far.
  struct Stats {
    std::uint64_t transactions = 0;  ///< committed transactions (batches)
    std::uint64_t operations = 0;    ///< operations they carried (loadAll included)
  };
  Stats stats() const;  ///< thread-safe

 private:
  struct Impl;
  explicit ContactStore(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sb::modules::res_pjsip
