// The metric store: one-second buckets, GetMetricStatistics periods, retention, ListMetrics.
#include "monitoring/metric_store.h"

#include <gtest/gtest.h>

#include <cmath>

namespace faultbox::monitoring {
namespace {

using std::chrono::seconds;

// 2023-11-14T22:13:20Z, a multiple of 60 s since the epoch.
const TimePoint kT0 = TimePoint(seconds(1'700'000'000));
const std::vector<Statistic> kAll = {Statistic::Sum, Statistic::SampleCount, Statistic::Average,
                                     Statistic::Minimum, Statistic::Maximum};

MetricKey elb_5xx(const std::string& lb = "web") {
  return MetricKey::make("AWS/ELB", "HTTPCode_ELB_5XX", {{"LoadBalancerName", lb}});
}

class MetricStoreTest : public ::testing::Test {
 protected:
  ManualClock clock_{kT0};
  MetricStore store_{clock_};
};

TEST(MetricKeyTest, DimensionOrderDoesNotMatter) {
  auto a = MetricKey::make("NS", "M", {{"b", "2"}, {"a", "1"}});
  auto b = MetricKey::make("NS", "M", {{"a", "1"}, {"b", "2"}});
  EXPECT_EQ(a, b);
  EXPECT_EQ(a.to_string(), "NS/M{a=1,b=2}");
}

TEST_F(MetricStoreTest, PutsInOneSecondMergeIntoOneBucket) {
  ASSERT_TRUE(store_.put_value(elb_5xx(), kT0 + std::chrono::milliseconds(100), 2));
  ASSERT_TRUE(store_.put_value(elb_5xx(), kT0 + std::chrono::milliseconds(900), 5));
  ASSERT_TRUE(store_.put(elb_5xx(), kT0 + seconds(1), StatisticSet{3, 2, 1, 2}));
  auto r = store_.statistics(elb_5xx(), kT0, kT0 + seconds(2), seconds(1), kAll);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[0].timestamp, kT0);
  EXPECT_DOUBLE_EQ((*r)[0].value(Statistic::Sum), 7);
  EXPECT_DOUBLE_EQ((*r)[0].value(Statistic::SampleCount), 2);
  EXPECT_DOUBLE_EQ((*r)[0].value(Statistic::Minimum), 2);
  EXPECT_DOUBLE_EQ((*r)[0].value(Statistic::Maximum), 5);
  EXPECT_DOUBLE_EQ((*r)[1].value(Statistic::Average), 1.5);
}

TEST_F(MetricStoreTest, PeriodsAlignToMultiplesOfThePeriodAndEmptyOnesAreAbsent) {
  // Seconds 5, 12, 13 and 37 after kT0: periods [0,10) [10,20) [30,40); [20,30) has no data.
  for (auto [s, v] : {std::pair{5, 1.0}, {12, 4.0}, {13, 6.0}, {37, 9.0}}) {
    ASSERT_TRUE(store_.put_value(elb_5xx(), kT0 + seconds(s), v));
  }
  auto r = store_.statistics(elb_5xx(), kT0 + seconds(3), kT0 + seconds(40), seconds(10), kAll);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->size(), 3u);
  EXPECT_EQ((*r)[0].timestamp, kT0);  // aligned down, though the query starts at +3 s
  EXPECT_EQ((*r)[1].timestamp, kT0 + seconds(10));
  EXPECT_DOUBLE_EQ((*r)[1].value(Statistic::Sum), 10);
  EXPECT_DOUBLE_EQ((*r)[1].value(Statistic::Average), 5);
  EXPECT_EQ((*r)[2].timestamp, kT0 + seconds(30));
}

TEST_F(MetricStoreTest, QueryRangeIsStartInclusiveEndExclusive) {
  ASSERT_TRUE(store_.put_value(elb_5xx(), kT0 + seconds(9), 1));
  ASSERT_TRUE(store_.put_value(elb_5xx(), kT0 + seconds(10), 100));
  auto r = store_.statistics(elb_5xx(), kT0 + seconds(9), kT0 + seconds(10), seconds(1), kAll);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->size(), 1u);
  EXPECT_DOUBLE_EQ((*r)[0].value(Statistic::Sum), 1);
}

TEST_F(MetricStoreTest, OutOfOrderPutsLandInTheirSecond) {
  ASSERT_TRUE(store_.put_value(elb_5xx(), kT0 + seconds(20), 1));
  ASSERT_TRUE(store_.put_value(elb_5xx(), kT0 + seconds(5), 2));
  ASSERT_TRUE(store_.put_value(elb_5xx(), kT0 + seconds(20), 3));
  auto r = store_.statistics(elb_5xx(), kT0, kT0 + seconds(30), seconds(10), {Statistic::Sum});
  ASSERT_TRUE(r);
  ASSERT_EQ(r->size(), 2u);
  EXPECT_DOUBLE_EQ((*r)[0].value(Statistic::Sum), 2);
  EXPECT_DOUBLE_EQ((*r)[1].value(Statistic::Sum), 4);
}

TEST_F(MetricStoreTest, UnknownMetricHasNoDatapoints) {
  auto r = store_.statistics(elb_5xx("other"), kT0, kT0 + seconds(60), seconds(60), kAll);
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->empty());
}

