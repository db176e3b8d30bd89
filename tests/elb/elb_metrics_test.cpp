// Metric names are AWS's, declared once; per-thread shards sum up and reset on take().
#include "elb/elb_metrics.h"

#include <gtest/gtest.h>

#include <set>
#include <thread>
#include <vector>

namespace faultbox::elb {
namespace {

TEST(ElbMetricsTest, NamesAreAwsNamesAndUnique) {
  EXPECT_EQ(metric_name(Metric::Requests), "RequestCount");
  EXPECT_EQ(metric_name(Metric::Elb5xx), "HTTPCode_ELB_5XX");
  EXPECT_EQ(metric_name(Metric::Backend3xx), "HTTPCode_Backend_3XX");
  EXPECT_EQ(metric_name(Metric::BackendConnectionErrors), "BackendConnectionErrors");
  EXPECT_EQ(metric_name(Metric::Latency), "Latency");
  EXPECT_EQ(metric_name(Metric::UnhealthyHosts), "UnHealthyHostCount");
  std::set<std::string_view> unique(kMetricNames.begin(), kMetricNames.end());
  EXPECT_EQ(unique.size(), kMetricNames.size());
  EXPECT_EQ(kCounterCount, 8u);
}

TEST(ElbMetricsTest, SumsShardsOfManyThreadsAndResets) {
  MetricShards shards;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&shards, t] {
      for (int i = 0; i < 1000; ++i) {
        shards.add(Metric::Requests);
      }
      shards.add(Metric::Elb5xx, 2);
      shards.observe_latency(std::chrono::microseconds(1000 * (t + 1)));
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  auto metrics = shards.take();
  EXPECT_EQ(metrics.count(Metric::Requests), 4000u);
  EXPECT_EQ(metrics.count(Metric::Elb5xx), 8u);
  EXPECT_EQ(metrics.latency_count, 4u);
  EXPECT_DOUBLE_EQ(metrics.latency_sum, 0.010);
  EXPECT_DOUBLE_EQ(metrics.latency_max, 0.004);
  auto next = shards.take();
  EXPECT_EQ(next.count(Metric::Requests), 0u);
  EXPECT_EQ(next.latency_max, 0.0);
}

TEST(ElbMetricsTest, TwoShardSetsOnOneThreadStayApart) {
  auto first = std::make_unique<MetricShards>();
  first->add(Metric::Requests);
  first.reset();
  MetricShards second;
  second.add(Metric::Backend2xx);
  auto metrics = second.take();
  EXPECT_EQ(metrics.count(Metric::Requests), 0u);
  EXPECT_EQ(metrics.count(Metric::Backend2xx), 1u);
}

}  // namespace
}  // namespace faultbox::elb
