// The safety lever: engaging it stops running experiments (the lever reads "engaging" until they
// settle), experiments started while it is engaged end cancelled, and it needs a reason and a
// change of state.
#include "fis/runner_fixture.h"

namespace faultbox::fis {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

class SafetyLeverTest : public testing::RunnerTest {
 protected:
  SafetyLeverTest() : RunnerTest(9) {}

  const Experiment& start() {
    auto e = start_body(testing::step03_template_json());
    EXPECT_TRUE(e) << e.error().message;
    return **e;
  }
};

TEST_F(SafetyLeverTest, EngagingStopsRunningExperiments) {
  const Experiment& e = start();
  advance(seconds(10));
  ASSERT_EQ(e.status, ExperimentStatus::Running);
  auto lever = runner_.set_safety_lever(true, "game day over", clock_.now());
  ASSERT_TRUE(lever) << lever.error().message;
  EXPECT_TRUE((*lever)->engaging);
  EXPECT_EQ(e.status, ExperimentStatus::Stopping);
  advance(seconds(1));
  EXPECT_EQ(e.status, ExperimentStatus::Stopped);
  EXPECT_EQ(e.reason, "Experiment stopped by the engaged safety lever.");
  EXPECT_EQ(e.actions.at("stop2").status, ActionStatus::Cancelled);
  EXPECT_FALSE(runner_.safety_lever().engaging);
  EXPECT_TRUE(runner_.safety_lever().engaged);
  EXPECT_EQ(runner_.safety_lever().reason, "game day over");
}

TEST_F(SafetyLeverTest, ExperimentsStartedWhileEngagedEndCancelledAndTouchNothing) {
  ASSERT_TRUE(runner_.set_safety_lever(true, "freeze", clock_.now()));
  const Experiment& e = start();
  EXPECT_EQ(e.status, ExperimentStatus::Cancelled);
  EXPECT_TRUE(e.end_time.has_value());
  for (const auto& [name, a] : e.actions) {
    EXPECT_EQ(a.status, ActionStatus::Cancelled) << name;
  }
  advance(minutes(5));
  EXPECT_TRUE(lab_.calls.empty());

  ASSERT_TRUE(runner_.set_safety_lever(false, "thawed", clock_.now()));
  const Experiment& after = start();
  EXPECT_EQ(after.status, ExperimentStatus::Running);
  EXPECT_EQ(lab_.count_calls("stop"), 2);
}

TEST_F(SafetyLeverTest, NeedsAReasonAndAChangeOfState) {
  auto no_reason = runner_.set_safety_lever(true, "", clock_.now());
  ASSERT_FALSE(no_reason);
  EXPECT_EQ(no_reason.error().code, "ValidationException");
  auto same = runner_.set_safety_lever(false, "already off", clock_.now());
  ASSERT_FALSE(same);
  EXPECT_EQ(same.error().code, "ConflictException");
  ASSERT_TRUE(runner_.set_safety_lever(true, "on", clock_.now()));
  EXPECT_FALSE(runner_.set_safety_lever(true, "new reason only", clock_.now()));
  EXPECT_EQ(runner_.safety_lever().reason, "on");
}

TEST_F(SafetyLeverTest, ShowsAsTheApiShapesIt) {
  auto j =
      to_json(runner_.safety_lever(), "arn:aws:fis:eu-west-2:000000000000:safety-lever/default");
  EXPECT_EQ(j["id"], "default");
  EXPECT_EQ(j["state"]["status"], "disengaged");
  ASSERT_TRUE(runner_.set_safety_lever(true, "why", clock_.now()));
  j = to_json(runner_.safety_lever(), "arn");
  EXPECT_EQ(j["state"]["status"], "engaged");
  EXPECT_EQ(j["state"]["reason"], "why");
}

}  // namespace
}  // namespace faultbox::fis
