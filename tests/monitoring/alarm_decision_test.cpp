// decide() on its own: the texts of the rarer outcomes.
#include "monitoring/alarm_decision.h"

#include <gtest/gtest.h>

#include "alarm_test_support.h"

namespace faultbox::monitoring {
namespace {

using namespace test_support;
using std::chrono::seconds;

std::vector<PeriodValue> periods(std::initializer_list<std::optional<double>> values) {
  std::vector<PeriodValue> out;
  auto t = kT0;
  for (const auto& v : values) {
    out.push_back({t, v ? std::optional(StatisticSet::of_value(*v)) : std::nullopt});
    t += seconds(10);
  }
  return out;
}

TEST(AlarmDecisionTest, NamesMissingDatapointsCountedAsBreaching) {
  auto spec = workshop_alarm();
  spec.treat_missing = TreatMissingData::Breaching;
  EvaluationWindow window{kT0, kT0 + seconds(40)};
  auto change = decide(spec, periods({12, std::nullopt, 0, 0}), window, AlarmState::Ok,
                       window.end + seconds(1));
  ASSERT_TRUE(change);
  EXPECT_EQ(change->state, AlarmState::Alarm);
  EXPECT_EQ(change->reason,
            "Threshold Crossed: 2 out of the last 4 datapoints [12.0 (14/11/23 22:13:20)] were "
            "greater than or equal to the threshold (10.0) (1 missing datapoint was treated as "
            "[Breaching]) (minimum 2 datapoints for OK -> ALARM transition).");
}

TEST(AlarmDecisionTest, SingleMissingPeriodTexts) {
  auto spec = workshop_alarm();
  spec.evaluation_periods = 1;
  spec.datapoints_to_alarm = 1;
  EvaluationWindow window{kT0, kT0 + seconds(10)};
  spec.treat_missing = TreatMissingData::Missing;
  auto insufficient = decide(spec, periods({std::nullopt}), window, AlarmState::Ok, window.end);
  ASSERT_TRUE(insufficient);
  EXPECT_EQ(insufficient->reason, "Insufficient Data: 1 datapoint was unknown.");
  spec.treat_missing = TreatMissingData::Breaching;
  auto alarm = decide(spec, periods({std::nullopt}), window, AlarmState::Ok, window.end);
  ASSERT_TRUE(alarm);
  EXPECT_EQ(alarm->reason,
            "Threshold Crossed: no datapoints were received for 1 period and 1 missing "
            "datapoint was treated as [Breaching].");
  spec.treat_missing = TreatMissingData::Ignore;
  EXPECT_FALSE(decide(spec, periods({std::nullopt}), window, AlarmState::Ok, window.end));
}

}  // namespace
}  // namespace faultbox::monitoring
