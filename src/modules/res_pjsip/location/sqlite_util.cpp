#include "modules/res_pjsip/location/sqlite_util.hpp"

namespace sb::modules::res_pjsip::sqlite {

Error errorOf(sqlite3* db, std::string_view what) {
  std::string message(what);
  message += ": ";
  message += db != nullptr ? sqlite3_errmsg(db) : "out of memory";
  message += " (code ";
  message += std::to_string(db != nullptr ? sqlite3_extended_errcode(db) : SQLITE_NOMEM);
  message += ")";
  return Error{std::move(message)};
}

Result<Db> openDb(const std::string& path, int busyTimeoutMs) {
  sqlite3* raw = nullptr;
  // NOMUTEX: one thread at a time uses the connection (the store hands it to its thread).
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  Db db(raw);  // a failed open still returns a handle that must be closed
  if (rc != SQLITE_OK) {
    return errorOf(db.get(), "cannot open " + path);
  }
  sqlite3_extended_result_codes(db.get(), 1);
  // Another process (a tool, a second instance) holding the lock makes us wait, not fail.
  sqlite3_busy_timeout(db.get(), busyTimeoutMs);
  return db;
}

Result<Stmt> prepare(sqlite3* db, std::string_view sql) {
  sqlite3_stmt* raw = nullptr;
  const int rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &raw, nullptr);
  Stmt stmt(raw);
  if (rc != SQLITE_OK) {
    return errorOf(db, "cannot prepare \"" + std::string(sql) + "\"");
  }
  return stmt;
}

Result<void> exec(sqlite3* db, const char* sql) {
  if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK) {
    return errorOf(db, sql);
  }
  return {};
}

Result<void> run(sqlite3* db, sqlite3_stmt* stmt, std::string_view what, std::string_view subject) {
  ResetGuard reset(stmt);
  const int rc = sqlite3_step(stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
    return errorOf(
        db, subject.empty() ? std::string(what) : std::string(what) + " " + std::string(subject));
  }
  return {};
}

void bindText(sqlite3_stmt* stmt, int index, const std::string& text) {
  sqlite3_bind_text64(stmt, index, text.data(), text.size(), SQLITE_STATIC, SQLITE_UTF8);
}

std::string columnText(sqlite3_stmt* stmt, int column) {
  const auto* text = static_cast<const char*>(sqlite3_column_blob(stmt, column));
  const int size = sqlite3_column_bytes(stmt, column);
  return text != nullptr ? std::string(text, static_cast<std::size_t>(size)) : std::string();
}

}  // namespace sb::modules::res_pjsip::sqlite