TEST_F(MetricStoreTest, RejectsBadQueries) {
  auto period = store_.statistics(elb_5xx(), kT0, kT0 + seconds(60), seconds(7), kAll);
  ASSERT_FALSE(period);
  EXPECT_EQ(period.error().code, "InvalidParameterValue");
  auto order = store_.statistics(elb_5xx(), kT0, kT0, seconds(60), kAll);
  ASSERT_FALSE(order);
  EXPECT_EQ(order.error().message,
            "The parameter StartTime must be less than the parameter EndTime.");
  auto none = store_.statistics(elb_5xx(), kT0, kT0 + seconds(60), seconds(60), {});
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code, "MissingParameter");
  auto many = store_.statistics(elb_5xx(), kT0, kT0 + seconds(1441), seconds(1), kAll);
  ASSERT_FALSE(many);
  EXPECT_EQ(many.error().code, "InvalidParameterCombination");
  EXPECT_TRUE(store_.statistics(elb_5xx(), kT0, kT0 + seconds(1440), seconds(1), kAll));
}

TEST_F(MetricStoreTest, RejectsBadValues) {
  EXPECT_FALSE(store_.put_value(elb_5xx(), kT0, std::nan("")));
  EXPECT_FALSE(store_.put(elb_5xx(), kT0, StatisticSet{1, 0, 1, 1}));
  EXPECT_FALSE(store_.put(elb_5xx(), kT0, StatisticSet{1, 1, 2, 1}));
  auto empty = store_.put_value(MetricKey::make("", "M"), kT0, 1);
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().code, "InvalidParameterValue");
}

TEST_F(MetricStoreTest, KeepsThreeHoursThenDrops) {
  ASSERT_TRUE(store_.put_value(elb_5xx(), kT0, 1));
  clock_.advance(std::chrono::hours(3));
  ASSERT_TRUE(store_.put_value(elb_5xx(), clock_.now(), 2));
  auto both = store_.statistics(elb_5xx(), kT0, clock_.now() + seconds(1), seconds(3600),
                                {Statistic::SampleCount});
  ASSERT_TRUE(both);
  EXPECT_EQ(both->size(), 2u);  // exactly 3 hours old is still kept

  clock_.advance(seconds(1));
  auto newest =
      store_.statistics(elb_5xx(), kT0, clock_.now(), seconds(3600), {Statistic::SampleCount});
  ASSERT_TRUE(newest);
  ASSERT_EQ(newest->size(), 1u);
  EXPECT_DOUBLE_EQ((*newest)[0].value(Statistic::Sum), 2);

  ASSERT_TRUE(store_.put_value(elb_5xx("old"), kT0, 5));  // accepted, already expired
  EXPECT_EQ(store_.list_metrics().size(), 1u);
  clock_.advance(std::chrono::hours(4));
  EXPECT_TRUE(store_.list_metrics().empty());
  store_.prune();
  EXPECT_EQ(store_.metric_count(), 0u);
}

TEST_F(MetricStoreTest, ListMetricsFilters) {
  ASSERT_TRUE(store_.put_value(elb_5xx("web"), kT0, 1));
  ASSERT_TRUE(store_.put_value(elb_5xx("api"), kT0, 1));
  auto requests = MetricKey::make("AWS/ELB", "RequestCount", {{"LoadBalancerName", "web"}});
  ASSERT_TRUE(store_.put_value(requests, kT0, 1));
  ASSERT_TRUE(store_.put_value(MetricKey::make("Custom", "Orders"), kT0, 1));

  EXPECT_EQ(store_.list_metrics().size(), 4u);
  EXPECT_EQ(store_.list_metrics("AWS/ELB").size(), 3u);
  EXPECT_EQ(store_.list_metrics("", "HTTPCode_ELB_5XX").size(), 2u);
  auto web = store_.list_metrics("AWS/ELB", "", {{"LoadBalancerName", "web"}});
  ASSERT_EQ(web.size(), 2u);
  EXPECT_EQ(web[0].metric_name, "HTTPCode_ELB_5XX");
  EXPECT_EQ(store_.list_metrics("", "", {{"LoadBalancerName", std::nullopt}}).size(), 3u);
  EXPECT_TRUE(store_.list_metrics("", "", {{"AvailabilityZone", std::nullopt}}).empty());
}

TEST_F(MetricStoreTest, LatestIsTheNewestSecondOfEachMetric) {
  ASSERT_TRUE(store_.put_value(elb_5xx(), kT0, 1));
  ASSERT_TRUE(store_.put_value(elb_5xx(), kT0 + seconds(4), 7));
  ASSERT_TRUE(store_.put_value(elb_5xx(), kT0 + seconds(4), 1));
  auto latest = store_.latest();
  ASSERT_EQ(latest.size(), 1u);
  EXPECT_EQ(latest[0].second.timestamp, kT0 + seconds(4));
  EXPECT_DOUBLE_EQ(latest[0].second.value(Statistic::Sum), 8);
}

}  // namespace
}  // namespace faultbox::monitoring
