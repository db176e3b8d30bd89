// Persistence of the lab's state in one SQLite file: every record is a JSON document keyed by
// kind ("instance", "stack", ...) and id. Control strand only; writes are synchronous.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"

struct sqlite3;

namespace faultbox::store {

class Store {
 public:
  // Opens (creating if needed) the database at `path`; ":memory:" for tests.
  static Result<std::unique_ptr<Store>> open(const std::string& path);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // Inserts or replaces one record.
  Result<void> put(const std::string& kind, const std::string& id, const nlohmann::json& body);
  // Removing a record that does not exist is not an error.
  Result<void> remove(const std::string& kind, const std::string& id);
  // Makes `records` the whole content of `kind`, in one transaction.
  Result<void> replace_kind(const std::string& kind,
                            const std::vector<std::pair<std::string, nlohmann::json>>& records);
  // One record written (body: its JSON text) or removed (no body).
  struct Change {
    std::string kind;
    std::string id;
    std::optional<std::string> body;
  };
  // Applies every change in one transaction: all of them or none.
  Result<void> apply(const std::vector<Change>& changes);
  // The kinds that have records, in order.
  Result<std::vector<std::string>> kinds() const;
  // Every record of a kind, ordered by id.
  Result<std::vector<std::pair<std::string, nlohmann::json>>> list(const std::string& kind) const;

 private:
  explicit Store(sqlite3* db) : db_(db) {}
  Result<void> exec(const std::string& sql);
  sqlite3* db_;
};

}  // namespace faultbox::store
