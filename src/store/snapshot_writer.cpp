#include "store/snapshot_writer.h"

#include <set>

#include "core/json_text.h"

namespace faultbox::store {

void SnapshotWriter::know(const std::string& kind,
                          const std::vector<std::pair<std::string, nlohmann::json>>& records) {
  auto& known = saved_[kind];
  known.clear();
  for (const auto& [id, body] : records) {
    known[id] = body;
  }
}

Result<std::size_t> SnapshotWriter::write(Records records) {
  std::vector<Store::Change> changes;
  // What to remember once the changes are in the store: a new or changed body, or a removal.
  struct Remembered {
    std::map<std::string, nlohmann::json>* known;
    std::string id;
    nlohmann::json* body;  // nullptr: removed
  };
  std::vector<Remembered> remember;
  for (auto& [kind, list] : records) {
    auto& known = saved_[kind];
    std::size_t still_known = 0;
    for (auto& [id, body] : list) {
      auto it = known.find(id);
      if (body.is_discarded()) {
        if (it == known.end()) {
          return errors::internal("the lab's record " + kind + "/" + id +
                                  " was given as unchanged, but it was never saved");
        }
        ++still_known;
        continue;
      }
      if (it != known.end()) {
        ++still_known;
        if (it->second == body) {
          continue;
        }
      }
      changes.push_back({kind, id, json_text(body)});
      remember.push_back({&known, id, &body});
    }
    if (still_known == known.size()) {
      continue;  // every record known before is still there
    }
    std::set<std::string_view> present;
    for (const auto& [id, body] : list) {
      present.insert(id);
    }
    for (const auto& [id, body] : known) {
      if (!present.count(id)) {
        changes.push_back({kind, id, std::nullopt});
        remember.push_back({&known, id, nullptr});
      }
    }
  }
  if (changes.empty()) {
    return std::size_t{0};
  }
  FAULTBOX_TRY_VOID(store_.apply(changes));
  for (auto& [known, id, body] : remember) {
    if (body != nullptr) {
      (*known)[id] = std::move(*body);
    } else {
      known->erase(id);
    }
  }
  return changes.size();
}

}  // namespace faultbox::store
