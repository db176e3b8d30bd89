// Min, max, sum and threshold breaches of a metric series.
#include "report/series_stats.h"

#include <algorithm>
#include <cmath>

namespace faultbox::report {

std::vector<std::pair<TimePoint, double>> sorted_points(const Series& series) {
  std::vector<std::pair<TimePoint, double>> points;
  for (const auto& point : series.points) {
    if (std::isfinite(point.second)) {
      points.push_back(point);
    }
  }
  std::stable_sort(points.begin(), points.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  return points;
}

SeriesStats series_stats(const Series& series) {
  SeriesStats stats;
  for (const auto& [at, value] : series.points) {
    if (!std::isfinite(value)) {
      continue;
    }
    ++stats.count;
    stats.sum += value;
    stats.min = stats.min ? std::min(*stats.min, value) : value;
    stats.max = stats.max ? std::max(*stats.max, value) : value;
    if (series.threshold && value > *series.threshold) {
      ++stats.above_threshold;
    }
  }
  return stats;
}

}  // namespace faultbox::report
