#pragma once
/// @file
/// Thin RAII and error helpers over the SQLite 3 C API, for the contact store.

#include <sqlite3.h>

#include <memory>
#include <string>
#include <string_view>

#include "core/util/result.hpp"

namespace sb::modules::res_pjsip::sqlite {

struct DbCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
/// An open connection; closed when destroyed.
using Db = std::unique_ptr<sqlite3, DbCloser>;

struct StmtFinalizer {
  void operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }
};
/// A prepared statement; finalized when destroyed.
using Stmt = std::unique_ptr<sqlite3_stmt, StmtFinalizer>;

/// Resets a prepared statement and clears its bindings at scope exit, so it is ready for reuse
/// and releases its read snapshot even when a step failed.
class ResetGuard {
 public:
  explicit ResetGuard(sqlite3_stmt* stmt) : stmt_(stmt) {}
  ~ResetGuard() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  ResetGuard(const ResetGuard&) = delete;
  ResetGuard& operator=(const ResetGuard&) = delete;

 private:
  sqlite3_stmt* stmt_;
};

/// "<what>: <sqlite message> (code N)" for the last failure on `db`.
Error errorOf(sqlite3* db, std::string_view what);

/// Opens (creating if needed) a read-write connection used by one thread at a time.
Result<Db> openDb(const std::string& path, int busyTimeoutMs);

/// Prepares one statement.
Result<Stmt> prepare(sqlite3* db, std::string_view sql);

/// Runs one or more statements that return no rows we need.
Result<void> exec(sqlite3* db, const char* sql);

/// Steps a prepared statement to completion (no rows expected), then resets it. A failure
/// reads "what subject: sqlite's message"; the text is only built on failure.
Result<void> run(sqlite3* db, sqlite3_stmt* stmt, std::string_view what,
                 std::string_view subject = {});

/// Binds a std::string by length (embedded NULs survive); the string must outlive the step.
void bindText(sqlite3_stmt* stmt, int index, const std::string& text);

/// Reads a text column by length; NULL reads as "".
std::string columnText(sqlite3_stmt* stmt, int column);

}  // namespace sb::modules::res_pjsip::sqlite
