// Every region's CloudWatch alarms as "alarm" records: an alarm keeps its state and history and
// is evaluated again from the next period.
#include "cloud/cloud.h"
#include "cloud/region_services.h"

namespace faultbox::cloud {

namespace {
class AlarmRecords final : public Kind {
 public:
  explicit AlarmRecords(Cloud& cloud) : cloud_(cloud) {}

  void save(Records& out) const override {
    auto& records = out["alarm"];
    for (const auto& [region, services] : cloud_.regions()) {
      for (const auto* a : services->alarms.describe()) {
        records.emplace_back(region + "/" + a->spec().alarm_name,
                             nlohmann::json{{"region", region},
                                            {"spec", a->spec().to_api_json()},
                                            {"state", a->state_record()}});
      }
    }
  }

  Result<void> restore(const Records& saved) override {
    for (const auto& [key, j] : records_of(saved, "alarm")) {
      FAULTBOX_TRY(spec, monitoring::AlarmSpec::from_api_json(j.at("spec")));
      auto name = spec.alarm_name;
      auto& alarms = cloud_.region(j.at("region")).alarms;
      FAULTBOX_TRY_VOID(alarms.put_alarm(std::move(spec), cloud_.clock().now()));
      if (j.contains("state")) {
        FAULTBOX_TRY_VOID(alarms.restore_state(name, j["state"]));
      }
    }
    return {};
  }

 private:
  Cloud& cloud_;
};
}  // namespace

std::unique_ptr<Kind> make_alarm_records(Cloud& cloud) {
  return std::make_unique<AlarmRecords>(cloud);
}

}  // namespace faultbox::cloud
