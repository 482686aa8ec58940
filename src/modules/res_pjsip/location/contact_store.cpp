#include "modules/res_pjsip/location/contact_store.hpp"

#include <atomic>
#include <condition_variable>
#include <future>
#include <iterator>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>

#include "modules/res_pjsip/location/contact_table.hpp"
#include "modules/res_pjsip/location/sqlite_util.hpp"

namespace sb::modules::res_pjsip {
namespace {

/// One queued operation: what it does inside the batch's transaction, and whom to tell.
struct Operation {
  std::function<Result<void>(ContactTable&)> apply;
  ContactStore::Done done;
  bool doneInline = false;  ///< loadAll's waiter: must not go through the executor
};

}  // namespace

struct ContactStore::Impl {
  Executor deliver;
  ContactStoreOptions options;
  sqlite::Db db;                      // declared before table: statements finalize first
  std::optional<ContactTable> table;  // touched only by the storage thread after open()

  std::mutex mutex;
  std::condition_variable wake;
  std::vector<Operation> queue;  // guarded by mutex
  bool stopping = false;         // guarded by mutex

  std::atomic<std::uint64_t> transactions{0};
  std::atomic<std::uint64_t> operations{0};
  std::thread thread;

  static constexpr std::size_t kMaxBatch = 1024;

  /// What the storage thread is doing, so that writers wake it only when it should act.
  enum class Phase { Committing, Idle, Gathering };
  Phase phase = Phase::Committing;  // guarded by mutex

  void enqueue(Operation op) {
    bool wakeUp = false;
    {
      std::lock_guard lock(mutex);
      queue.push_back(std::move(op));
      wakeUp = phase == Phase::Idle || (phase == Phase::Gathering && queue.size() >= kMaxBatch);
    }
    if (wakeUp) {
      wake.notify_one();
    }
  }

  void run() {
    std::vector<Operation> batch;
    std::size_t lastBatch = 0;
    for (;;) {
      {
        std::unique_lock lock(mutex);
        phase = Phase::Idle;
        wake.wait(lock, [&] { return !queue.empty() || stopping; });
        if (queue.empty()) {
          return;  // stopping, and everything queued has been committed
        }
        if (lastBatch > 1 && options.groupCommitDelay.count() > 0 && !stopping) {
          // Writes are arriving concurrently: let the next few join this transaction.
          phase = Phase::Gathering;
          wake.wait_for(lock, options.groupCommitDelay,
                        [&] { return queue.size() >= kMaxBatch || stopping; });
        }
        phase = Phase::Committing;
        // Group commit: take what queued up during the last fsync, bounded so that the first
        // of a burst is not held back by one huge transaction.
        if (queue.size() <= kMaxBatch) {
          batch.swap(queue);
        } else {
          batch.assign(std::make_move_iterator(queue.begin()),
                       std::make_move_iterator(queue.begin() + kMaxBatch));
          queue.erase(queue.begin(), queue.begin() + kMaxBatch);
        }
      }
      lastBatch = batch.size();
      commitBatch(batch);
      batch.clear();
    }
  }

