// Alarms over time: the workshop's alarm through a failure and back, reason texts, history,
// window boundaries, SetAlarmState, reconfiguration and the DescribeAlarms bookkeeping.
#include "monitoring/alarm_evaluator.h"

#include <gtest/gtest.h>

#include "alarm_test_support.h"

namespace faultbox::monitoring {
namespace {

using namespace test_support;
using std::chrono::milliseconds;
using std::chrono::seconds;

class AlarmEvaluatorTest : public ::testing::Test {
 protected:
  // Runs the lab until kT0 + end_second: the load balancer publishes `fives(second)` 5xx a second
  // (relative to kT0) and the evaluator runs once a second.
  void run_until(int end_second, int (*fives)(int)) {
    while (clock_.now() < kT0 + seconds(end_second)) {
      auto s = static_cast<int>(std::chrono::duration_cast<seconds>(clock_.now() - kT0).count());
      ASSERT_TRUE(store_.put_value(elb_5xx(), kT0 + seconds(s), fives(s)));
      clock_.advance(seconds(1));
      for (const auto& t : evaluator_.evaluate(clock_.now())) {
        transitions_.push_back(t);
      }
    }
  }

  ManualClock clock_{kT0};
  MetricStore store_{clock_};
  AlarmEvaluator evaluator_{store_, "eu-west-2", "000000000000"};
  std::vector<AlarmTransition> transitions_;
};

// 12 errors in each of the periods [kT0+10, +20) and [kT0+20, +30), two per second.
int two_bursts(int s) { return (s >= 12 && s < 18) || (s >= 22 && s < 28) ? 2 : 0; }

TEST_F(AlarmEvaluatorTest, WorkshopAlarmFiresOnTwoBurstsAndRecovers) {
  ASSERT_TRUE(evaluator_.put_alarm(workshop_alarm(), kT0));
  const auto& alarm = *evaluator_.find("panda-elb-alarm");
  EXPECT_EQ(alarm.state(), AlarmState::InsufficientData);
  EXPECT_EQ(alarm.state_reason(), "Unchecked: Initial alarm creation");

  run_until(70, two_bursts);
  ASSERT_EQ(transitions_.size(), 3u);
  EXPECT_EQ(transitions_[0].to, AlarmState::Ok);  // no traffic yet, missing = not breaching
  EXPECT_EQ(transitions_[0].at, kT0 + seconds(1));
  EXPECT_EQ(transitions_[1].from, AlarmState::Ok);
  EXPECT_EQ(transitions_[1].to, AlarmState::Alarm);
  EXPECT_EQ(transitions_[1].at, kT0 + seconds(31));  // period end + 1 s of lag
  EXPECT_EQ(transitions_[2].to, AlarmState::Ok);
  EXPECT_EQ(transitions_[2].at, kT0 + seconds(61));  // only one breaching period left
  EXPECT_EQ(alarm.state_reason(),
            "Threshold Crossed: 3 out of the last 4 datapoints [0.0 (14/11/23 22:14:10), "
            "0.0 (14/11/23 22:14:00), 0.0 (14/11/23 22:13:50)] were not greater than or equal "
            "to the threshold (10.0) (minimum 3 datapoints for ALARM -> OK transition).");
  EXPECT_EQ(alarm.state_updated(), kT0 + seconds(61));
}

TEST_F(AlarmEvaluatorTest, ReasonTextsAndReasonDataFollowCloudWatch) {
  ASSERT_TRUE(evaluator_.put_alarm(workshop_alarm(), kT0));
  const auto& alarm = *evaluator_.find("panda-elb-alarm");
  run_until(1, two_bursts);
  EXPECT_EQ(alarm.state_reason(),
            "Threshold Crossed: no datapoints were received for 4 periods and 4 missing "
            "datapoints were treated as [NonBreaching].");
  run_until(31, two_bursts);
  ASSERT_EQ(alarm.state(), AlarmState::Alarm);
  EXPECT_EQ(alarm.state_reason(),
            "Threshold Crossed: 2 out of the last 4 datapoints [12.0 (14/11/23 22:13:40), "
            "12.0 (14/11/23 22:13:30)] were greater than or equal to the threshold (10.0) "
            "(minimum 2 datapoints for OK -> ALARM transition).");
  const auto& data = alarm.state_reason_data();
  EXPECT_EQ(data["version"], "1.0");
  EXPECT_EQ(data["queryDate"], "2023-11-14T22:13:51.000+0000");
  EXPECT_EQ(data["startDate"], "2023-11-14T22:13:10.000+0000");
  EXPECT_EQ(data["statistic"], "Sum");
  EXPECT_EQ(data["period"], 10);
  EXPECT_EQ(data["threshold"], 10.0);
  EXPECT_EQ(data["recentDatapoints"], nlohmann::json({0.0, 12.0, 12.0}));
  ASSERT_EQ(data["evaluatedDatapoints"].size(), 4u);
  EXPECT_EQ(data["evaluatedDatapoints"][0]["timestamp"], "2023-11-14T22:13:40.000+0000");
  EXPECT_EQ(data["evaluatedDatapoints"][0]["value"], 12.0);
  EXPECT_EQ(data["evaluatedDatapoints"][0]["sampleCount"], 10.0);
  EXPECT_FALSE(data["evaluatedDatapoints"][3].contains("value"));  // the missing one
}

TEST_F(AlarmEvaluatorTest, HistoryRecordsCreationAndEachTransitionNewestFirst) {
  ASSERT_TRUE(evaluator_.put_alarm(workshop_alarm(), kT0));
  run_until(70, two_bursts);
  auto items = evaluator_.history({.alarm_name = "panda-elb-alarm"});
  ASSERT_EQ(items.size(), 4u);
  EXPECT_EQ(items[0].summary, "Alarm updated from ALARM to OK");
  EXPECT_EQ(items[1].summary, "Alarm updated from OK to ALARM");
  EXPECT_EQ(items[2].summary, "Alarm updated from INSUFFICIENT_DATA to OK");
  EXPECT_EQ(items[3].summary, "Alarm \"panda-elb-alarm\" created");
  EXPECT_EQ(items[3].type, HistoryItemType::ConfigurationUpdate);
  EXPECT_EQ(items[1].type, HistoryItemType::StateUpdate);
  EXPECT_EQ(items[1].timestamp, kT0 + seconds(31));
  EXPECT_EQ(items[1].data["oldState"]["stateValue"], "OK");
  EXPECT_EQ(items[1].data["newState"]["stateValue"], "ALARM");
  EXPECT_EQ(items[1].data["newState"]["stateReasonData"]["recentDatapoints"].size(), 3u);

  auto wire = items[1].to_api_json();
  EXPECT_EQ(wire["HistoryItemType"], "StateUpdate");
  EXPECT_EQ(wire["Timestamp"], "2023-11-14T22:13:51.000Z");
  EXPECT_TRUE(wire["HistoryData"].is_string());

  EXPECT_EQ(evaluator_.history({.type = HistoryItemType::StateUpdate}).size(), 3u);
  EXPECT_EQ(evaluator_.history({.start = kT0 + seconds(31), .end = kT0 + seconds(31)}).size(), 1u);
  EXPECT_TRUE(evaluator_.history({.alarm_name = "other"}).empty());
}

TEST_F(AlarmEvaluatorTest, OnlyCompletePeriodsAreEvaluated) {
  auto spec = workshop_alarm();
  spec.evaluation_periods = 1;
  spec.datapoints_to_alarm = 1;
  spec.treat_missing = TreatMissingData::Missing;
  ASSERT_TRUE(evaluator_.put_alarm(spec, kT0));
  ASSERT_TRUE(store_.put_value(elb_5xx(), kT0 + seconds(5), 100));

  EXPECT_EQ(evaluation_window(spec, kT0 + milliseconds(10'999)).end, kT0);
  EXPECT_EQ(evaluation_window(spec, kT0 + seconds(11)).end, kT0 + seconds(10));
  EXPECT_EQ(evaluation_window(spec, kT0 + seconds(11)).start, kT0);

  evaluator_.evaluate(kT0 + seconds(9));
  EXPECT_EQ(evaluator_.find(spec.alarm_name)->state(), AlarmState::InsufficientData);
  // The reason changes only with the state.
  EXPECT_EQ(evaluator_.find(spec.alarm_name)->state_reason(), "Unchecked: Initial alarm creation");
  EXPECT_TRUE(evaluator_.evaluate(kT0 + milliseconds(10'999)).empty());
  auto moved = evaluator_.evaluate(kT0 + seconds(11));
  ASSERT_EQ(moved.size(), 1u);
  EXPECT_EQ(moved[0].to, AlarmState::Alarm);
  EXPECT_EQ(evaluator_.find(spec.alarm_name)->state_reason(),
            "Threshold Crossed: 1 out of the last 1 datapoints [100.0 (14/11/23 22:13:20)] was "
            "greater than or equal to the threshold (10.0) (minimum 1 datapoint for "
            "INSUFFICIENT_DATA -> ALARM transition).");
}

TEST_F(AlarmEvaluatorTest, MissingDataTurnsAnOkAlarmInsufficient) {
  auto spec = workshop_alarm();
  spec.treat_missing = TreatMissingData::Missing;
  ASSERT_TRUE(evaluator_.put_alarm(spec, kT0));
  run_until(41, [](int) { return 0; });
  EXPECT_EQ(evaluator_.find(spec.alarm_name)->state(), AlarmState::Ok);
  clock_.advance(seconds(60));  // the load balancer is gone: nothing is published
  evaluator_.evaluate(clock_.now());
  const auto& alarm = *evaluator_.find(spec.alarm_name);
  EXPECT_EQ(alarm.state(), AlarmState::InsufficientData);
  EXPECT_EQ(alarm.state_reason(), "Insufficient Data: 4 datapoints were unknown.");
}

TEST_F(AlarmEvaluatorTest, SetAlarmStateHoldsUntilThePeriodCompletes) {
  ASSERT_TRUE(evaluator_.put_alarm(workshop_alarm(), kT0));
  evaluator_.evaluate(kT0 + seconds(1));
  ASSERT_TRUE(evaluator_.set_alarm_state("panda-elb-alarm", "ALARM", "testing the stop condition",
                                         R"({"by": "test"})", kT0 + seconds(3)));
  const auto& alarm = *evaluator_.find("panda-elb-alarm");
  EXPECT_EQ(alarm.state(), AlarmState::Alarm);
  EXPECT_EQ(alarm.state_reason(), "testing the stop condition");
  EXPECT_EQ(alarm.state_reason_data()["by"], "test");
  EXPECT_TRUE(evaluator_.evaluate(kT0 + seconds(5)).empty());
  EXPECT_TRUE(evaluator_.evaluate(kT0 + milliseconds(10'999)).empty());
  EXPECT_EQ(alarm.state(), AlarmState::Alarm);
  auto back = evaluator_.evaluate(kT0 + seconds(11));
  ASSERT_EQ(back.size(), 1u);
  EXPECT_EQ(back[0].from, AlarmState::Alarm);
  EXPECT_EQ(alarm.state(), AlarmState::Ok);
  auto items = evaluator_.history({.type = HistoryItemType::StateUpdate});
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[1].summary, "Alarm updated from OK to ALARM");
  EXPECT_EQ(items[1].data["newState"]["stateReason"], "testing the stop condition");
}

TEST_F(AlarmEvaluatorTest, SetAlarmStateOnANewAlarmHoldsToo) {
  ASSERT_TRUE(evaluator_.put_alarm(workshop_alarm(), kT0 + seconds(2)));
  ASSERT_TRUE(
      evaluator_.set_alarm_state("panda-elb-alarm", "ALARM", "manual", "", kT0 + seconds(2)));
  EXPECT_TRUE(evaluator_.evaluate(kT0 + seconds(3)).empty());
  EXPECT_EQ(evaluator_.find("panda-elb-alarm")->state(), AlarmState::Alarm);
  EXPECT_EQ(evaluator_.evaluate(kT0 + seconds(11)).size(), 1u);
}

TEST_F(AlarmEvaluatorTest, SetAlarmStateErrors) {
  ASSERT_TRUE(evaluator_.put_alarm(workshop_alarm(), kT0));
  auto unknown = evaluator_.set_alarm_state("nope", "OK", "r", "", kT0);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, "ResourceNotFound");
  EXPECT_EQ(unknown.error().message, "Alarm nope not found");
  auto state = evaluator_.set_alarm_state("panda-elb-alarm", "ON_FIRE", "r", "", kT0);
  ASSERT_FALSE(state);
  EXPECT_EQ(state.error().code, "ValidationError");
  EXPECT_EQ(state.error().message,
            "1 validation error detected: Value 'ON_FIRE' at 'stateValue' failed to satisfy "
            "constraint: Member must satisfy enum value set: [INSUFFICIENT_DATA, ALARM, OK]");
  auto json = evaluator_.set_alarm_state("panda-elb-alarm", "OK", "r", "{not json", kT0);
  ASSERT_FALSE(json);
  EXPECT_EQ(json.error().code, "InvalidFormat");
}

TEST_F(AlarmEvaluatorTest, ReconfiguringRecordsItAndReevaluatesAtOnce) {
  ASSERT_TRUE(evaluator_.put_alarm(workshop_alarm(), kT0));
  run_until(35, two_bursts);
  ASSERT_EQ(evaluator_.find("panda-elb-alarm")->state(), AlarmState::Alarm);
  ASSERT_TRUE(evaluator_.put_alarm(workshop_alarm(), clock_.now()));  // unchanged: no item
  EXPECT_EQ(evaluator_.history({.type = HistoryItemType::ConfigurationUpdate}).size(), 1u);

  auto spec = workshop_alarm();
  spec.threshold = 20;
  ASSERT_TRUE(evaluator_.put_alarm(spec, clock_.now()));
  auto config = evaluator_.history({.type = HistoryItemType::ConfigurationUpdate});
  ASSERT_EQ(config.size(), 2u);
  EXPECT_EQ(config[0].summary, "Alarm \"panda-elb-alarm\" updated");
  EXPECT_EQ(config[0].data["updatedAlarm"]["Threshold"], 20.0);
  EXPECT_EQ(evaluator_.find("panda-elb-alarm")->state(), AlarmState::Alarm);  // kept
  auto moved = evaluator_.evaluate(clock_.now());
  ASSERT_EQ(moved.size(), 1u);
  EXPECT_EQ(moved[0].to, AlarmState::Ok);
}

TEST_F(AlarmEvaluatorTest, RejectsAnInvalidAlarm) {
  auto spec = workshop_alarm();
  spec.datapoints_to_alarm = 5;
  auto r = evaluator_.put_alarm(spec, kT0);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "ValidationError");
  EXPECT_EQ(evaluator_.find(spec.alarm_name), nullptr);
}

TEST_F(AlarmEvaluatorTest, DescribesAndDeletes) {
  auto a = workshop_alarm();
  auto b = workshop_alarm();
  b.alarm_name = "other-alarm";
  ASSERT_TRUE(evaluator_.put_alarm(a, kT0));
  ASSERT_TRUE(evaluator_.put_alarm(b, kT0));
  ASSERT_TRUE(evaluator_.set_alarm_state("other-alarm", "OK", "manual", "", kT0));

  EXPECT_EQ(evaluator_.describe().size(), 2u);
  ASSERT_EQ(evaluator_.describe("panda").size(), 1u);
  ASSERT_EQ(evaluator_.describe("", AlarmState::Ok).size(), 1u);
  EXPECT_EQ(evaluator_.describe("", AlarmState::Ok)[0]->spec().alarm_name, "other-alarm");

  auto wire = evaluator_.find("panda-elb-alarm")->to_api_json();
  EXPECT_EQ(wire["AlarmArn"], "arn:aws:cloudwatch:eu-west-2:000000000000:alarm:panda-elb-alarm");
  EXPECT_EQ(wire["StateValue"], "INSUFFICIENT_DATA");
  EXPECT_EQ(wire["Dimensions"][0]["Name"], "LoadBalancerName");
  EXPECT_EQ(wire["StateUpdatedTimestamp"], "2023-11-14T22:13:20.000Z");

  auto missing = evaluator_.delete_alarms({"panda-elb-alarm", "ghost"});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, "ResourceNotFound");
  EXPECT_EQ(evaluator_.describe().size(), 2u);  // nothing deleted
  ASSERT_TRUE(evaluator_.delete_alarms({"panda-elb-alarm", "other-alarm"}));
  EXPECT_TRUE(evaluator_.describe().empty());
}

}  // namespace
}  // namespace faultbox::monitoring

namespace faultbox::monitoring {
namespace {

TEST_F(AlarmEvaluatorTest, StateAndHistoryComeBackAfterALabRestart) {
  ASSERT_TRUE(evaluator_.put_alarm(workshop_alarm(), kT0));
  run_until(40, two_bursts);
  const auto& before = *evaluator_.find("panda-elb-alarm");
  ASSERT_EQ(before.state(), AlarmState::Alarm);
  auto saved = before.state_record();

  MetricStore fresh_store{clock_};
  AlarmEvaluator restarted{fresh_store, "eu-west-2", "000000000000"};
  ASSERT_TRUE(restarted.put_alarm(workshop_alarm(), clock_.now()));
  ASSERT_TRUE(restarted.restore_state("panda-elb-alarm", saved));
  const auto& after = *restarted.find("panda-elb-alarm");
  EXPECT_EQ(after.to_api_json(), before.to_api_json());
  EXPECT_EQ(restarted.history().size(), evaluator_.history().size());
  EXPECT_EQ(restarted.history()[0].to_api_json(), evaluator_.history()[0].to_api_json());
  EXPECT_FALSE(restarted.restore_state("no-such-alarm", saved));
}

}  // namespace
}  // namespace faultbox::monitoring

namespace faultbox::monitoring {
namespace {

TEST_F(AlarmEvaluatorTest, WindowDatapointsShowWhatTheNextEvaluationSees) {
  ASSERT_TRUE(evaluator_.put_alarm(workshop_alarm(), kT0));
  run_until(31, two_bursts);
  auto points = evaluator_.window_datapoints("panda-elb-alarm", clock_.now());
  ASSERT_TRUE(points);
  ASSERT_EQ(points->size(), 4u);  // 4 evaluation periods of 10 s, oldest first
  EXPECT_EQ((*points)[3].first, kT0 + seconds(20));
  EXPECT_EQ((*points)[3].second, 12.0);
  EXPECT_EQ((*points)[2].second, 12.0);
  EXPECT_EQ((*points)[1].second, 0.0);
  EXPECT_FALSE((*points)[0].second);  // before any data: missing
  EXPECT_FALSE(evaluator_.window_datapoints("nope", clock_.now()));
}

}  // namespace
}  // namespace faultbox::monitoring
