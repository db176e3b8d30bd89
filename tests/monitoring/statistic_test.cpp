// Statistic names, StatisticSet merging and CloudWatch's number spelling.
#include "monitoring/statistic.h"

#include <gtest/gtest.h>

namespace faultbox::monitoring {
namespace {

TEST(StatisticTest, ParsesAwsSpellingsOnly) {
  EXPECT_EQ(parse_statistic("Sum"), Statistic::Sum);
  EXPECT_EQ(parse_statistic("SampleCount"), Statistic::SampleCount);
  EXPECT_EQ(statistic_name(Statistic::Average), "Average");
  EXPECT_FALSE(parse_statistic("sum"));
  EXPECT_FALSE(parse_statistic("p99"));
}

TEST(StatisticTest, MergeCombinesSamplesAndEmptyIsIdentity) {
  StatisticSet s;
  s.merge(StatisticSet::of_value(4));
  s.merge(StatisticSet{10, 2, 1, 9});
  s.merge(StatisticSet{});
  EXPECT_DOUBLE_EQ(s.sum, 14);
  EXPECT_DOUBLE_EQ(s.sample_count, 3);
  EXPECT_DOUBLE_EQ(s.minimum, 1);
  EXPECT_DOUBLE_EQ(s.maximum, 9);
  EXPECT_DOUBLE_EQ(statistic_value(s, Statistic::Average), 14.0 / 3);
}

TEST(StatisticTest, FormatsNumbersLikeCloudWatch) {
  EXPECT_EQ(format_number(10), "10.0");
  EXPECT_EQ(format_number(0), "0.0");
  EXPECT_EQ(format_number(0.5), "0.5");
  EXPECT_EQ(format_number(12.25), "12.25");
  EXPECT_EQ(format_number(-3), "-3.0");
}

}  // namespace
}  // namespace faultbox::monitoring
