// Every region's CloudWatch Logs groups, with their streams and events, as "log_group" records.
#include "cloud/cloud.h"
#include "cloud/region_services.h"

namespace faultbox::cloud {

namespace {
class LogGroupRecords final : public Kind {
 public:
  explicit LogGroupRecords(Cloud& cloud) : cloud_(cloud) {}

  void save(Records& out) const override {
    auto& records = out["log_group"];
    for (const auto& [region, services] : cloud_.regions()) {
      for (const auto& [name, g] : services->logs.groups()) {
        records.emplace_back(
            region + "/" + name,
            nlohmann::json{{"region", region}, {"group", services->logs.to_record(g)}});
      }
    }
  }

  Result<void> restore(const Records& saved) override {
    for (const auto& [key, j] : records_of(saved, "log_group")) {
      FAULTBOX_TRY_VOID(cloud_.region(j.at("region")).logs.restore(j.at("group")));
    }
    return {};
  }

 private:
  Cloud& cloud_;
};
}  // namespace

std::unique_ptr<Kind> make_log_group_records(Cloud& cloud) {
  return std::make_unique<LogGroupRecords>(cloud);
}

}  // namespace faultbox::cloud
