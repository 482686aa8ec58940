#include "modules/res_pjsip/location/contact_table.hpp"

#include <utility>

namespace sb::modules::res_pjsip {
namespace {

// Every column NOT NULL: an absent value is "" / 0 / -1 as in StoredContact, so rows read back
// exactly as written. WITHOUT ROWID: the id is the only key we look rows up by.
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE IF NOT EXISTS contact (
  id            TEXT    NOT NULL PRIMARY KEY,
  aor           TEXT    NOT NULL,
  endpoint      TEXT    NOT NULL,
  uri           TEXT    NOT NULL,
  path          TEXT    NOT NULL,
  user_agent    TEXT    NOT NULL,
  call_id       TEXT    NOT NULL,
  cseq          INTEGER NOT NULL,
  instance      TEXT    NOT NULL,
  reg_id        TEXT    NOT NULL,
  via_addr      TEXT    NOT NULL,
  via_port      INTEGER NOT NULL,
  source        TEXT    NOT NULL,
  reg_server    TEXT    NOT NULL,
  expires_at    INTEGER NOT NULL,
  q             REAL    NOT NULL,
  registered_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS contact_by_aor ON contact(aor);
)sql";

constexpr const char* kColumns =
    "id, aor, endpoint, uri, path, user_agent, call_id, cseq, instance, reg_id, via_addr, "
    "via_port, source, reg_server, expires_at, q, registered_at";

Result<int> schemaVersion(sqlite3* db) {
  auto stmt = sqlite::prepare(db, "PRAGMA user_version");
  if (!stmt) {
    return stmt.error();
  }
  if (sqlite3_step(stmt->get()) != SQLITE_ROW) {
    return sqlite::errorOf(db, "cannot read the schema version");
  }
  return sqlite3_column_int(stmt->get(), 0);
}

/// Brings the file to kContactSchemaVersion; later versions add steps here.
Result<void> migrate(sqlite3* db) {
  if (auto r = sqlite::exec(db, "BEGIN IMMEDIATE"); !r) {
    return r;
  }
  // Read inside the write transaction so two processes opening a new file cannot both create.
  auto version = schemaVersion(db);
  Result<void> outcome;
  if (!version) {
    outcome = version.error();
  } else if (*version > kContactSchemaVersion) {
    outcome = Error{"contact store schema version " + std::to_string(*version) +
                    " is newer than this build understands (" +
                    std::to_string(kContactSchemaVersion) + ")"};
  } else if (*version == 0) {
    outcome = sqlite::exec(db, kSchemaV1);
    if (outcome) {
      outcome = sqlite::exec(db, "PRAGMA user_version = 1");
    }
  }
  if (!outcome) {
    sqlite::exec(db, "ROLLBACK").ok();  // keep the first error
    return outcome;
  }
  return sqlite::exec(db, "COMMIT");
}

}  // namespace

Result<ContactTable> ContactTable::open(sqlite3* db) {
  if (auto r = migrate(db); !r) {
    return r.error();
  }
  ContactTable table(db);
  const std::string columns = kColumns;
  const std::pair<sqlite::Stmt*, std::string> statements[] = {
      {&table.begin_, "BEGIN IMMEDIATE"},
      {&table.commit_, "COMMIT"},
      {&table.rollback_, "ROLLBACK"},
      // An upsert, not INSERT OR REPLACE: a refresh then updates the row in place instead of
      // deleting and inserting it, and leaves the aor index alone (the id begins with the
      // aor, so a conflict never changes it).
      {&table.put_, "INSERT INTO contact (" + columns +
                        ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
                        "?15, ?16, ?17) ON CONFLICT(id) DO UPDATE SET endpoint = ?3, uri = ?4, "
                        "path = ?5, user_agent = ?6, call_id = ?7, cseq = ?8, instance = ?9, "
                        "reg_id = ?10, via_addr = ?11, via_port = ?12, source = ?13, "
                        "reg_server = ?14, expires_at = ?15, q = ?16, registered_at = ?17"},
      {&table.remove_, "DELETE FROM contact WHERE id = ?1"},
      {&table.removeAor_, "DELETE FROM contact WHERE aor = ?1"},
      {&table.removeExpired_, "DELETE FROM contact WHERE expires_at <= ?1"},
      {&table.all_, "SELECT " + columns + " FROM contact ORDER BY id"},
  };
  for (const auto& [slot, sql] : statements) {
    auto stmt = sqlite::prepare(db, sql);
    if (!stmt) {
      return stmt.error();
    }
    *slot = std::move(*stmt);
  }
  return table;
}

Result<void> ContactTable::begin() {
  rollback();  // a transaction left open by an earlier failure must not swallow this batch
  return sqlite::run(db_, begin_.get(), "BEGIN");
}

Result<void> ContactTable::commit() {
  return sqlite::run(db_, commit_.get(), "COMMIT");
}

void ContactTable::rollback() {
  // Some errors (disk full, I/O) roll back on their own; a second ROLLBACK would only fail.
  if (sqlite3_get_autocommit(db_) == 0) {
    sqlite::run(db_, rollback_.get(), "ROLLBACK").ok();
  }
}

Result<void> ContactTable::put(const StoredContact& c) {
  sqlite3_stmt* s = put_.get();
  sqlite::bindText(s, 1, c.id);
  sqlite::bindText(s, 2, c.aor);
  sqlite::bindText(s, 3, c.endpoint);
  sqlite::bindText(s, 4, c.uri);
  sqlite::bindText(s, 5, c.path);
  sqlite::bindText(s, 6, c.userAgent);
  sqlite::bindText(s, 7, c.callId);
  sqlite3_bind_int64(s, 8, c.cseq);
  sqlite::bindText(s, 9, c.instance);
  sqlite::bindText(s, 10, c.regId);
  sqlite::bindText(s, 11, c.viaAddr);
  sqlite3_bind_int(s, 12, c.viaPort);
  sqlite::bindText(s, 13, c.source);
  sqlite::bindText(s, 14, c.regServer);
  sqlite3_bind_int64(s, 15, c.expiresAt);
  sqlite3_bind_double(s, 16, c.q);
  sqlite3_bind_int64(s, 17, c.registeredAt);
  return sqlite::run(db_, s, "cannot store contact", c.id);
}

Result<void> ContactTable::remove(const std::string& id) {
  sqlite::bindText(remove_.get(), 1, id);
  return sqlite::run(db_, remove_.get(), "cannot remove contact", id);
}

Result<void> ContactTable::removeAor(const std::string& aor) {
  sqlite::bindText(removeAor_.get(), 1, aor);
  return sqlite::run(db_, removeAor_.get(), "cannot remove the contacts of", aor);
}

Result<void> ContactTable::removeExpired(std::int64_t now) {
  sqlite3_bind_int64(removeExpired_.get(), 1, now);
  return sqlite::run(db_, removeExpired_.get(), "cannot remove expired contacts");
}

Result<std::vector<StoredContact>> ContactTable::all() {
  sqlite3_stmt* s = all_.get();
  sqlite::ResetGuard reset(s);
  std::vector<StoredContact> rows;
  int rc;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
    StoredContact& c = rows.emplace_back();
    c.id = sqlite::columnText(s, 0);
    c.aor = sqlite::columnText(s, 1);
    c.endpoint = sqlite::columnText(s, 2);
    c.uri = sqlite::columnText(s, 3);
    c.path = sqlite::columnText(s, 4);
    c.userAgent = sqlite::columnText(s, 5);
    c.callId = sqlite::columnText(s, 6);
    c.cseq = static_cast<std::uint32_t>(sqlite3_column_int64(s, 7));
    c.instance = sqlite::columnText(s, 8);
    c.regId = sqlite::columnText(s, 9);
    c.viaAddr = sqlite::columnText(s, 10);
    c.viaPort = static_cast<std::uint16_t>(sqlite3_column_int(s, 11));
    c.source = sqlite::columnText(s, 12);
    c.regServer = sqlite::columnText(s, 13);
    c.expiresAt = sqlite3_column_int64(s, 14);
    c.q = sqlite3_column_double(s, 15);
    c.registeredAt = sqlite3_column_int64(s, 16);
  }
  if (rc != SQLITE_DONE) {
    return sqlite::errorOf(db_, "cannot read contacts");
  }
  return rows;
}

}  // namespace sb::modules::res_pjsip
