// Plain records by type and id; the store id is "<type>/<id>".
#include "cloud/records/stored_records.h"

namespace faultbox::cloud {

void StoredRecords::put(const std::string& type, const std::string& id, nlohmann::json body) {
  records_[type][id] = std::move(body);
}

void StoredRecords::remove(const std::string& type, const std::string& id) {
  records_[type].erase(id);
}

const std::map<std::string, nlohmann::json>& StoredRecords::of(const std::string& type) const {
  static const std::map<std::string, nlohmann::json> kNone;
  auto it = records_.find(type);
  return it == records_.end() ? kNone : it->second;
}

void StoredRecords::save(Records& out) const {
  auto& records = out["record"];
  for (const auto& [type, by_id] : records_) {
    for (const auto& [id, body] : by_id) {
      records.emplace_back(type + "/" + id,
                           nlohmann::json{{"type", type}, {"id", id}, {"body", body}});
    }
  }
}

Result<void> StoredRecords::restore(const Records& saved) {
  for (const auto& [key, j] : records_of(saved, "record")) {
    // Labs saved before the IAM directory kept IAM here: it has read them (cloud/iam).
    if (j.at("type").get<std::string>().starts_with("aws_iam_")) {
      continue;
    }
    records_[j.at("type")][j.at("id")] = j.at("body");
  }
  return {};
}

std::unique_ptr<Kind> make_stored_records(Cloud& cloud) {
  return std::make_unique<StoredRecords>(cloud);
}

}  // namespace faultbox::cloud
