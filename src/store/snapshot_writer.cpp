#include "store/snapshot_writer.h"

#include "core/json_text.h"

namespace faultbox::store {

void SnapshotWriter::know(const std::string& kind,
                          const std::vector<std::pair<std::string, nlohmann::json>>& records) {
  auto& known = saved_[kind];
  known.clear();
  for (const auto& [id, body] : records) {
    known[id] = json_text(body);
  }
}

Result<std::size_t> SnapshotWriter::write(const Records& records) {
  std::vector<Store::Change> changes;
  auto next = saved_;
  for (const auto& [kind, list] : records) {
    auto& known = next[kind];
    std::map<std::string, std::string> now;
    for (const auto& [id, body] : list) {
      auto text = json_text(body);
      auto it = known.find(id);
      if (it == known.end() || it->second != text) {
        changes.push_back({kind, id, text});
      }
      now.emplace(id, std::move(text));
    }
    for (const auto& [id, text] : known) {
      if (!now.count(id)) {
        changes.push_back({kind, id, std::nullopt});
      }
    }
    known = std::move(now);
  }
  if (changes.empty()) {
    return std::size_t{0};
  }
  FAULTBOX_TRY_VOID(store_.apply(changes));
  saved_ = std::move(next);
  return changes.size();
}

}  // namespace faultbox::store
