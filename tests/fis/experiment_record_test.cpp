// Experiments saved as records come back equal; one saved while running comes back failed.
#include "fis/experiment_record.h"

#include <gtest/gtest.h>

#include "fis/runner.h"
#include "fis/step03_template.h"

namespace faultbox::fis {
namespace {

using std::chrono::seconds;

class ExperimentRecordTest : public ::testing::Test {
 protected:
  ExperimentRecordTest() : runner_(testing::environment_of(lab_), "eu-west-2", "000000000000", 7) {
    testing::add_step03_instances(lab_);
    auto t = parse_create_template(testing::step03_template_json());
    EXPECT_TRUE(t);
    template_ = *t;
    template_.id = "EXTstep03";
    template_.arn = "arn:aws:fis:eu-west-2:000000000000:experiment-template/EXTstep03";
  }

  const Experiment& start_and_run(Duration d) {
    auto e = runner_.start(template_, {.seed = 99}, clock_.now());
    EXPECT_TRUE(e);
    const TimePoint end = clock_.now() + d;
    while (clock_.now() < end) {
      runner_.tick(clock_.now());
      clock_.advance(seconds(1));
    }
    return **e;
  }

  testing::FakeLab lab_;
  ManualClock clock_;
  Runner runner_;
  ExperimentTemplate template_;
};

TEST_F(ExperimentRecordTest, AFinishedExperimentRoundTripsToTheSameApiJson) {
  const Experiment& e = start_and_run(std::chrono::minutes(4));
  ASSERT_EQ(e.status, ExperimentStatus::Completed);
  auto back = experiment_from_record(experiment_record(e), clock_.now());
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(to_json(*back), to_json(e));
  EXPECT_EQ(resolved_targets_json(*back), resolved_targets_json(e));
  EXPECT_EQ(back->seed, 99u);
  ASSERT_EQ(back->log.size(), e.log.size());
  EXPECT_EQ(log_record_json(*back, back->log.back()), log_record_json(e, e.log.back()));
}

TEST_F(ExperimentRecordTest, AnExperimentSavedWhileRunningComesBackFailedWithTheReason) {
  const Experiment& e = start_and_run(seconds(10));
  ASSERT_EQ(e.status, ExperimentStatus::Running);
  auto back = experiment_from_record(experiment_record(e), clock_.now());
  ASSERT_TRUE(back);
  EXPECT_EQ(back->status, ExperimentStatus::Failed);
  EXPECT_NE(back->reason.find("lab restarted"), std::string::npos);
  EXPECT_EQ(back->actions.at("stop1").status, ActionStatus::Completed);
  EXPECT_EQ(back->actions.at("pause").status, ActionStatus::Failed);
  EXPECT_EQ(back->actions.at("stop2").status, ActionStatus::Cancelled);
  EXPECT_EQ(back->end_time, clock_.now());
  EXPECT_EQ(back->log.back().log_type, "experiment-end");
}

TEST_F(ExperimentRecordTest, RestoredExperimentsAreListedAndFound) {
  const Experiment& e = start_and_run(std::chrono::minutes(4));
  Runner other(testing::environment_of(lab_), "eu-west-2", "000000000000", 8);
  auto back = experiment_from_record(experiment_record(e), clock_.now());
  ASSERT_TRUE(back);
  other.restore(std::move(*back));
  ASSERT_NE(other.find(e.id), nullptr);
  ASSERT_EQ(other.list().size(), 1u);
  EXPECT_EQ(other.list()[0]->status, ExperimentStatus::Completed);
}

TEST_F(ExperimentRecordTest, AnUnreadableRecordIsAnErrorNotACrash) {
  auto back = experiment_from_record({{"id", "EXP1"}}, clock_.now());
  ASSERT_FALSE(back);
  EXPECT_NE(back.error().message.find("not readable"), std::string::npos);
}

}  // namespace
}  // namespace faultbox::fis
