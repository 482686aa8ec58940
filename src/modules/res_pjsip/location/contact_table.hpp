#pragma once
/// @file
/// The SQL side of the contact store: schema (with its version) and the prepared statements
/// that read and write the `contact` table. Not thread-safe: one thread uses it at a time.

#include <cstdint>
#include <string>
#include <vector>

#include "core/util/result.hpp"
#include "modules/res_pjsip/location/sqlite_util.hpp"
#include "modules/res_pjsip/location/stored_contact.hpp"

namespace sb::modules::res_pjsip {

/// Schema version written to `PRAGMA user_version`; bump it and add a migration step when the
/// table changes.
inline constexpr int kContactSchemaVersion = 1;

/// Prepared statements over the `contact` table of one connection.
class ContactTable {
 public:
  /// Creates or checks the schema on `db` (which must outlive the table) and prepares every
  /// statement once.
  static Result<ContactTable> open(sqlite3* db);

  Result<void> begin();  ///< BEGIN IMMEDIATE (takes the write lock up front)
  Result<void> commit();
  void rollback();  ///< no-op when no transaction is open

  Result<void> put(const StoredContact& contact);  ///< insert or replace by id
  Result<void> remove(const std::string& id);
  Result<void> removeAor(const std::string& aor);
  Result<void> removeExpired(std::int64_t now);  ///< expiresAt <= now
  Result<std::vector<StoredContact>> all();

 private:
  explicit ContactTable(sqlite3* db) : db_(db) {}

  sqlite3* db_;
  sqlite::Stmt begin_, commit_, rollback_;
  sqlite::Stmt put_, remove_, removeAor_, removeExpired_, all_;
};

}  // namespace sb::modules::res_pjsip
