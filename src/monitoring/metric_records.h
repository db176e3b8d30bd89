// The metric store as records for the lab's SQLite store and back: one record per metric, its
// one-second buckets as [second, sum, count, min, max] rows. Saved on a slower cadence than the
// rest of the lab (the buckets add up), so reports after a restart still have their charts.
#pragma once

#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"
#include "monitoring/metric_store.h"

namespace faultbox::monitoring {

// (MetricKey::to_string(), record) for every metric with data in the retention window, or only
// for those in `only` when it is given.
std::vector<std::pair<std::string, nlohmann::json>> metric_records(
    const MetricStore& store, const std::set<MetricKey>* only = nullptr);

// Puts a record's buckets back (those older than the retention are dropped, as on any put).
// InternalFailure when the record is not one metric_records() wrote.
Result<void> restore_metric_record(MetricStore& store, const nlohmann::json& record);

}  // namespace faultbox::monitoring
