// aws:ec2:send-spot-instance-interruptions through the runner: spot targets get their
// interruption at start + durationBeforeInterruption; the action completes then; a stop before
// that withdraws it; on-demand instances are not spot targets.
#include <gtest/gtest.h>

#include "fis/runner.h"
#include "fis/step03_template.h"

namespace faultbox::fis {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

class SpotInterruptionsTest : public ::testing::Test {
 protected:
  SpotInterruptionsTest() : runner_(testing::environment_of(lab_), "eu-west-2", "000000000000", 4) {
    testing::add_step03_instances(lab_);
    lab_.add_instance("i-000000000000000s1", "eu-west-2a", {{"Panda", "funky"}}).spot = true;
    lab_.add_instance("i-000000000000000s2", "eu-west-2b", {{"Panda", "funky"}}).spot = true;
  }

  const Experiment& start(const std::string& duration) {
    auto body = testing::step03_template_json();
    body["targets"] = {{"Spot",
                        {{"resourceType", "aws:ec2:spot-instance"},
                         {"resourceTags", {{"Panda", "funky"}}},
                         {"selectionMode", "ALL"}}}};
    body["actions"] = {{"interrupt",
                        {{"actionId", "aws:ec2:send-spot-instance-interruptions"},
                         {"parameters", {{"durationBeforeInterruption", duration}}},
                         {"targets", {{"SpotInstances", "Spot"}}}}}};
    auto t = parse_create_template(body);
    EXPECT_TRUE(t) << t.error().message;
    auto e = runner_.start(*t, {}, clock_.now());
    EXPECT_TRUE(e) << e.error().message;
    runner_.tick(clock_.now());
    return **e;
  }

  void advance(Duration d) {
    clock_.advance(d);
    runner_.tick(clock_.now());
  }

  testing::FakeLab lab_;
  ManualClock clock_;
  Runner runner_;
};

TEST_F(SpotInterruptionsTest, InterruptsOnlySpotTargetsAfterTheDuration) {
  const auto began = clock_.now();
  const Experiment& e = start("PT4M");
  ASSERT_EQ(lab_.spot_interruptions.size(), 2u);  // the on-demand instances are not targets
  EXPECT_EQ(lab_.spot_interruptions.at("i-000000000000000s1"), began + minutes(4));
  advance(minutes(4) - seconds(1));
  EXPECT_EQ(e.actions.at("interrupt").status, ActionStatus::Running);
  advance(seconds(1));
  EXPECT_EQ(e.actions.at("interrupt").status, ActionStatus::Completed);
  EXPECT_EQ(e.status, ExperimentStatus::Completed);
}

TEST_F(SpotInterruptionsTest, StoppingBeforeTheInterruptionWithdrawsIt) {
  const Experiment& e = start("PT5M");
  advance(minutes(1));
  ASSERT_TRUE(runner_.stop(e.id, clock_.now()));
  advance(seconds(1));
  EXPECT_TRUE(lab_.spot_interruptions.empty());
  EXPECT_EQ(e.status, ExperimentStatus::Stopped);
}

TEST_F(SpotInterruptionsTest, TheDurationIsTwoToFifteenMinutes) {
  auto body = testing::step03_template_json();
  body["targets"] = {{"Spot",
                      {{"resourceType", "aws:ec2:spot-instance"},
                       {"resourceTags", {{"Panda", "funky"}}},
                       {"selectionMode", "ALL"}}}};
  body["actions"] = {{"interrupt",
                      {{"actionId", "aws:ec2:send-spot-instance-interruptions"},
                       {"parameters", {{"durationBeforeInterruption", "PT1M"}}},
                       {"targets", {{"SpotInstances", "Spot"}}}}}};
  auto t = parse_create_template(body);
  ASSERT_TRUE(t);
  EXPECT_FALSE(runner_.start(*t, {}, clock_.now()));
}

}  // namespace
}  // namespace faultbox::fis
