// What a traffic run saw: requests, failures, availability, and the longest run of failures.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>

namespace faultbox::traffic {

class TrafficStats {
 public:
  // One answered (or failed) request; `status` 0 means no HTTP answer at all.
  void record(int status, std::chrono::microseconds latency);

  uint64_t requests() const { return requests_; }
  uint64_t failures() const { return failures_; }
  uint64_t longest_failure_run() const { return longest_run_; }
  // Percentage of requests answered 200, 100 when there were none.
  double availability_percent() const;
  const std::map<int, uint64_t>& by_status() const { return by_status_; }
  std::chrono::microseconds max_latency() const { return max_latency_; }

  // "requests 40, failures 2 (X), availability 95.00%, longest failure run 2, ..."
  std::string summary() const;

 private:
  uint64_t requests_ = 0;
  uint64_t failures_ = 0;
  uint64_t current_run_ = 0;
  uint64_t longest_run_ = 0;
  std::map<int, uint64_t> by_status_;
  std::chrono::microseconds max_latency_{0};
};

}  // namespace faultbox::traffic
