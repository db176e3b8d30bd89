// Per-series numbers the JSON summary and the chart captions share.
#pragma once

#include <cstddef>
#include <optional>
#include <utility>
#include <vector>

#include "report/report.h"

namespace faultbox::report {

struct SeriesStats {
  std::size_t count = 0;
  std::optional<double> min;  // absent for an empty series
  std::optional<double> max;
  double sum = 0;
  std::size_t above_threshold = 0;  // points strictly above the threshold, when there is one
};

// Non-finite values (NaN, inf) are ignored.
SeriesStats series_stats(const Series& series);

// The finite points, sorted by time.
std::vector<std::pair<TimePoint, double>> sorted_points(const Series& series);

}  // namespace faultbox::report