  void commitBatch(std::vector<Operation>& batch) {
    Result<void> outcome = table->begin();
    for (auto it = batch.begin(); outcome && it != batch.end(); ++it) {
      outcome = it->apply(*table);  // stop at the first failure: the transaction may be gone
    }
    if (outcome) {
      outcome = table->commit();
    }
    if (outcome) {
      transactions.fetch_add(1, std::memory_order_relaxed);
      operations.fetch_add(batch.size(), std::memory_order_relaxed);
    } else {
      table->rollback();
    }
    const bool ok = outcome.ok();
    const std::string error = ok ? std::string() : outcome.error().message;

    std::vector<Done> viaExecutor;
    std::vector<Done> waiters;
    viaExecutor.reserve(batch.size());
    for (auto& op : batch) {
      if (op.doneInline) {
        waiters.push_back(std::move(op.done));
      } else if (op.done) {
        viaExecutor.push_back(std::move(op.done));
      }
    }
    if (!viaExecutor.empty()) {
      // One executor call per batch: one wake-up of the reactor however large the batch.
      auto completions = [dones = std::move(viaExecutor), ok, error] {
        for (const auto& done : dones) {
          done(ok, error);
        }
      };
      if (deliver) {
        deliver(std::move(completions));
      } else {
        completions();
      }
    }
    // Waiters last: when loadAll() returns, the completions of earlier writes are posted.
    for (auto& waiter : waiters) {
      waiter(ok, error);
    }
  }
};

ContactStore::ContactStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Result<std::unique_ptr<ContactStore>> ContactStore::open(const std::string& path, Executor deliver,
                                                         ContactStoreOptions options) {
  auto impl = std::make_unique<Impl>();
  impl->deliver = std::move(deliver);
  impl->options = std::move(options);

  auto db = sqlite::openDb(path, impl->options.busyTimeoutMs);
  if (!db) {
    return db.error();
  }
  impl->db = std::move(*db);
  sqlite3* handle = impl->db.get();

  // WAL: commits append to one file and readers never block the writer. FULL: each commit
  // fsyncs the WAL, so an acknowledged write survives power loss as well as kill -9.
  auto mode = sqlite::prepare(handle, "PRAGMA journal_mode = WAL");
  if (!mode) {
    return mode.error();
  }
  if (sqlite3_step(mode->get()) != SQLITE_ROW ||
      sqlite::columnText(mode->get(), 0) != std::string("wal")) {
    return sqlite::errorOf(handle, "cannot switch " + path + " to WAL mode");
  }
  mode->reset();  // finalize: an unfinished PRAGMA statement would hold a read lock
  if (auto r = sqlite::exec(handle, "PRAGMA synchronous = FULL"); !r) {
    return r.error();
  }

  auto table = ContactTable::open(handle);
  if (!table) {
    return Error{path + ": " + table.error().message};
  }
  impl->table.emplace(std::move(*table));

  if (impl->options.beforeCommit) {
    // Returning non-zero from a commit hook turns the COMMIT into a ROLLBACK.
    sqlite3_commit_hook(
        handle, [](void* self) { return static_cast<Impl*>(self)->options.beforeCommit() ? 0 : 1; },
        impl.get());
  }

  Impl* raw = impl.get();
  impl->thread = std::thread([raw] { raw->run(); });
  return std::unique_ptr<ContactStore>(new ContactStore(std::move(impl)));
}

ContactStore::~ContactStore() {
  {
    std::lock_guard lock(impl_->mutex);
    impl_->stopping = true;
  }
  impl_->wake.notify_one();
  impl_->thread.join();
}

Result<std::vector<StoredContact>> ContactStore::loadAll(std::int64_t now) {
  auto rows = std::make_shared<std::vector<StoredContact>>();
  std::promise<std::pair<bool, std::string>> finished;
  auto result = finished.get_future();
  impl_->enqueue(Operation{[rows, now](ContactTable& table) -> Result<void> {
                             if (auto r = table.removeExpired(now); !r) {
                               return r;
                             }
                             auto all = table.all();
                             if (!all) {
                               return all.error();
                             }
                             *rows = std::move(*all);
                             return {};
                           },
                           [&finished](bool ok, std::string error) {
                             finished.set_value({ok, std::move(error)});
                           },
                           true});
  auto [ok, error] = result.get();
  if (!ok) {
    return Error{std::move(error)};
  }
  return std::move(*rows);
}

void ContactStore::put(StoredContact contact, Done done) {
  impl_->enqueue(
      Operation{[contact = std::move(contact)](ContactTable& table) { return table.put(contact); },
                std::move(done)});
}

void ContactStore::remove(std::string id, Done done) {
  impl_->enqueue(Operation{[id = std::move(id)](ContactTable& table) { return table.remove(id); },
                           std::move(done)});
}

void ContactStore::removeAor(std::string aor, Done done) {
  impl_->enqueue(
      Operation{[aor = std::move(aor)](ContactTable& table) { return table.removeAor(aor); },
                std::move(done)});
}

ContactStore::Stats ContactStore::stats() const {
  return Stats{impl_->transactions.load(std::memory_order_relaxed),
               impl_->operations.load(std::memory_order_relaxed)};
}

}  // namespace sb::modules::res_pjsip
