// Keeps a Store equal to the lab's state by writing only what changed since the last write, in one
// transaction, so that it is cheap enough to run before every answer that may have changed
// something: a call the lab acknowledged is in the store when its answer leaves (SQLite's WAL,
// which a killed process does not lose).
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"
#include "store/store.h"

namespace faultbox::store {

class SnapshotWriter {
 public:
  // Every record of every kind: kind -> [(id, body)].
  using Records = std::map<std::string, std::vector<std::pair<std::string, nlohmann::json>>>;

  explicit SnapshotWriter(Store& store) : store_(store) {}

  // What the store holds now (read at start-up), so that the first write changes only what
  // differs from it.
  void know(const std::string& kind, const std::vector<std::pair<std::string, nlohmann::json>>&);

  // Makes the store hold `records` for each kind in it: new and changed records written, those
  // gone removed; the number of records written or removed. A kind not in `records` is left as
  // it is. Nothing is remembered of a write that failed, so the next one tries again. Records
  // are compared as documents, and only those that changed are turned into text: most of a lab
  // stays the same from one save to the next, and the answers to calls wait for these saves.
  // InternalFailure, and nothing written, for an unchanged() record never written before.
  Result<std::size_t> write(Records records);

  // The body of a record that its kind knows is as the last write left it: kept, without being
  // built or compared again.
  static nlohmann::json unchanged() { return nlohmann::json(nlohmann::json::value_t::discarded); }

 private:
  Store& store_;
  std::map<std::string, std::map<std::string, nlohmann::json>> saved_;  // kind -> id -> body
};

}  // namespace faultbox::store
