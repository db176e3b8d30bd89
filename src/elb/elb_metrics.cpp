// Per-thread metric shards of the proxy, merged once a second by the control plane.
#include "elb/elb_metrics.h"

#include <algorithm>
#include <utility>

namespace faultbox::elb {

struct alignas(64) MetricShards::Shard {
  std::array<std::atomic<std::uint64_t>, kCounterCount> counts{};
  std::atomic<std::uint64_t> latency_sum_us{0};
  std::atomic<std::uint64_t> latency_count{0};
  std::atomic<std::uint64_t> latency_max_us{0};
};

namespace {

std::atomic<std::uint64_t> next_shards_id{1};

// (MetricShards id, this thread's shard). A handful of proxies per lab, so a linear scan.
thread_local std::vector<std::pair<std::uint64_t, void*>> thread_shards;

constexpr double kMicrosPerSecond = 1e6;

}  // namespace

void ProxyMetrics::merge(const ProxyMetrics& other) {
  for (std::size_t i = 0; i < counts.size(); ++i) {
    counts[i] += other.counts[i];
  }
  latency_sum += other.latency_sum;
  latency_count += other.latency_count;
  latency_max = std::max(latency_max, other.latency_max);
}

MetricShards::MetricShards() : id_(next_shards_id.fetch_add(1)) {}

MetricShards::~MetricShards() = default;

MetricShards::Shard& MetricShards::local() {
  for (const auto& [id, shard] : thread_shards) {
    if (id == id_) {
      return *static_cast<Shard*>(shard);
    }
  }
  std::lock_guard lock(mutex_);
  shards_.push_back(std::make_unique<Shard>());
  thread_shards.emplace_back(id_, shards_.back().get());
  return *shards_.back();
}

void MetricShards::add(Metric counter, std::uint64_t n) {
  local().counts[static_cast<std::size_t>(counter)].fetch_add(n, std::memory_order_relaxed);
}

void MetricShards::observe_latency(std::chrono::microseconds latency) {
  auto us = static_cast<std::uint64_t>(std::max<std::int64_t>(0, latency.count()));
  auto& shard = local();
  shard.latency_sum_us.fetch_add(us, std::memory_order_relaxed);
  shard.latency_count.fetch_add(1, std::memory_order_relaxed);
  auto max = shard.latency_max_us.load(std::memory_order_relaxed);
  while (us > max &&
         !shard.latency_max_us.compare_exchange_weak(max, us, std::memory_order_relaxed)) {
  }
}

ProxyMetrics MetricShards::take() {
  ProxyMetrics out;
  std::uint64_t max_us = 0;
  std::uint64_t sum_us = 0;
  std::lock_guard lock(mutex_);
  for (auto& shard : shards_) {
    for (std::size_t i = 0; i < kCounterCount; ++i) {
      out.counts[i] += shard->counts[i].exchange(0, std::memory_order_relaxed);
    }
    sum_us += shard->latency_sum_us.exchange(0, std::memory_order_relaxed);
    out.latency_count += shard->latency_count.exchange(0, std::memory_order_relaxed);
    max_us = std::max(max_us, shard->latency_max_us.exchange(0, std::memory_order_relaxed));
  }
  out.latency_sum = static_cast<double>(sum_us) / kMicrosPerSecond;
  out.latency_max = static_cast<double>(max_us) / kMicrosPerSecond;
  return out;
}

}  // namespace faultbox::elb
