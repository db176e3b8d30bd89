// aws:ec2:reboot-instances, aws:ec2:terminate-instances and aws:fis:wait through the runner: what
// each does to the target instances, when it completes, and what a denied role gets.
#include "fis/runner_fixture.h"

namespace faultbox::fis {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

class InstanceAndWaitActionsTest : public testing::RunnerTest {
 protected:
  InstanceAndWaitActionsTest() : RunnerTest(11) {}

  // One action on all of the seed's instances (none when `with_targets` is false).
  const Experiment& start(const std::string& action_id, nlohmann::json parameters,
                          bool with_targets = true) {
    auto body = testing::step03_template_json();
    body["targets"]["Instances-Target-1"]["selectionMode"] = "ALL";
    nlohmann::json action = {{"actionId", action_id}, {"parameters", std::move(parameters)}};
    if (with_targets) {
      action["targets"] = {{"Instances", "Instances-Target-1"}};
    } else {
      body.erase("targets");
    }
    body["actions"] = {{"only", action}};
    auto e = start_body(body);
    EXPECT_TRUE(e) << e.error().message;
    return **e;
  }
};

TEST_F(InstanceAndWaitActionsTest, RebootRebootsEveryTargetAndCompletesAtOnce) {
  const Experiment& e = start("aws:ec2:reboot-instances", nlohmann::json::object());
  EXPECT_EQ(lab_.count_calls("reboot"), 3);
  EXPECT_EQ(lab_.instance("i-0000000000000000d")->state, "running");  // another panda's
  EXPECT_EQ(e.actions.at("only").status, ActionStatus::Completed);
  EXPECT_EQ(e.status, ExperimentStatus::Completed);
}

TEST_F(InstanceAndWaitActionsTest, TerminateTerminatesTargetsAndSkipsOnesAlreadyGone) {
  lab_.instance("i-0000000000000000b")->state = "shutting-down";
  const Experiment& e = start("aws:ec2:terminate-instances", nlohmann::json::object());
  EXPECT_EQ(lab_.count_calls("terminate"), 2);
  EXPECT_EQ(lab_.instance("i-0000000000000000a")->state, "terminated");
  EXPECT_EQ(lab_.instance("i-0000000000000000c")->state, "terminated");
  EXPECT_EQ(e.status, ExperimentStatus::Completed);
  bool logged_skip = false;
  for (const auto& record : e.log) {
    logged_skip =
        logged_skip || record.details.value("message", "").find("skipped i-0000000000000000b") !=
                           std::string::npos;
  }
  EXPECT_TRUE(logged_skip);
}

TEST_F(InstanceAndWaitActionsTest, ADeniedRoleTouchesNoInstance) {
  lab_.denied_actions.insert("ec2:TerminateInstances");
  const Experiment& e = start("aws:ec2:terminate-instances", nlohmann::json::object());
  EXPECT_EQ(lab_.count_calls("terminate"), 0);
  EXPECT_EQ(e.actions.at("only").status, ActionStatus::Failed);
  EXPECT_EQ(e.status, ExperimentStatus::Failed);
}

TEST_F(InstanceAndWaitActionsTest, WaitCompletesWhenItsDurationHasPassed) {
  const Experiment& e = start("aws:fis:wait", {{"duration", "PT2M"}}, false);
  EXPECT_EQ(e.actions.at("only").status, ActionStatus::Running);
  advance(minutes(2) - seconds(1));
  EXPECT_EQ(e.actions.at("only").status, ActionStatus::Running);
  advance(seconds(1));
  EXPECT_EQ(e.actions.at("only").status, ActionStatus::Completed);
  EXPECT_EQ(e.status, ExperimentStatus::Completed);
  EXPECT_TRUE(lab_.calls.empty());
}

TEST_F(InstanceAndWaitActionsTest, AStoppedWaitEndsStopped) {
  const Experiment& e = start("aws:fis:wait", {{"duration", "PT5M"}}, false);
  advance(minutes(1));
  ASSERT_TRUE(runner_.stop(e.id, clock_.now()));
  advance(seconds(1));
  EXPECT_EQ(e.actions.at("only").status, ActionStatus::Stopped);
  EXPECT_EQ(e.status, ExperimentStatus::Stopped);
}

}  // namespace
}  // namespace faultbox::fis
