// CloudWatch statistics: the StatisticSet a datapoint carries and the five named statistics.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace faultbox::monitoring {

// One aggregated datapoint, as PutMetricData's StatisticValues carries it.
struct StatisticSet {
  double sum = 0;
  double sample_count = 0;
  double minimum = 0;
  double maximum = 0;

  static StatisticSet of_value(double v) { return {v, 1, v, v}; }
  // Combines two sets of samples (an empty set, sample_count 0, is the identity).
  void merge(const StatisticSet& other);
  double average() const { return sample_count > 0 ? sum / sample_count : 0; }
};

enum class Statistic { SampleCount, Average, Sum, Minimum, Maximum };

// The AWS spelling: "SampleCount", "Average", "Sum", "Minimum", "Maximum".
std::string_view statistic_name(Statistic s);
// Exact, case-sensitive match on the AWS spelling, as CloudWatch does.
std::optional<Statistic> parse_statistic(std::string_view name);
// The enum set as CloudWatch's validation messages list it.
inline constexpr std::string_view kStatisticValueSet =
    "[Maximum, SampleCount, Sum, Minimum, Average]";

double statistic_value(const StatisticSet& set, Statistic s);

// A number as CloudWatch's texts print it (Java's Double.toString): 10.0, 0.5, 12.25.
std::string format_number(double v);

}  // namespace faultbox::monitoring
