// Every region's FIS experiments as "experiment" records, restored in the order they were
// started; active ones come back failed. Their log records were shipped before the restart.
// An engaged safety lever is a "fis_safety_lever" record of its region, and stays engaged.
#include <algorithm>

#include "cloud/cloud.h"
#include "cloud/region_services.h"
#include "fis/experiment_record.h"

namespace faultbox::cloud {

namespace {
class ExperimentRecords final : public Kind {
 public:
  explicit ExperimentRecords(Cloud& cloud) : cloud_(cloud) {}

  void save(Records& out) const override {
    auto& records = out["experiment"];
    for (const auto& [region, services] : cloud_.regions()) {
      for (const auto* e : services->runner.list()) {
        records.emplace_back(
            region + "/" + e->id,
            nlohmann::json{{"region", region}, {"experiment", fis::experiment_record(*e)}});
      }
      const auto& lever = services->runner.safety_lever();
      if (lever.engaged) {
        out["fis_safety_lever"].emplace_back(region, nlohmann::json{{"reason", lever.reason}});
      }
    }
  }

  Result<void> restore(const Records& saved) override {
    auto experiments = records_of(saved, "experiment");
    std::stable_sort(experiments.begin(), experiments.end(), [](const auto& a, const auto& b) {
      return a.second.at("experiment").value("creation_ms", 0LL) <
             b.second.at("experiment").value("creation_ms", 0LL);
    });
    for (const auto& [key, j] : experiments) {
      FAULTBOX_TRY(e, fis::experiment_from_record(j.at("experiment"), cloud_.clock().now()));
      auto& services = cloud_.region(j.at("region"));
      services.shipped_log_records[e.id] = e.log.size();
      services.runner.restore(std::move(e));
    }
    for (const auto& [region, j] : records_of(saved, "fis_safety_lever")) {
      cloud_.region(region).runner.restore_safety_lever(
          {.engaged = true, .reason = j.value("reason", "")});
    }
    return {};
  }

 private:
  Cloud& cloud_;
};
}  // namespace

std::unique_ptr<Kind> make_experiment_records(Cloud& cloud) {
  return std::make_unique<ExperimentRecords>(cloud);
}

}  // namespace faultbox::cloud
