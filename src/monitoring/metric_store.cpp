// One-second buckets per metric in a deque, aggregated into periods on demand.
#include "monitoring/metric_store.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/aws_errors.h"

namespace faultbox::monitoring {

namespace {
constexpr Duration kSweepInterval = std::chrono::minutes(1);

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  auto q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

Result<void> check_set(const MetricKey& key, const StatisticSet& s) {
  if (key.metric_namespace.empty() || key.metric_name.empty()) {
    return query_errors::invalid_parameter_value(
        "A metric needs a non-empty Namespace and MetricName.");
  }
  for (double v : {s.sum, s.sample_count, s.minimum, s.maximum}) {
    if (!std::isfinite(v)) {
      return query_errors::invalid_parameter_value(
          fmt::format("The value {} for metric {} is invalid.", v, key.to_string()));
    }
  }
  if (s.sample_count <= 0 || s.minimum > s.maximum) {
    return query_errors::invalid_parameter_value(fmt::format(
        "The StatisticValues for metric {} are invalid: SampleCount must be positive and "
        "Minimum must not exceed Maximum.",
        key.to_string()));
  }
  return {};
}

// GetMetricStatistics accepts these periods for high-resolution data, which the lab always has.
bool valid_query_period(Duration period) {
  if (period.count() <= 0 || period.count() % 1000 != 0) {
    return false;
  }
  auto s = period.count() / 1000;
  return s == 1 || s == 5 || s == 10 || s == 30 || s % 60 == 0;
}

bool matches(const MetricKey& key, const DimensionFilter& f) {
  const auto* value = key.dimension(f.name);
  return value != nullptr && (!f.value || *f.value == *value);
}
}  // namespace

std::int64_t epoch_second(TimePoint t) { return floor_div(t.time_since_epoch().count(), 1000); }

MetricStore::MetricStore(const Clock& clock, Duration retention)
    : clock_(clock), retention_(retention) {}

std::int64_t MetricStore::cutoff_second() const { return epoch_second(clock_.now() - retention_); }

void MetricStore::prune_series(Series& series, std::int64_t cutoff) {
  while (!series.empty() && series.front().second < cutoff) {
    series.pop_front();
  }
}

Result<void> MetricStore::put(const MetricKey& key, TimePoint t, const StatisticSet& set) {
  FAULTBOX_TRY_VOID(check_set(key, set));
  auto cutoff = cutoff_second();
  auto second = epoch_second(t);
  if (clock_.now() - last_sweep_ >= kSweepInterval) {
    prune();
  }
  if (second < cutoff) {
    return {};
  }
  auto& series = series_[key];
  prune_series(series, cutoff);
  if (series.empty() || series.back().second < second) {
    series.push_back({second, set});
    return {};
  }
  auto it = std::lower_bound(series.begin(), series.end(), second,
                             [](const Bucket& b, std::int64_t s) { return b.second < s; });
  if (it != series.end() && it->second == second) {
    it->values.merge(set);
  } else {
    series.insert(it, {second, set});
  }
  return {};
}

Result<void> MetricStore::put_value(const MetricKey& key, TimePoint t, double value) {
  return put(key, t, StatisticSet::of_value(value));
}

Result<std::vector<Datapoint>> MetricStore::statistics(const MetricKey& key, TimePoint start,
                                                       TimePoint end, Duration period,
                                                       const std::vector<Statistic>& stats) const {
  if (!valid_query_period(period)) {
    return query_errors::invalid_parameter_value(
        fmt::format("The parameter Period must be 1, 5, 10, 30 or a multiple of 60 seconds; "
                    "got {} ms.",
                    period.count()));
  }
  if (start >= end) {
    return query_errors::invalid_parameter_value(
        "The parameter StartTime must be less than the parameter EndTime.");
  }
  if (stats.empty()) {
    return query_errors::missing_parameter(
        "At least one of the parameters Statistics and ExtendedStatistics must be specified.");
  }
  auto p = period.count() / 1000;
  auto first = floor_div(epoch_second(start), p);
  auto last = floor_div(epoch_second(end - Duration(1)), p);
  if (last - first + 1 > kMaxDatapointsPerQuery) {
    return query_errors::invalid_parameter_combination(fmt::format(
        "You have requested up to {} datapoints, which exceeds the limit of 1,440. You may "
        "reduce the datapoints requested by increasing Period, or decreasing the time range.",
        last - first + 1));
  }
  return periods(key, start, end, period);
}

std::vector<Datapoint> MetricStore::periods(const MetricKey& key, TimePoint start, TimePoint end,
                                            Duration period) const {
  auto p = std::max<std::int64_t>(period.count() / 1000, 1);
  std::vector<Datapoint> out;
  auto found = series_.find(key);
  if (found == series_.end()) {
    return out;
  }
  // A bucket belongs to the query when its whole second lies in [start, end).
  auto from = std::max(epoch_second(start + Duration(999)), cutoff_second());
  auto to = epoch_second(end);  // exclusive
  const auto& series = found->second;
  auto it = std::lower_bound(series.begin(), series.end(), from,
                             [](const Bucket& b, std::int64_t s) { return b.second < s; });
  for (; it != series.end() && it->second < to; ++it) {
    auto period_start = TimePoint(std::chrono::seconds(floor_div(it->second, p) * p));
    if (out.empty() || out.back().timestamp != period_start) {
      out.push_back({period_start, {}});
    }
    out.back().values.merge(it->values);
  }
  return out;
}

std::vector<MetricKey> MetricStore::list_metrics(const std::string& namespace_filter,
                                                 const std::string& name_filter,
                                                 const std::vector<DimensionFilter>& dims) const {
  std::vector<MetricKey> out;
  auto cutoff = cutoff_second();
  for (const auto& entry : series_) {
    const auto& key = entry.first;  // named, not bound: clang 14's lambdas cannot capture bindings
    const auto& series = entry.second;
    if (series.empty() || series.back().second < cutoff) {
      continue;
    }
    if ((!namespace_filter.empty() && key.metric_namespace != namespace_filter) ||
        (!name_filter.empty() && key.metric_name != name_filter)) {
      continue;
    }
    if (std::all_of(dims.begin(), dims.end(),
                    [&key](const DimensionFilter& f) { return matches(key, f); })) {
      out.push_back(key);
    }
  }
  return out;
}

std::vector<std::pair<MetricKey, Datapoint>> MetricStore::latest() const {
  std::vector<std::pair<MetricKey, Datapoint>> out;
  auto cutoff = cutoff_second();
  for (const auto& [key, series] : series_) {
    if (!series.empty() && series.back().second >= cutoff) {
      const auto& b = series.back();
      out.push_back({key, {TimePoint(std::chrono::seconds(b.second)), b.values}});
    }
  }
  return out;
}

void MetricStore::prune() {
  last_sweep_ = clock_.now();
  auto cutoff = cutoff_second();
  for (auto it = series_.begin(); it != series_.end();) {
    prune_series(it->second, cutoff);
    it = it->second.empty() ? series_.erase(it) : std::next(it);
  }
}

}  // namespace faultbox::monitoring
