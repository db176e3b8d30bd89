// The experiment runner on the seed scenario: run 1 completes, run 2 is halted by the alarm;
// plus user stop, AccessDenied, empty targets and the alarm already firing at start.
#include "fis/runner.h"

#include <gtest/gtest.h>

#include "core/iso8601.h"
#include "fis/step03_template.h"

namespace faultbox::fis {
namespace {

using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;

class RunnerTest : public ::testing::Test {
 protected:
  RunnerTest() : runner_(testing::environment_of(lab_), "eu-west-2", "000000000000", 42) {
    testing::add_step03_instances(lab_);
    auto t = parse_create_template(testing::step03_template_json());
    EXPECT_TRUE(t);
    template_ = *t;
    template_.id = "EXTstep03";
  }

  const Experiment& start(StartOptions options = {}) {
    auto e = runner_.start(template_, options, clock_.now());
    EXPECT_TRUE(e) << e.error().message;
    return **e;
  }

  // Ticks once a second for `d` of lab time.
  void run_for(Duration d) {
    const TimePoint end = clock_.now() + d;
    while (clock_.now() < end) {
      runner_.tick(clock_.now());
      clock_.advance(seconds(1));
    }
    runner_.tick(clock_.now());
  }

  static ActionStatus status_of(const Experiment& e, const std::string& action) {
    return e.actions.at(action).status;
  }

