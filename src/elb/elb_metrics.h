// The AWS/ELB metric names (declared once, here) and the proxy's per-thread counters.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string_view>
#include <vector>

namespace faultbox::elb {

// (identifier, AWS name). Counters come first; Latency and the host counts follow.
#define FAULTBOX_ELB_METRICS(X)                         \
  X(Requests, "RequestCount")                           \
  X(Elb4xx, "HTTPCode_ELB_4XX")                         \
  X(Elb5xx, "HTTPCode_ELB_5XX")                         \
  X(Backend2xx, "HTTPCode_Backend_2XX")                 \
  X(Backend3xx, "HTTPCode_Backend_3XX")                 \
  X(Backend4xx, "HTTPCode_Backend_4XX")                 \
  X(Backend5xx, "HTTPCode_Backend_5XX")                 \
  X(BackendConnectionErrors, "BackendConnectionErrors") \
  X(Latency, "Latency")                                 \
  X(HealthyHosts, "HealthyHostCount")                   \
  X(UnhealthyHosts, "UnHealthyHostCount")

enum class Metric {
#define FAULTBOX_ELB_METRIC_ENUM(id, name) id,
  FAULTBOX_ELB_METRICS(FAULTBOX_ELB_METRIC_ENUM)
#undef FAULTBOX_ELB_METRIC_ENUM
};

inline constexpr std::array kMetricNames = {
#define FAULTBOX_ELB_METRIC_NAME(id, name) std::string_view(name),
    FAULTBOX_ELB_METRICS(FAULTBOX_ELB_METRIC_NAME)
#undef FAULTBOX_ELB_METRIC_NAME
};

inline constexpr std::string_view kMetricNamespace = "AWS/ELB";
inline constexpr std::string_view kLoadBalancerDimension = "LoadBalancerName";
inline constexpr std::size_t kCounterCount = static_cast<std::size_t>(Metric::Latency);

constexpr std::string_view metric_name(Metric m) {
  return kMetricNames[static_cast<std::size_t>(m)];
}

// The counts of one period (since the previous take), summed over data-plane threads.
struct ProxyMetrics {
  std::array<std::uint64_t, kCounterCount> counts{};
  double latency_sum = 0;  // seconds, requests answered by a backend
  std::uint64_t latency_count = 0;
  double latency_max = 0;  // seconds

  // Counters only (Metric::Requests .. Metric::BackendConnectionErrors).
  std::uint64_t count(Metric m) const { return counts[static_cast<std::size_t>(m)]; }
  void merge(const ProxyMetrics& other);
};

// Per-thread counters: each data-plane thread adds to its own cache-line-aligned shard without
// contention; take() sums and resets them (from any thread).
class MetricShards {
 public:
  MetricShards();
  ~MetricShards();
  MetricShards(const MetricShards&) = delete;
  MetricShards& operator=(const MetricShards&) = delete;

  void add(Metric counter, std::uint64_t n = 1);
  void observe_latency(std::chrono::microseconds latency);
  ProxyMetrics take();

 private:
  struct Shard;
  Shard& local();

  const std::uint64_t id_;  // never reused, so a thread's cached pointer cannot go stale
  std::mutex mutex_;        // guards shards_; taken once per thread and by take()
  std::vector<std::unique_ptr<Shard>> shards_;
};

}  // namespace faultbox::elb
