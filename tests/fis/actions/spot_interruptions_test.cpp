// aws:ec2:send-spot-instance-interruptions through the runner: spot targets get their
// interruption at start + durationBeforeInterruption; the action completes then; a stop before
// that withdraws it; on-demand instances are not spot targets.
#include "fis/runner_fixture.h"

namespace faultbox::fis {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

nlohmann::json interruption_template(const std::string& duration) {
  return testing::seed_with({{"Spot",
                              {{"resourceType", "aws:ec2:spot-instance"},
                               {"resourceTags", {{"Panda", "funky"}}},
                               {"selectionMode", "ALL"}}}},
                            {{"interrupt",
                              {{"actionId", "aws:ec2:send-spot-instance-interruptions"},
                               {"parameters", {{"durationBeforeInterruption", duration}}},
                               {"targets", {{"SpotInstances", "Spot"}}}}}});
}

class SpotInterruptionsTest : public testing::RunnerTest {
 protected:
  SpotInterruptionsTest() : RunnerTest(4) {
    lab_.add_instance("i-000000000000000s1", "eu-west-2a", {{"Panda", "funky"}}).spot = true;
    lab_.add_instance("i-000000000000000s2", "eu-west-2b", {{"Panda", "funky"}}).spot = true;
  }
};

TEST_F(SpotInterruptionsTest, InterruptsOnlySpotTargetsAfterTheDuration) {
  const auto began = clock_.now();
  auto e = start_body(interruption_template("PT4M"));
  ASSERT_TRUE(e) << e.error().message;
  ASSERT_EQ(lab_.spot_interruptions.size(), 2u);  // the on-demand instances are not targets
  EXPECT_EQ(lab_.spot_interruptions.at("i-000000000000000s1"), began + minutes(4));
  advance(minutes(4) - seconds(1));
  EXPECT_EQ((*e)->actions.at("interrupt").status, ActionStatus::Running);
  advance(seconds(1));
  EXPECT_EQ((*e)->actions.at("interrupt").status, ActionStatus::Completed);
  EXPECT_EQ((*e)->status, ExperimentStatus::Completed);
}

TEST_F(SpotInterruptionsTest, StoppingBeforeTheInterruptionWithdrawsIt) {
  auto e = start_body(interruption_template("PT5M"));
  ASSERT_TRUE(e) << e.error().message;
  advance(minutes(1));
  ASSERT_TRUE(runner_.stop((*e)->id, clock_.now()));
  advance(seconds(1));
  EXPECT_TRUE(lab_.spot_interruptions.empty());
  EXPECT_EQ((*e)->status, ExperimentStatus::Stopped);
}

TEST_F(SpotInterruptionsTest, TheDurationIsTwoToFifteenMinutes) {
  EXPECT_FALSE(start_body(interruption_template("PT1M")));
  EXPECT_FALSE(start_body(interruption_template("PT16M")));
}

}  // namespace
}  // namespace faultbox::fis
