#include "store/store.h"

#include <sqlite3.h>

#include "core/json_text.h"

namespace faultbox::store {

namespace {
Error sqlite_error(sqlite3* db, const std::string& what) {
  return errors::internal(what + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
}

// Owns a prepared statement for the length of one call.
struct Statement {
  sqlite3_stmt* stmt = nullptr;
  ~Statement() { sqlite3_finalize(stmt); }
};
}  // namespace

Result<std::unique_ptr<Store>> Store::open(const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) {
    auto e = sqlite_error(db, "cannot open state database " + path);
    sqlite3_close(db);
    return e;
  }
  std::unique_ptr<Store> store(new Store(db));
  sqlite3_busy_timeout(db, 5000);
  FAULTBOX_TRY_VOID(store->exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"));
  FAULTBOX_TRY_VOID(
      store->exec("CREATE TABLE IF NOT EXISTS records (kind TEXT NOT NULL, id TEXT NOT NULL, "
                  "body TEXT NOT NULL, PRIMARY KEY (kind, id))"));
  return store;
}

Store::~Store() { sqlite3_close(db_); }

Result<void> Store::exec(const std::string& sql) {
  char* message = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    std::string text = message ? message : "unknown error";
    sqlite3_free(message);
    return errors::internal("state database: " + text);
  }
  return {};
}

Result<void> Store::put(const std::string& kind, const std::string& id,
                        const nlohmann::json& body) {
  Statement s;
  const char* sql = "INSERT OR REPLACE INTO records (kind, id, body) VALUES (?, ?, ?)";
  if (sqlite3_prepare_v2(db_, sql, -1, &s.stmt, nullptr) != SQLITE_OK) {
    return sqlite_error(db_, "cannot save " + kind + " " + id);
  }
  auto text = json_text(body);
  sqlite3_bind_text(s.stmt, 1, kind.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(s.stmt, 2, id.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(s.stmt, 3, text.c_str(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  if (sqlite3_step(s.stmt) != SQLITE_DONE) {
    return sqlite_error(db_, "cannot save " + kind + " " + id);
  }
  return {};
}

Result<void> Store::remove(const std::string& kind, const std::string& id) {
  Statement s;
  if (sqlite3_prepare_v2(db_, "DELETE FROM records WHERE kind = ? AND id = ?", -1, &s.stmt,
                         nullptr) != SQLITE_OK) {
    return sqlite_error(db_, "cannot remove " + kind + " " + id);
  }
  sqlite3_bind_text(s.stmt, 1, kind.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(s.stmt, 2, id.c_str(), -1, SQLITE_TRANSIENT);
  if (sqlite3_step(s.stmt) != SQLITE_DONE) {
    return sqlite_error(db_, "cannot remove " + kind + " " + id);
  }
  return {};
}

Result<void> Store::replace_kind(
    const std::string& kind, const std::vector<std::pair<std::string, nlohmann::json>>& records) {
  FAULTBOX_TRY_VOID(exec("BEGIN"));
  auto done = [&]() -> Result<void> {
    Statement s;
    if (sqlite3_prepare_v2(db_, "DELETE FROM records WHERE kind = ?", -1, &s.stmt, nullptr) !=
        SQLITE_OK) {
      return sqlite_error(db_, "cannot replace " + kind);
    }
    sqlite3_bind_text(s.stmt, 1, kind.c_str(), -1, SQLITE_TRANSIENT);
    if (sqlite3_step(s.stmt) != SQLITE_DONE) {
      return sqlite_error(db_, "cannot replace " + kind);
    }
    for (const auto& [id, body] : records) {
      FAULTBOX_TRY_VOID(put(kind, id, body));
    }
    return {};
  }();
  if (!done) {
    (void)exec("ROLLBACK");
    return done;
  }
  return exec("COMMIT");
}

Result<void> Store::apply(const std::vector<Change>& changes) {
  FAULTBOX_TRY_VOID(exec("BEGIN"));
  auto done = [&]() -> Result<void> {
    Statement put_record;
    Statement remove_record;
    if (sqlite3_prepare_v2(db_, "INSERT OR REPLACE INTO records (kind, id, body) VALUES (?, ?, ?)",
                           -1, &put_record.stmt, nullptr) != SQLITE_OK ||
        sqlite3_prepare_v2(db_, "DELETE FROM records WHERE kind = ? AND id = ?", -1,
                           &remove_record.stmt, nullptr) != SQLITE_OK) {
      return sqlite_error(db_, "cannot save the lab's state");
    }
    for (const auto& change : changes) {
      auto* stmt = change.body ? put_record.stmt : remove_record.stmt;
      sqlite3_reset(stmt);
      sqlite3_bind_text(stmt, 1, change.kind.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(stmt, 2, change.id.c_str(), -1, SQLITE_TRANSIENT);
      if (change.body) {
        sqlite3_bind_text(stmt, 3, change.body->c_str(), static_cast<int>(change.body->size()),
                          SQLITE_TRANSIENT);
      }
      if (sqlite3_step(stmt) != SQLITE_DONE) {
        return sqlite_error(db_, "cannot save " + change.kind + " " + change.id);
      }
    }
    return {};
  }();
  if (!done) {
    (void)exec("ROLLBACK");
    return done;
  }
  return exec("COMMIT");
}

Result<std::vector<std::string>> Store::kinds() const {
  Statement s;
  if (sqlite3_prepare_v2(db_, "SELECT DISTINCT kind FROM records ORDER BY kind", -1, &s.stmt,
                         nullptr) != SQLITE_OK) {
    return sqlite_error(db_, "cannot list the kinds of records");
  }
  std::vector<std::string> out;
  int rc;
  while ((rc = sqlite3_step(s.stmt)) == SQLITE_ROW) {
    out.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(s.stmt, 0)));
  }
  if (rc != SQLITE_DONE) {
    return sqlite_error(db_, "cannot list the kinds of records");
  }
  return out;
}

Result<std::vector<std::pair<std::string, nlohmann::json>>> Store::list(
    const std::string& kind) const {
  Statement s;
  if (sqlite3_prepare_v2(db_, "SELECT id, body FROM records WHERE kind = ? ORDER BY id", -1,
                         &s.stmt, nullptr) != SQLITE_OK) {
    return sqlite_error(db_, "cannot list " + kind);
  }
  sqlite3_bind_text(s.stmt, 1, kind.c_str(), -1, SQLITE_TRANSIENT);
  std::vector<std::pair<std::string, nlohmann::json>> out;
  int rc;
  while ((rc = sqlite3_step(s.stmt)) == SQLITE_ROW) {
    std::string id = reinterpret_cast<const char*>(sqlite3_column_text(s.stmt, 0));
    auto body = nlohmann::json::parse(reinterpret_cast<const char*>(sqlite3_column_text(s.stmt, 1)),
                                      nullptr, false);
    if (body.is_discarded()) {
      return errors::internal("state database: record " + kind + " " + id + " is corrupt");
    }
    out.emplace_back(std::move(id), std::move(body));
  }
  if (rc != SQLITE_DONE) {
    return sqlite_error(db_, "cannot list " + kind);
  }
  return out;
}

}  // namespace faultbox::store
