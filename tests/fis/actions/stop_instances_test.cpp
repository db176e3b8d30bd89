// aws:ec2:stop-instances with startInstancesAfterDuration and completeIfInstancesTerminated.
#include <gtest/gtest.h>

#include "fis/runner.h"
#include "fis/step03_template.h"

namespace faultbox::fis {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

class StopInstancesTest : public ::testing::Test {
 protected:
  StopInstancesTest() : runner_(testing::environment_of(lab_), "eu-west-2", "000000000000", 1) {
    testing::add_step03_instances(lab_);
    auto t = parse_create_template(testing::step03_template_json());
    EXPECT_TRUE(t);
    template_ = *t;
    template_.targets.at("Instances-Target-1").selection_mode = "ALL";
    template_.actions.erase("pause");
    template_.actions.erase("stop2");
  }

  const Experiment& start_with(StringMap params) {
    template_.actions.at("stop1").parameters = std::move(params);
    auto e = runner_.start(template_, {}, clock_.now());
    EXPECT_TRUE(e) << e.error().message;
    runner_.tick(clock_.now());
    return **e;
  }

  void advance(Duration d) {
    clock_.advance(d);
    runner_.tick(clock_.now());
  }

  std::string state(const std::string& id) { return lab_.instance(id)->state; }

  testing::FakeLab lab_;
  ManualClock clock_;
  Runner runner_;
  ExperimentTemplate template_;
};

TEST_F(StopInstancesTest, WithoutDelayCompletesOnceStopped) {
  const Experiment& e = start_with({});
  EXPECT_EQ(e.status, ExperimentStatus::Completed);
  EXPECT_EQ(state("i-0000000000000000a"), "stopped");
  EXPECT_EQ(lab_.count_calls("start"), 0);
}

TEST_F(StopInstancesTest, RestartsAfterTheDuration) {
  const Experiment& e = start_with({{"startInstancesAfterDuration", "PT2M"}});
  EXPECT_EQ(e.actions.at("stop1").status, ActionStatus::Running);
  EXPECT_EQ(state("i-0000000000000000b"), "stopped");
  advance(minutes(2) - seconds(1));
  EXPECT_EQ(state("i-0000000000000000b"), "stopped");
  advance(seconds(1));
  EXPECT_EQ(state("i-0000000000000000b"), "running");
  EXPECT_EQ(lab_.count_calls("start"), 3);
  EXPECT_EQ(e.status, ExperimentStatus::Completed);
}

TEST_F(StopInstancesTest, RestartsWhenTheExperimentIsStoppedAndOnlyOnce) {
  const Experiment& e = start_with({{"startInstancesAfterDuration", "PT5M"}});
  advance(minutes(1));
  ASSERT_TRUE(runner_.stop(e.id, clock_.now()));
  advance(seconds(1));
  EXPECT_EQ(e.status, ExperimentStatus::Stopped);
  EXPECT_EQ(e.actions.at("stop1").status, ActionStatus::Stopped);
  EXPECT_EQ(state("i-0000000000000000c"), "running");
  advance(minutes(10));
  EXPECT_EQ(lab_.count_calls("start"), 3);
}

TEST_F(StopInstancesTest, TerminatedBeforeRestartFailsUnlessAllowed) {
  const Experiment& failing = start_with({{"startInstancesAfterDuration", "PT1M"}});
  lab_.instance("i-0000000000000000a")->state = "terminated";  // the ASG replaced it
  advance(minutes(1));
  EXPECT_EQ(failing.status, ExperimentStatus::Failed);
  EXPECT_NE(failing.actions.at("stop1").reason.find("i-0000000000000000a"), std::string::npos);

  lab_.instance("i-0000000000000000b")->state = "running";
  lab_.instance("i-0000000000000000c")->state = "running";
  const Experiment& tolerant = start_with(
      {{"startInstancesAfterDuration", "PT1M"}, {"completeIfInstancesTerminated", "true"}});
  advance(minutes(1));
  EXPECT_EQ(tolerant.status, ExperimentStatus::Completed);
}

TEST_F(StopInstancesTest, RestartNeedsStartPermission) {
  lab_.denied_actions.insert("ec2:StartInstances");
  const Experiment& e = start_with({{"startInstancesAfterDuration", "PT1M"}});
  advance(minutes(1));
  EXPECT_EQ(e.status, ExperimentStatus::Failed);
  EXPECT_NE(e.actions.at("stop1").reason.find("ec2:StartInstances"), std::string::npos);
}

}  // namespace
}  // namespace faultbox::fis