  testing::FakeLab lab_;
  ManualClock clock_;
  Runner runner_;
  ExperimentTemplate template_;
};

TEST_F(RunnerTest, SeedRun1CompletesAfterThreeMinutesStoppingTwoInstancesTwice) {
  const Experiment& e = start();
  EXPECT_EQ(e.status, ExperimentStatus::Initiating);
  EXPECT_EQ(e.reason, "Experiment is initiating.");
  EXPECT_EQ(status_of(e, "stop1"), ActionStatus::Pending);
  EXPECT_EQ(e.id.rfind("EXP", 0), 0u);

  runner_.tick(clock_.now());
  EXPECT_EQ(e.status, ExperimentStatus::Running);
  EXPECT_EQ(status_of(e, "stop1"), ActionStatus::Completed);
  EXPECT_EQ(status_of(e, "pause"), ActionStatus::Running);
  EXPECT_EQ(status_of(e, "stop2"), ActionStatus::Pending);
  EXPECT_EQ(lab_.count_calls("stop"), 2);
  ASSERT_EQ(e.resolved_targets.at("Instances-Target-1").resources.size(), 2u);

  run_for(minutes(3) - seconds(2));
  EXPECT_EQ(e.status, ExperimentStatus::Running);
  EXPECT_EQ(status_of(e, "pause"), ActionStatus::Running);

  run_for(seconds(3));
  EXPECT_EQ(e.status, ExperimentStatus::Completed);
  EXPECT_EQ(e.reason, "Experiment completed.");
  EXPECT_EQ(status_of(e, "stop2"), ActionStatus::Completed);
  EXPECT_EQ(e.actions.at("stop2").reason, "Action was completed.");
  // stop2 acts on the same two instances, resolved once at start; they were already stopped.
  EXPECT_EQ(lab_.count_calls("stop"), 4);
  EXPECT_EQ(lab_.calls[0], lab_.calls[2]);
  EXPECT_EQ(*e.end_time - *e.start_time, minutes(3));
  EXPECT_EQ(lab_.instance("i-0000000000000000d")->state, "running");  // another panda's

  auto j = to_json(e);
  EXPECT_EQ(j["state"]["status"], "completed");
  EXPECT_EQ(j["experimentTemplateId"], "EXTstep03");
  EXPECT_EQ(j["actions"]["pause"]["state"]["status"], "completed");
  EXPECT_EQ(j["targets"]["Instances-Target-1"]["selectionMode"], "COUNT(2)");
  EXPECT_EQ(resolved_targets_json(e).size(), 2u);
  EXPECT_EQ(resolved_targets_json(e)[0]["targetInformation"]["arn"].get<std::string>().rfind(
                "arn:aws:ec2:", 0),
            0u);
}

TEST_F(RunnerTest, SeedRun2AlarmDuringTheWaitStopsTheExperiment) {
  template_.targets.at("Instances-Target-1").selection_mode = "ALL";
  const Experiment& e = start();
  run_for(seconds(40));
  EXPECT_EQ(lab_.count_calls("stop"), 3);
  EXPECT_EQ(status_of(e, "pause"), ActionStatus::Running);

  lab_.alarms[testing::kAlarmArn] = AlarmState::Alarm;
  runner_.tick(clock_.now());
  EXPECT_EQ(e.status, ExperimentStatus::Stopping);
  EXPECT_EQ(status_of(e, "pause"), ActionStatus::Stopping);
  EXPECT_EQ(status_of(e, "stop2"), ActionStatus::Cancelled);

  clock_.advance(seconds(1));
  runner_.tick(clock_.now());
  EXPECT_EQ(e.status, ExperimentStatus::Stopped);
  EXPECT_EQ(e.reason, "Experiment halted by stop condition.");
  EXPECT_EQ(status_of(e, "stop1"), ActionStatus::Completed);
  EXPECT_EQ(status_of(e, "pause"), ActionStatus::Stopped);
  EXPECT_EQ(status_of(e, "stop2"), ActionStatus::Cancelled);
  EXPECT_FALSE(e.actions.at("stop2").start_time);
  EXPECT_EQ(lab_.count_calls("stop"), 3);  // stop2 never ran

  run_for(minutes(5));  // a finished experiment stays finished
  EXPECT_EQ(e.status, ExperimentStatus::Stopped);
}

TEST_F(RunnerTest, UserStop) {
  const Experiment& e = start();
  run_for(seconds(10));
  auto stopped = runner_.stop(e.id, clock_.now());
  ASSERT_TRUE(stopped);
  EXPECT_EQ((*stopped)->status, ExperimentStatus::Stopping);
  EXPECT_EQ((*stopped)->reason, "Stopping Experiment.");
  runner_.tick(clock_.now());
  EXPECT_EQ(e.status, ExperimentStatus::Stopped);
  EXPECT_EQ(e.reason, "Experiment stopped by user.");
  EXPECT_TRUE(runner_.stop(e.id, clock_.now()));  // stopping a stopped one changes nothing
  EXPECT_EQ(e.status, ExperimentStatus::Stopped);
  auto missing = runner_.stop("EXPnope", clock_.now());
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, "ResourceNotFoundException");
}

TEST_F(RunnerTest, AccessDeniedFailsTheActionAndTheExperiment) {
  lab_.denied_actions.insert("ec2:StopInstances");
  const Experiment& e = start();
  runner_.tick(clock_.now());
  EXPECT_EQ(e.status, ExperimentStatus::Failed);
  EXPECT_EQ(status_of(e, "stop1"), ActionStatus::Failed);
  EXPECT_NE(e.actions.at("stop1").reason.find("not authorized to perform: ec2:StopInstances"),
            std::string::npos);
  EXPECT_EQ(status_of(e, "pause"), ActionStatus::Cancelled);
  EXPECT_EQ(*e.error_code, "AuthorizationFailure");
  EXPECT_EQ(*e.error_location, "stop1");
  EXPECT_EQ(lab_.count_calls("stop"), 0);
  EXPECT_EQ(to_json(e)["state"]["error"]["code"], "AuthorizationFailure");
}

TEST_F(RunnerTest, AlarmAlreadyFiringPreventsTheStart) {
  lab_.alarms[testing::kAlarmArn] = AlarmState::Alarm;
  const Experiment& e = start();
  runner_.tick(clock_.now());
  EXPECT_EQ(e.status, ExperimentStatus::Failed);
  EXPECT_EQ(status_of(e, "stop1"), ActionStatus::Cancelled);
  EXPECT_EQ(lab_.count_calls("stop"), 0);
}

TEST_F(RunnerTest, EmptyTargetFailsUnlessSkipped) {
  template_.targets.at("Instances-Target-1").resource_tags["Panda"] = "nobody";
  const Experiment& failed = start();
  runner_.tick(clock_.now());
  EXPECT_EQ(failed.status, ExperimentStatus::Failed);
  EXPECT_EQ(*failed.error_code, "InvalidTarget");
  EXPECT_EQ(*failed.error_location, "Instances-Target-1");

  template_.experiment_options.empty_target_resolution_mode = "skip";
  const Experiment& skipped = start();
  run_for(minutes(4));
  EXPECT_EQ(skipped.status, ExperimentStatus::Completed);
  EXPECT_EQ(status_of(skipped, "stop1"), ActionStatus::Skipped);
  EXPECT_EQ(status_of(skipped, "pause"), ActionStatus::Completed);
  EXPECT_EQ(status_of(skipped, "stop2"), ActionStatus::Skipped);
}

TEST_F(RunnerTest, SeedReplaysTheSamePicks) {
  StartOptions options;
  options.seed = 1234;
  const Experiment& a = start(options);
  const Experiment& b = start(options);
  runner_.tick(clock_.now());
  EXPECT_EQ(a.seed, 1234u);
  const auto& ra = a.resolved_targets.at("Instances-Target-1").resources;
  const auto& rb = b.resolved_targets.at("Instances-Target-1").resources;
  ASSERT_EQ(ra.size(), 2u);
  for (std::size_t i = 0; i < ra.size(); ++i) {
    EXPECT_EQ(ra[i].arn, rb[i].arn);
  }
}

TEST_F(RunnerTest, TheExperimentKeepsTheTemplateItStartedWith) {
  const Experiment& e = start();
  template_.targets.at("Instances-Target-1").selection_mode = "ALL";
  runner_.tick(clock_.now());
  EXPECT_EQ(e.definition.targets.at("Instances-Target-1").selection_mode, "COUNT(2)");
  EXPECT_EQ(lab_.count_calls("stop"), 2);
}

TEST_F(RunnerTest, StartRejectsAnInvalidTemplate) {
  template_.role_arn = "arn:aws:iam::000000000000:role/ghost";
  auto e = runner_.start(template_, {}, clock_.now());
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().code, "ValidationException");
}

TEST_F(RunnerTest, LogsTimestampedRecords) {
  const Experiment& e = start();
  run_for(minutes(4));
  ASSERT_FALSE(e.log.empty());
  EXPECT_EQ(e.log.front().log_type, "experiment-start");
  EXPECT_EQ(e.log.back().log_type, "experiment-end");
  auto j = log_record_json(e, e.log.back());
  EXPECT_EQ(j["id"], e.id);
  EXPECT_EQ(j["version"], "2");
  EXPECT_EQ(j["details"]["experiment_state"]["status"], "completed");
  EXPECT_EQ(j["event_timestamp"], format_iso8601(*e.end_time));
}

}  // namespace
}  // namespace faultbox::fis
