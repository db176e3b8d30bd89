// Experiments saved as records come back equal; one saved while active resumes in a new runner.
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

TEST_F(ExperimentRecordTest, AnExperimentSavedWhileRunningResumesAndItsWaitKeepsItsEnd) {
  const Experiment& e = start_and_run(seconds(10));
  ASSERT_EQ(e.status, ExperimentStatus::Running);
  const TimePoint pause_started = *e.actions.at("pause").start_time;
  auto back = experiment_from_record(experiment_record(e), clock_.now());
  ASSERT_TRUE(back);
  EXPECT_EQ(back->status, ExperimentStatus::Running);
  EXPECT_EQ(back->actions.at("stop1").status, ActionStatus::Completed);
  EXPECT_TRUE(back->actions.at("pause").resume_after_restart);
  EXPECT_FALSE(back->actions.at("stop2").resume_after_restart);
  EXPECT_EQ(back->log.back().log_type, "experiment-resume");

  // A new lab process: another runner takes the experiment and carries on.
  Runner other(testing::environment_of(lab_), "eu-west-2", "000000000000", 8);
  other.restore(std::move(*back));
  const Experiment* resumed = other.find(e.id);
  for (int i = 0; i < 300 && !resumed->terminal(); ++i) {
    other.tick(clock_.now());
    clock_.advance(seconds(1));
  }
  EXPECT_EQ(resumed->status, ExperimentStatus::Completed) << resumed->reason;
  // The wait ended three minutes after it began, not three minutes after the restart.
  EXPECT_EQ(*resumed->actions.at("pause").end_time - pause_started, std::chrono::minutes(3));
  EXPECT_EQ(resumed->actions.at("stop2").status, ActionStatus::Completed);
}

TEST_F(ExperimentRecordTest, AnExperimentStoppedAfterARestartRollsBackWhatItsActionsDid) {
  auto body = testing::step03_template_json();
  body["actions"] = {{"stop",
                      {{"actionId", "aws:ec2:stop-instances"},
                       {"parameters", {{"startInstancesAfterDuration", "PT5M"}}},
                       {"targets", {{"Instances", "Instances-Target-1"}}}}}};
  auto t = parse_create_template(body);
  ASSERT_TRUE(t) << t.error().message;
  auto started = runner_.start(*t, {.seed = 99}, clock_.now());
  ASSERT_TRUE(started);
  for (int i = 0; i < 10; ++i) {
    runner_.tick(clock_.now());
    clock_.advance(seconds(1));
  }
  ASSERT_EQ(lab_.count_calls("stop"), 2);
  auto back = experiment_from_record(experiment_record(**started), clock_.now());
  ASSERT_TRUE(back);

  clock_.advance(seconds(20));  // the restart took a while
  Runner other(testing::environment_of(lab_), "eu-west-2", "000000000000", 8);
  other.restore(std::move(*back));
  other.tick(clock_.now());  // resumed: the instances are stopped again (they are already)
  // What the rebuilt action logged is stamped with the time it was rebuilt: the log runs
  // forward, though the action acts as of its recorded start.
  const auto& log = other.find((*started)->id)->log;
  for (std::size_t i = 1; i < log.size(); ++i) {
    EXPECT_LE(log[i - 1].at, log[i].at)
        << "log record " << i << ": " << log[i].log_type << " " << log[i].details;
  }
  ASSERT_TRUE(other.stop((*started)->id, clock_.now()));
  other.tick(clock_.now());
  const Experiment* stopped = other.find((*started)->id);
  EXPECT_EQ(stopped->status, ExperimentStatus::Stopped);
  EXPECT_EQ(stopped->actions.at("stop").status, ActionStatus::Stopped);
  EXPECT_EQ(lab_.count_calls("start"), 2);  // the post action ran in the new process
  int running = 0;
  for (const auto& i : lab_.instances) {
    running += i.state == "running" ? 1 : 0;
  }
  EXPECT_EQ(running, 4);
}

TEST_F(ExperimentRecordTest, AnActionThatCannotBeResumedFailsTheExperimentWithTheReason) {
  const Experiment& e = start_and_run(seconds(10));
  auto back = experiment_from_record(experiment_record(e), clock_.now());
  ASSERT_TRUE(back);
  // Say stop2 was running when the lab stopped, and its role may no longer stop instances.
  back->actions.at("stop2").status = ActionStatus::Running;
  back->actions.at("stop2").start_time = clock_.now();
  back->actions.at("stop2").resume_after_restart = true;
  lab_.denied_actions.insert("ec2:StopInstances");
  Runner other(testing::environment_of(lab_), "eu-west-2", "000000000000", 8);
  other.restore(std::move(*back));
  other.tick(clock_.now());
  const Experiment* failed = other.find(e.id);
  EXPECT_EQ(failed->status, ExperimentStatus::Failed);
  EXPECT_NE(failed->actions.at("stop2").reason.find("could not be resumed"), std::string::npos)
      << failed->actions.at("stop2").reason;
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
