// The Cloud as store records and back: each kind saves and restores its own, in all_kinds.def's
// order; the metric stores apart, as they grow with time.
#include "cloud/cloud.h"
#include "cloud/region_services.h"
#include "monitoring/metric_records.h"

namespace faultbox::cloud {

using nlohmann::json;

const RecordList& records_of(const Records& saved, const std::string& kind) {
  static const RecordList kNone;
  auto it = saved.find(kind);
  return it == saved.end() ? kNone : it->second;
}

Records Cloud::to_records() const {
  Records out;
  for (const auto& kind : kinds_) {
    kind->save(out);
  }
  return out;
}

Records Cloud::records_to_save() {
  Records out;
  for (auto& kind : kinds_) {
    kind->save_changes(out);
  }
  return out;
}

void Cloud::records_not_saved() {
  for (auto& kind : kinds_) {
    kind->forget_saved_changes();
  }
}

Result<void> Cloud::restore(const Records& records) {
  try {
    for (auto& kind : kinds_) {
      FAULTBOX_TRY_VOID(kind->restore(records));
    }
  } catch (const json::exception& e) {
    return errors::internal(std::string("the lab's saved state is not readable: ") + e.what());
  }
  return {};
}

namespace {
void add_metric_records(RecordList& out, const std::string& region,
                        const monitoring::MetricStore& metrics,
                        const std::set<monitoring::MetricKey>* only = nullptr) {
  for (auto& [key, record] : monitoring::metric_records(metrics, only)) {
    out.emplace_back(region + "/" + key, json{{"region", region}, {"metric", std::move(record)}});
  }
}
}  // namespace

RecordList Cloud::metric_records() const {
  RecordList out;
  for (const auto& [region, services] : regions_) {
    add_metric_records(out, region, services->metrics);
  }
  return out;
}

RecordList Cloud::take_metric_records_put_by_calls() {
  RecordList out;
  for (auto& [region, services] : regions_) {
    if (!services->metrics_put_by_calls.empty()) {
      add_metric_records(out, region, services->metrics, &services->metrics_put_by_calls);
      services->metrics_put_by_calls.clear();
    }
  }
  return out;
}

Result<void> Cloud::restore_metrics(const RecordList& records) {
  for (const auto& [id, j] : records) {
    if (!j.contains("region") || !j.contains("metric")) {
      return errors::internal("saved metric " + id + " has no region or metric");
    }
    FAULTBOX_TRY_VOID(
        monitoring::restore_metric_record(region(j.at("region")).metrics, j.at("metric")));
  }
  return {};
}

}  // namespace faultbox::cloud
