// One evaluation per case: M of N, treat-missing-data, comparison operators and statistics.
#include <gtest/gtest.h>

#include "alarm_test_support.h"

namespace faultbox::monitoring {
namespace {

using namespace test_support;
using std::chrono::seconds;

struct AlarmCase {
  const char* name;
  Statistic statistic;
  ComparisonOperator op;
  double threshold;
  int n;  // EvaluationPeriods
  int m;  // DatapointsToAlarm
  TreatMissingData treat;
  std::vector<std::vector<double>> periods;  // samples per 10-s period, oldest first; {} = none
  AlarmState expected;
};

class AlarmTableTest : public ::testing::TestWithParam<AlarmCase> {};

TEST_P(AlarmTableTest, EvaluatesToTheExpectedState) {
  const auto& c = GetParam();
  ManualClock clock(kT0);
  MetricStore store(clock);
  AlarmEvaluator evaluator(store, "eu-west-2", "000000000000");
  auto spec = workshop_alarm();
  spec.statistic = c.statistic;
  spec.comparison = c.op;
  spec.threshold = c.threshold;
  spec.evaluation_periods = c.n;
  spec.datapoints_to_alarm = c.m;
  spec.treat_missing = c.treat;
  ASSERT_TRUE(evaluator.put_alarm(spec, kT0));
  ASSERT_EQ(static_cast<int>(c.periods.size()), c.n);
  for (std::size_t p = 0; p < c.periods.size(); ++p) {
    for (std::size_t i = 0; i < c.periods[p].size(); ++i) {
      auto at = kT0 + seconds(10 * static_cast<int>(p) + static_cast<int>(i));
      ASSERT_TRUE(store.put_value(elb_5xx(), at, c.periods[p][i]));
    }
  }
  clock.set(kT0 + seconds(10 * c.n) + kDataLag);
  evaluator.evaluate(clock.now());
  const auto* alarm = evaluator.find(spec.alarm_name);
  ASSERT_NE(alarm, nullptr);
  EXPECT_EQ(state_name(alarm->state()), state_name(c.expected)) << alarm->state_reason();
}

constexpr auto kSum = Statistic::Sum;
constexpr auto kGE = ComparisonOperator::GreaterThanOrEqualToThreshold;
constexpr auto kGT = ComparisonOperator::GreaterThanThreshold;
constexpr auto kLT = ComparisonOperator::LessThanThreshold;
constexpr auto kLE = ComparisonOperator::LessThanOrEqualToThreshold;
constexpr auto kNotBreaching = TreatMissingData::NotBreaching;
constexpr auto kMissing = TreatMissingData::Missing;
constexpr auto kIgnore = TreatMissingData::Ignore;
constexpr auto kBreaching = TreatMissingData::Breaching;
constexpr auto kOk = AlarmState::Ok;
constexpr auto kAlarm = AlarmState::Alarm;
constexpr auto kInsufficient = AlarmState::InsufficientData;

// One case per row, its arguments in the table's columns.
// clang-format off
INSTANTIATE_TEST_SUITE_P(
    Workshop, AlarmTableTest,
    ::testing::Values(
        AlarmCase{"NoTrafficIsOk", kSum, kGE, 10, 4, 2, kNotBreaching, {{}, {}, {}, {}}, kOk},
        AlarmCase{"TwoBurstsOf12Alarm", kSum, kGE, 10, 4, 2, kNotBreaching,
                  {{0}, {0}, {12}, {12}}, kAlarm},
        AlarmCase{"OneBurstStaysOk", kSum, kGE, 10, 4, 2, kNotBreaching, {{0}, {0}, {0}, {12}},
                  kOk},
        AlarmCase{"NonConsecutiveBreachesAlarm", kSum, kGE, 10, 4, 2, kNotBreaching,
                  {{12}, {}, {15}, {}}, kAlarm},
        AlarmCase{"SecondsOfAPeriodAreSummed", kSum, kGE, 10, 4, 2, kNotBreaching,
                  {{6, 6}, {}, {}, {5, 5}}, kAlarm},
        AlarmCase{"NineIsBelowTen", kSum, kGE, 10, 4, 2, kNotBreaching, {{9}, {9}, {9}, {9}},
                  kOk},
        AlarmCase{"ThreeOfThreeNeedsAll", kSum, kGE, 10, 3, 3, kNotBreaching, {{12}, {12}, {0}},
                  kOk}),
    [](const ::testing::TestParamInfo<AlarmCase>& p) { return std::string(p.param.name); });

INSTANTIATE_TEST_SUITE_P(
    TreatMissingData, AlarmTableTest,
    ::testing::Values(
        AlarmCase{"MissingAllMissing", kSum, kGE, 10, 4, 2, kMissing, {{}, {}, {}, {}},
                  kInsufficient},
        AlarmCase{"MissingIgnoresGaps", kSum, kGE, 10, 4, 2, kMissing, {{12}, {}, {12}, {}},
                  kAlarm},
        AlarmCase{"MissingTooFewToDecide", kSum, kGE, 10, 4, 2, kMissing, {{0}, {}, {}, {}},
                  kInsufficient},
        AlarmCase{"MissingEnoughGood", kSum, kGE, 10, 4, 2, kMissing, {{0}, {0}, {0}, {}}, kOk},
        AlarmCase{"IgnoreAllMissingKeepsState", kSum, kGE, 10, 4, 2, kIgnore, {{}, {}, {}, {}},
                  kInsufficient},
        AlarmCase{"IgnoreJudgesRealData", kSum, kGE, 10, 4, 2, kIgnore, {{12}, {12}, {}, {}},
                  kAlarm},
        AlarmCase{"BreachingAllMissing", kSum, kGE, 10, 4, 2, kBreaching, {{}, {}, {}, {}},
                  kAlarm},
        AlarmCase{"BreachingFillsGaps", kSum, kGE, 10, 4, 2, kBreaching, {{12}, {}, {0}, {0}},
                  kAlarm},
        AlarmCase{"BreachingOneGapIsNotEnough", kSum, kGE, 10, 4, 2, kBreaching,
                  {{0}, {0}, {0}, {}}, kOk},
        AlarmCase{"NotBreachingFillsGaps", kSum, kGE, 10, 4, 2, kNotBreaching,
                  {{12}, {}, {}, {}}, kOk}),
    [](const ::testing::TestParamInfo<AlarmCase>& p) { return std::string(p.param.name); });

INSTANTIATE_TEST_SUITE_P(
    Operators, AlarmTableTest,
    ::testing::Values(
        AlarmCase{"GreaterOrEqualAtThreshold", kSum, kGE, 10, 1, 1, kMissing, {{10}}, kAlarm},
        AlarmCase{"GreaterOrEqualBelow", kSum, kGE, 10, 1, 1, kMissing, {{9.5}}, kOk},
        AlarmCase{"GreaterAtThreshold", kSum, kGT, 10, 1, 1, kMissing, {{10}}, kOk},
        AlarmCase{"GreaterAbove", kSum, kGT, 10, 1, 1, kMissing, {{10.5}}, kAlarm},
        AlarmCase{"LessAtThreshold", kSum, kLT, 10, 1, 1, kMissing, {{10}}, kOk},
        AlarmCase{"LessBelow", kSum, kLT, 10, 1, 1, kMissing, {{9.9}}, kAlarm},
        AlarmCase{"LessOrEqualAtThreshold", kSum, kLE, 10, 1, 1, kMissing, {{10}}, kAlarm},
        AlarmCase{"LessOrEqualAbove", kSum, kLE, 10, 1, 1, kMissing, {{10.1}}, kOk}),
    [](const ::testing::TestParamInfo<AlarmCase>& p) { return std::string(p.param.name); });

// Each period holds the samples 1, 5 and 9: Sum 15, SampleCount 3, Average 5, Min 1, Max 9.
INSTANTIATE_TEST_SUITE_P(
    Statistics, AlarmTableTest,
    ::testing::Values(
        AlarmCase{"SumReached", kSum, kGE, 15, 2, 2, kMissing, {{1, 5, 9}, {1, 5, 9}}, kAlarm},
        AlarmCase{"SampleCountReached", Statistic::SampleCount, kGE, 3, 2, 2, kMissing,
                  {{1, 5, 9}, {1, 5, 9}}, kAlarm},
        AlarmCase{"SampleCountNotAbove", Statistic::SampleCount, kGT, 3, 2, 2, kMissing,
                  {{1, 5, 9}, {1, 5, 9}}, kOk},
        AlarmCase{"AverageReached", Statistic::Average, kGE, 5, 2, 2, kMissing,
                  {{1, 5, 9}, {1, 5, 9}}, kAlarm},
        AlarmCase{"AverageNotAbove", Statistic::Average, kGT, 5, 2, 2, kMissing,
                  {{1, 5, 9}, {1, 5, 9}}, kOk},
        AlarmCase{"MinimumReached", Statistic::Minimum, kLE, 1, 2, 2, kMissing,
                  {{1, 5, 9}, {1, 5, 9}}, kAlarm},
        AlarmCase{"MinimumNotBelow", Statistic::Minimum, kLT, 1, 2, 2, kMissing,
                  {{1, 5, 9}, {1, 5, 9}}, kOk},
        AlarmCase{"MaximumReached", Statistic::Maximum, kGE, 9, 2, 2, kMissing,
                  {{1, 5, 9}, {1, 5, 9}}, kAlarm},
        AlarmCase{"MaximumNotAbove", Statistic::Maximum, kGT, 9, 2, 2, kMissing,
                  {{1, 5, 9}, {1, 5, 9}}, kOk}),
    [](const ::testing::TestParamInfo<AlarmCase>& p) { return std::string(p.param.name); });

// clang-format on
}  // namespace
}  // namespace faultbox::monitoring
