// startAfter scheduling beyond the seed's chain (parallel roots, fan-in, fan-out) and stop
// conditions with several alarms, on a manual clock.
#include <gtest/gtest.h>

#include "fis/runner.h"
#include "fis/step03_template.h"

namespace faultbox::fis {
namespace {

using nlohmann::json;
using std::chrono::minutes;
using std::chrono::seconds;

constexpr const char* kOtherAlarm = "arn:aws:cloudwatch:eu-west-2:000000000000:alarm:latency";

class DagTest : public ::testing::Test {
 protected:
  DagTest() : runner_(testing::environment_of(lab_), "eu-west-2", "000000000000", 7) {
    testing::add_step03_instances(lab_);
    lab_.alarms[kOtherAlarm] = AlarmState::InsufficientData;
  }

  // The seed template with `actions` (and optionally extra stop conditions) in place of its own.
  const Experiment& start(json actions, json stop_conditions = nullptr) {
    json body = testing::step03_template_json();
    body["actions"] = std::move(actions);
    if (!stop_conditions.is_null()) {
      body["stopConditions"] = std::move(stop_conditions);
    }
    auto t = parse_create_template(body);
    EXPECT_TRUE(t) << t.error().message;
    auto e = runner_.start(*t, {}, clock_.now());
    EXPECT_TRUE(e) << e.error().message;
    return **e;
  }

  void run_for(Duration d) {
    const TimePoint end = clock_.now() + d;
    while (clock_.now() < end) {
      runner_.tick(clock_.now());
      clock_.advance(seconds(1));
    }
    runner_.tick(clock_.now());
  }

  static json wait(const char* duration, json after = json::array()) {
    return {{"actionId", "aws:fis:wait"},
            {"parameters", {{"duration", duration}}},
            {"startAfter", std::move(after)}};
  }
  static json stop_instances(json after) {
    return {{"actionId", "aws:ec2:stop-instances"},
            {"targets", {{"Instances", "Instances-Target-1"}}},
            {"startAfter", std::move(after)}};
  }

  static ActionStatus status(const Experiment& e, const std::string& a) {
    return e.actions.at(a).status;
  }

