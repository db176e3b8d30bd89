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
  std::map<std::string, std::map<std::string, std::string>> written;  // kind -> what it holds now
  for (const auto& [kind, list] : records) {
    const auto& known = saved_[kind];
    auto& now = written[kind];
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
  }
  if (changes.empty()) {
    return std::size_t{0};
  }
  FAULTBOX_TRY_VOID(store_.apply(changes));
  for (auto& [kind, now] : written) {
    saved_[kind] = std::move(now);
  }
  return changes.size();
}

}  // namespace faultbox::store
