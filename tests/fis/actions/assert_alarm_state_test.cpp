// aws:cloudwatch:assert-alarm-state: passes when every alarm is in one of the states, and fails
// the experiment (before the fault that follows it) when one is not.
#include "fis/runner_fixture.h"

namespace faultbox::fis {
namespace {

class AssertAlarmStateTest : public testing::RunnerTest {
 protected:
  AssertAlarmStateTest() : RunnerTest(5) {}

  // The assertion first, then the seed's first stop after it.
  const Experiment& start(const std::string& alarms, const std::string& states) {
    auto body = testing::step03_template_json();
    body["stopConditions"] = {{{"source", "none"}}};
    body["actions"].erase("pause");
    body["actions"].erase("stop2");
    body["actions"]["assert"] = {{"actionId", "aws:cloudwatch:assert-alarm-state"},
                                 {"parameters", {{"alarmArns", alarms}, {"alarmStates", states}}}};
    body["actions"]["stop1"]["startAfter"] = {"assert"};
    auto e = start_body(body);
    EXPECT_TRUE(e) << e.error().message;
    runner_.tick(clock_.now());
    return **e;
  }
};

TEST_F(AssertAlarmStateTest, AlarmsInAnAllowedStateLetTheExperimentGoOn) {
  lab_.alarms["arn:aws:cloudwatch:eu-west-2:000000000000:alarm:other"] =
      AlarmState::InsufficientData;
  const Experiment& e = start(std::string(testing::kAlarmArn) +
                                  ",arn:aws:cloudwatch:eu-west-2:000000000000:alarm:other",
                              "OK,INSUFFICIENT_DATA");
  EXPECT_EQ(e.actions.at("assert").status, ActionStatus::Completed);
  EXPECT_EQ(e.status, ExperimentStatus::Completed);
  EXPECT_EQ(lab_.count_calls("stop"), 2);
}

TEST_F(AssertAlarmStateTest, AnAlarmInAnotherStateFailsTheExperimentBeforeTheFault) {
  lab_.alarms[testing::kAlarmArn] = AlarmState::Alarm;
  const Experiment& e = start(testing::kAlarmArn, "OK");
  EXPECT_EQ(e.actions.at("assert").status, ActionStatus::Failed);
  EXPECT_NE(e.actions.at("assert").reason.find("is in state ALARM, not in OK"), std::string::npos)
      << e.actions.at("assert").reason;
  EXPECT_EQ(e.status, ExperimentStatus::Failed);
  EXPECT_EQ(e.actions.at("stop1").status, ActionStatus::Cancelled);
  EXPECT_EQ(lab_.count_calls("stop"), 0);
}

TEST_F(AssertAlarmStateTest, AMissingAlarmFailsTheAction) {
  const Experiment& e = start("arn:aws:cloudwatch:eu-west-2:000000000000:alarm:gone", "OK");
  EXPECT_EQ(e.actions.at("assert").status, ActionStatus::Failed);
  EXPECT_EQ(e.status, ExperimentStatus::Failed);
}

TEST_F(AssertAlarmStateTest, StatesAreCheckedWhenTheExperimentStarts) {
  auto body = testing::step03_template_json();
  body["actions"] = {
      {"assert",
       {{"actionId", "aws:cloudwatch:assert-alarm-state"},
        {"parameters", {{"alarmArns", testing::kAlarmArn}, {"alarmStates", "GREEN"}}}}}};
  auto t = parse_create_template(body);
  ASSERT_TRUE(t);
  auto refused = runner_.start(*t, {}, clock_.now());
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("GREEN"), std::string::npos) << refused.error().message;
}

}  // namespace
}  // namespace faultbox::fis
