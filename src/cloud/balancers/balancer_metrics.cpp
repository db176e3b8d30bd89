// Load balancers' counters, each lab second: into the balancer's own recent seconds (the views)
// and its region's metric store (CloudWatch), as a Classic ELB publishes them.
#include "cloud/balancers/balancers.h"
#include "cloud/cloud.h"
#include "cloud/region_services.h"

namespace faultbox::cloud {

namespace {
// Three hours of seconds, as the views show at most.
constexpr size_t kMetricSeconds = 3 * 3600;
}  // namespace

namespace {
// One second of a load balancer's counters into the region's metric store. As a Classic ELB
// does, counters are published only when non-zero; host counts always.
void publish_second(monitoring::MetricStore& store, const std::string& lb, TimePoint at,
                    const MetricSecond& s) {
  auto key = [&lb](elb::Metric m) {
    return monitoring::MetricKey::make(std::string(elb::kMetricNamespace),
                                       std::string(elb::metric_name(m)),
                                       {{std::string(elb::kLoadBalancerDimension), lb}});
  };
  for (size_t m = 0; m < elb::kCounterCount; ++m) {
    if (auto n = s.counts.counts[m]; n > 0) {
      (void)store.put_value(key(static_cast<elb::Metric>(m)), at, static_cast<double>(n));
    }
  }
  if (s.counts.latency_count > 0) {
    // The proxy keeps no per-second minimum: the mean stands in for it.
    auto count = static_cast<double>(s.counts.latency_count);
    auto mean = s.counts.latency_sum / count;
    (void)store.put(key(elb::Metric::Latency), at,
                    {s.counts.latency_sum, count, mean, s.counts.latency_max});
  }
  (void)store.put_value(key(elb::Metric::HealthyHosts), at, s.hosts.healthy);
  (void)store.put_value(key(elb::Metric::UnhealthyHosts), at, s.hosts.unhealthy);
}
}  // namespace

void Balancers::collect_metrics(TimePoint now) {
  for (auto& [name, b] : balancers_) {
    MetricSecond second{now, {}, b.lb->host_counts()};
    for (auto& proxy : b.proxies) {
      second.counts.merge(proxy->take_metrics());
    }
    // The counts are of the second that just ended.
    publish_second(cloud_.region(b.region).metrics, name, now - std::chrono::seconds(1), second);
    b.totals.merge(second.counts);
    b.metrics.push_back(second);
    if (b.metrics.size() > kMetricSeconds) {
      b.metrics.pop_front();
    }
  }
}

}  // namespace faultbox::cloud
