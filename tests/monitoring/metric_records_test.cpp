#include "monitoring/metric_records.h"

#include <gtest/gtest.h>

namespace faultbox::monitoring {
namespace {

using std::chrono::seconds;

TEST(MetricRecords, RoundTripKeepsEveryBucketAndDimension) {
  ManualClock clock;
  MetricStore saved(clock);
  const auto key = MetricKey::make("AWS/ELB", "RequestCount", {{"LoadBalancerName", "web"}});
  const auto other = MetricKey::make("Lab", "Depth");
  const auto t0 = clock.now();
  ASSERT_TRUE(saved.put(key, t0, {5, 5, 1, 1}));
  ASSERT_TRUE(saved.put(key, t0 + seconds(1), {7, 7, 1, 1}));
  ASSERT_TRUE(saved.put_value(other, t0 + seconds(1), 2.5));
  clock.advance(seconds(2));

  auto records = metric_records(saved);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].first, key.to_string());

  MetricStore restored(clock);
  for (const auto& [id, record] : records) {
    ASSERT_TRUE(restore_metric_record(restored, record)) << id;
  }
  EXPECT_EQ(restored.metric_count(), 2u);
  auto points = restored.periods(key, t0, t0 + seconds(2), seconds(1));
  ASSERT_EQ(points.size(), 2u);
  EXPECT_EQ(points[0].values.sum, 5);
  EXPECT_EQ(points[1].values.sum, 7);
  EXPECT_EQ(restored.periods(other, t0, t0 + seconds(2), seconds(1)).at(0).values.maximum, 2.5);
}

TEST(MetricRecords, OnlyTheMetricsAskedFor) {
  ManualClock clock;
  MetricStore store(clock);
  const auto put = MetricKey::make("Lab", "Put");
  const auto own = MetricKey::make("AWS/ELB", "RequestCount", {{"LoadBalancerName", "web"}});
  const auto absent = MetricKey::make("Lab", "Never");
  ASSERT_TRUE(store.put_value(put, clock.now(), 1));
  ASSERT_TRUE(store.put_value(own, clock.now(), 2));
  const std::set<MetricKey> only{put, absent};
  auto records = metric_records(store, &only);
  ASSERT_EQ(records.size(), 1u);  // a metric without data has no record
  EXPECT_EQ(records[0].first, put.to_string());
  EXPECT_EQ(metric_records(store).size(), 2u);
}

TEST(MetricRecords, DataPastTheRetentionIsDroppedAndBadRecordsRefused) {
  ManualClock clock;
  MetricStore saved(clock);
  const auto key = MetricKey::make("AWS/ELB", "RequestCount");
  ASSERT_TRUE(saved.put_value(key, clock.now(), 1));
  auto records = metric_records(saved);
  clock.advance(kDefaultRetention + seconds(10));  // the lab was down for longer than that
  MetricStore restored(clock);
  ASSERT_TRUE(restore_metric_record(restored, records.at(0).second));
  EXPECT_EQ(restored.metric_count(), 0u);
  auto bad = restore_metric_record(restored, nlohmann::json{{"namespace", "x"}});
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("not readable"), std::string::npos);
}

}  // namespace
}  // namespace faultbox::monitoring
