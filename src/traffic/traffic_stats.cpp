#include "traffic/traffic_stats.h"

#include <fmt/format.h>

#include <algorithm>

namespace faultbox::traffic {

void TrafficStats::record(int status, std::chrono::microseconds latency) {
  ++requests_;
  ++by_status_[status];
  max_latency_ = std::max(max_latency_, latency);
  // As the workshop's loop does: only a 200 counts as success.
  if (status == 200) {
    current_run_ = 0;
    return;
  }
  ++failures_;
  ++current_run_;
  longest_run_ = std::max(longest_run_, current_run_);
}

double TrafficStats::availability_percent() const {
  if (requests_ == 0) {
    return 100.0;
  }
  return 100.0 * static_cast<double>(requests_ - failures_) / static_cast<double>(requests_);
}

std::string TrafficStats::summary() const {
  std::string statuses;
  for (const auto& [status, count] : by_status_) {
    statuses += fmt::format("{}{}={}", statuses.empty() ? "" : ", ",
                            status == 0 ? std::string("no-answer") : std::to_string(status), count);
  }
  return fmt::format(
      "requests {}, failures {}, availability {:.2f}%, longest failure run {}, max latency {:.1f} "
      "ms, by status: {}",
      requests_, failures_, availability_percent(), longest_run_,
      static_cast<double>(max_latency_.count()) / 1000.0, statuses.empty() ? "none" : statuses);
}

}  // namespace faultbox::traffic
