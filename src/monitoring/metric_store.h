// The time-series store behind PutMetricData, GetMetricStatistics and ListMetrics: one-second
// buckets per metric, kept for a retention window (3 hours by default), then dropped.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "monitoring/metric_key.h"
#include "monitoring/statistic.h"

namespace faultbox::monitoring {

// One aggregated period (or one-second bucket); `timestamp` is the start of the period.
struct Datapoint {
  TimePoint timestamp;
  StatisticSet values;
  double value(Statistic s) const { return statistic_value(values, s); }
};

// ListMetrics' DimensionFilter: the metric must have dimension `name` (with `value` if given).
struct DimensionFilter {
  std::string name;
  std::optional<std::string> value;
};

inline constexpr Duration kDefaultRetention = std::chrono::hours(3);
// GetMetricStatistics' cap on the datapoints one call may ask for.
inline constexpr std::int64_t kMaxDatapointsPerQuery = 1440;

// Control strand only (no locks). Reads "now" from `clock` to drop data older than the retention.
class MetricStore {
 public:
  explicit MetricStore(const Clock& clock, Duration retention = kDefaultRetention);

  // Adds samples to the one-second bucket holding `t` (puts in the same second merge).
  // InvalidParameterValue for an empty namespace or name, non-finite numbers, sample_count <= 0
  // or minimum > maximum. A point already older than the retention window is accepted and dropped.
  Result<void> put(const MetricKey& key, TimePoint t, const StatisticSet& set);
  Result<void> put_value(const MetricKey& key, TimePoint t, double value);

  // GetMetricStatistics: data in [start, end) grouped into periods aligned to multiples of
  // `period` since the epoch; a period without data has no datapoint. Sorted by timestamp.
  // InvalidParameterValue: period not 1, 5, 10, 30 or a multiple of 60 s, start >= end, no stats.
  // InvalidParameterCombination: more than 1,440 datapoints asked for. An unknown key: no data.
  Result<std::vector<Datapoint>> statistics(const MetricKey& key, TimePoint start, TimePoint end,
                                            Duration period,
                                            const std::vector<Statistic>& stats) const;

  // statistics() without GetMetricStatistics' request checks (for the alarm evaluator):
  // `period` must be a positive whole number of seconds.
  std::vector<Datapoint> periods(const MetricKey& key, TimePoint start, TimePoint end,
                                 Duration period) const;

  // ListMetrics: metrics with data in the retention window, filtered, sorted by key.
  // An empty filter string matches everything.
  std::vector<MetricKey> list_metrics(const std::string& namespace_filter = {},
                                      const std::string& name_filter = {},
                                      const std::vector<DimensionFilter>& dimensions = {}) const;

  // The newest one-second bucket of every metric with data in the retention window.
  std::vector<std::pair<MetricKey, Datapoint>> latest() const;

  // Drops buckets older than the retention window and metrics left without data.
  void prune();

  std::size_t metric_count() const { return series_.size(); }

  // Visits every metric with its one-second buckets as (epoch second, values), oldest first
  // (for saving them).
  template <class Visit>
  void for_each_series(Visit&& visit) const {
    std::vector<std::pair<std::int64_t, StatisticSet>> buckets;
    for (const auto& [key, series] : series_) {
      buckets.clear();
      for (const auto& b : series) {
        buckets.emplace_back(b.second, b.values);
      }
      visit(key, buckets);
    }
  }

 private:
  struct Bucket {
    std::int64_t second;
    StatisticSet values;
  };
  using Series = std::deque<Bucket>;  // ascending by second; puts mostly append

  std::int64_t cutoff_second() const;  // first second still inside the retention window
  static void prune_series(Series& series, std::int64_t cutoff);

  const Clock& clock_;
  Duration retention_;
  std::map<MetricKey, Series> series_;
  TimePoint last_sweep_{};
};

// Epoch seconds of a time point, rounded down.
std::int64_t epoch_second(TimePoint t);

}  // namespace faultbox::monitoring