  testing::FakeLab lab_;
  ManualClock clock_;
  Runner runner_;
};

TEST_F(DagTest, RootsStartTogetherAndAFanInWaitsForEveryPredecessor) {
  const TimePoint t0 = clock_.now();
  const Experiment& e = start({{"short", wait("PT1M")},
                               {"long", wait("PT2M")},
                               {"after-short", wait("PT1M", {"short"})},
                               {"after-both", stop_instances({"short", "long"})}});
  runner_.tick(clock_.now());
  EXPECT_EQ(status(e, "short"), ActionStatus::Running);
  EXPECT_EQ(status(e, "long"), ActionStatus::Running);
  EXPECT_EQ(status(e, "after-short"), ActionStatus::Pending);
  EXPECT_EQ(status(e, "after-both"), ActionStatus::Pending);

  run_for(minutes(1));
  EXPECT_EQ(status(e, "short"), ActionStatus::Completed);
  EXPECT_EQ(status(e, "after-short"), ActionStatus::Running);  // fan-out from short
  EXPECT_EQ(*e.actions.at("after-short").start_time, t0 + minutes(1));
  EXPECT_EQ(status(e, "long"), ActionStatus::Running);
  EXPECT_EQ(status(e, "after-both"), ActionStatus::Pending);  // long still runs
  EXPECT_EQ(lab_.count_calls("stop"), 0);

  run_for(minutes(1));
  EXPECT_EQ(status(e, "long"), ActionStatus::Completed);
  EXPECT_EQ(status(e, "after-short"), ActionStatus::Completed);
  // The instant stop starts the moment its last predecessor ends and completes in that tick.
  EXPECT_EQ(*e.actions.at("after-both").start_time, *e.actions.at("long").end_time);
  EXPECT_EQ(status(e, "after-both"), ActionStatus::Completed);
  EXPECT_EQ(lab_.count_calls("stop"), 2);
  EXPECT_EQ(e.status, ExperimentStatus::Completed);
  EXPECT_EQ(*e.end_time, t0 + minutes(2));
}

TEST_F(DagTest, DiamondRunsTheJoinOnceAfterBothBranches) {
  const Experiment& e = start({{"root", stop_instances(json::array())},
                               {"left", wait("PT1M", {"root"})},
                               {"right", wait("PT3M", {"root"})},
                               {"join", stop_instances({"left", "right"})}});
  run_for(minutes(2));
  EXPECT_EQ(status(e, "left"), ActionStatus::Completed);
  EXPECT_EQ(status(e, "right"), ActionStatus::Running);
  EXPECT_EQ(status(e, "join"), ActionStatus::Pending);
  run_for(minutes(1) + seconds(1));
  EXPECT_EQ(status(e, "join"), ActionStatus::Completed);
  EXPECT_EQ(lab_.count_calls("stop"), 4);  // root and join, two instances each
  EXPECT_EQ(e.status, ExperimentStatus::Completed);
}

TEST_F(DagTest, StopMidwayStopsRunningBranchesCancelsPendingKeepsCompleted) {
  const Experiment& e = start({{"quick", stop_instances(json::array())},
                               {"a", wait("PT5M", {"quick"})},
                               {"b", wait("PT5M", {"quick"})},
                               {"later", stop_instances({"a"})}});
  run_for(minutes(1));
  ASSERT_TRUE(runner_.stop(e.id, clock_.now()));
  runner_.tick(clock_.now());
  EXPECT_EQ(e.status, ExperimentStatus::Stopped);
  EXPECT_EQ(status(e, "quick"), ActionStatus::Completed);
  EXPECT_EQ(status(e, "a"), ActionStatus::Stopped);
  EXPECT_EQ(status(e, "b"), ActionStatus::Stopped);
  EXPECT_EQ(status(e, "later"), ActionStatus::Cancelled);
}

TEST_F(DagTest, OnlyAnAlarmInAlarmStateStopsAndAnyOfSeveralDoes) {
  json conditions = {{{"source", "aws:cloudwatch:alarm"}, {"value", testing::kAlarmArn}},
                     {{"source", "aws:cloudwatch:alarm"}, {"value", kOtherAlarm}}};
  const Experiment& e = start({{"pause", wait("PT10M")}}, conditions);
  run_for(minutes(1));
  // INSUFFICIENT_DATA and OK are not reasons to stop.
  EXPECT_EQ(e.status, ExperimentStatus::Running);
  lab_.alarms[kOtherAlarm] = AlarmState::Ok;
  run_for(minutes(1));
  EXPECT_EQ(e.status, ExperimentStatus::Running);

  lab_.alarms[kOtherAlarm] = AlarmState::Alarm;  // the second of the two fires
  run_for(seconds(1));
  EXPECT_EQ(e.status, ExperimentStatus::Stopped);
  EXPECT_EQ(e.reason, "Experiment halted by stop condition.");
  EXPECT_EQ(status(e, "pause"), ActionStatus::Stopped);

  // An alarm that fires after the experiment ended changes nothing.
  lab_.alarms[testing::kAlarmArn] = AlarmState::Alarm;
  run_for(seconds(5));
  EXPECT_EQ(e.status, ExperimentStatus::Stopped);
}

TEST_F(DagTest, NoneStopConditionRunsToTheEnd) {
  lab_.alarms[testing::kAlarmArn] = AlarmState::Alarm;  // not watched with source none
  const Experiment& e = start({{"pause", wait("PT1M")}}, {{{"source", "none"}}});
  run_for(minutes(1) + seconds(1));
  EXPECT_EQ(e.status, ExperimentStatus::Completed);
}

}  // namespace
}  // namespace faultbox::fis
