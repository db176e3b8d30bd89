// Resources the lab keeps as plain JSON records, by type then id (IAM and network resources,
// which nothing runs): saved as "record" records.
#pragma once

#include <map>
#include <string>

#include "cloud/kind.h"

namespace faultbox::cloud {

class Cloud;

class StoredRecords final : public Kind {
 public:
  explicit StoredRecords(Cloud&) {}

  void put(const std::string& type, const std::string& id, nlohmann::json body);
  void remove(const std::string& type, const std::string& id);
  const std::map<std::string, nlohmann::json>& of(const std::string& type) const;

  void save(Records& out) const override;
  Result<void> restore(const Records& saved) override;

 private:
  std::map<std::string, std::map<std::string, nlohmann::json>> records_;
};

}  // namespace faultbox::cloud
