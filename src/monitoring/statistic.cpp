// The named statistics and their arithmetic over a StatisticSet.
#include "monitoring/statistic.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

namespace faultbox::monitoring {

namespace {
constexpr std::array<std::pair<Statistic, std::string_view>, 5> kNames = {{
    {Statistic::SampleCount, "SampleCount"},
    {Statistic::Average, "Average"},
    {Statistic::Sum, "Sum"},
    {Statistic::Minimum, "Minimum"},
    {Statistic::Maximum, "Maximum"},
}};
}  // namespace

void StatisticSet::merge(const StatisticSet& other) {
  if (other.sample_count <= 0) {
    return;
  }
  if (sample_count <= 0) {
    *this = other;
    return;
  }
  sum += other.sum;
  sample_count += other.sample_count;
  minimum = std::min(minimum, other.minimum);
  maximum = std::max(maximum, other.maximum);
}

std::string_view statistic_name(Statistic s) {
  for (const auto& [stat, name] : kNames) {
    if (stat == s) {
      return name;
    }
  }
  return "Sum";
}

std::optional<Statistic> parse_statistic(std::string_view name) {
  for (const auto& [stat, spelled] : kNames) {
    if (spelled == name) {
      return stat;
    }
  }
  return std::nullopt;
}

double statistic_value(const StatisticSet& set, Statistic s) {
  switch (s) {
    case Statistic::SampleCount:
      return set.sample_count;
    case Statistic::Average:
      return set.average();
    case Statistic::Sum:
      return set.sum;
    case Statistic::Minimum:
      return set.minimum;
    case Statistic::Maximum:
      return set.maximum;
  }
  return set.sum;
}

std::string format_number(double v) {
  // Java prints integral doubles below 1e7 with one decimal, which is what CloudWatch shows.
  if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 1e7) {
    return fmt::format("{:.1f}", v);
  }
  return fmt::format("{}", v);
}

}  // namespace faultbox::monitoring
