// Verdict kinds and their one-sentence explanations.
#include "report/verdict.h"

#include <gtest/gtest.h>

#include "report_fixtures.h"

namespace faultbox::report {
namespace {

using nlohmann::json;
using testing::at;
using testing::completed_input;
using testing::stopped_input;

Verdict verdict_of(const ReportInput& in) {
  return decide_verdict(read_experiment(in.experiment), in.alarms);
}

TEST(VerdictTest, Completed) {
  Verdict v = verdict_of(completed_input());
  EXPECT_EQ(v.kind, VerdictKind::Completed);
  EXPECT_EQ(v.explanation,
            "The experiment ran to the end: all 2 actions completed in 3m 1s and no stop "
            "condition fired.");
}

TEST(VerdictTest, CompletedWithSkippedAction) {
  ReportInput in = completed_input();
  in.experiment["actions"]["wait"]["state"]["status"] = "skipped";
  EXPECT_EQ(verdict_of(in).explanation,
            "The experiment ran to the end: 1 of 2 actions completed (1 skipped) in 3m 1s and no "
            "stop condition fired.");
}

TEST(VerdictTest, StoppedByStopConditionNamesTheAlarm) {
  Verdict v = verdict_of(stopped_input());
  EXPECT_EQ(v.kind, VerdictKind::StoppedByStopCondition);
  EXPECT_EQ(v.code, "stopped-by-stop-condition");
  EXPECT_EQ(v.title, "Stopped by stop condition");
  EXPECT_EQ(v.explanation,
            "Alarm \"web-5xx\" went to ALARM at 22:14:50 UTC (1m 30s in), so its stop condition "
            "halted the experiment; 0 of 2 actions had completed.");
}

TEST(VerdictTest, StopConditionReasonWithoutAlarmHistory) {
  ReportInput in = stopped_input();
  in.alarms.clear();
  EXPECT_EQ(verdict_of(in).explanation,
            "A stop condition halted the experiment after 1m 35s; 0 of 2 actions had completed.");
}

TEST(VerdictTest, AlarmHistoryDecidesWhenTheReasonIsSilent) {
  ReportInput in = stopped_input();
  in.experiment["state"]["reason"] = "";
  EXPECT_EQ(verdict_of(in).kind, VerdictKind::StoppedByStopCondition);
}

TEST(VerdictTest, StoppedByUser) {
  ReportInput in = stopped_input();
  in.experiment["state"]["reason"] = "Experiment stopped by user.";
  Verdict v = verdict_of(in);  // the alarm fired too, but the reason names the cause
  EXPECT_EQ(v.kind, VerdictKind::StoppedByUser);
  EXPECT_EQ(v.code, "stopped-by-user");
  EXPECT_EQ(v.explanation,
            "Someone stopped the experiment after 1m 35s; 0 of 2 actions had completed.");
}

TEST(VerdictTest, AlarmThatIsNotAStopConditionDoesNotCount) {
  ReportInput in = stopped_input();
  in.experiment["state"]["reason"] = "";
  for (AlarmMark& mark : in.alarms) {
    mark.alarm_name = "cpu-high";
  }
  EXPECT_EQ(verdict_of(in).kind, VerdictKind::StoppedByUser);
}

TEST(VerdictTest, AlarmAfterTheEndDoesNotCount) {
  ReportInput in = stopped_input();
  in.experiment["state"]["reason"] = "";
  in.alarms = {{at(300), "web-5xx", "OK", "ALARM", "late"}};
  EXPECT_EQ(verdict_of(in).kind, VerdictKind::StoppedByUser);
}

TEST(VerdictTest, FailedGivesCodeLocationAndReason) {
  ReportInput in = completed_input();
  in.experiment["state"] = {{"status", "failed"},
                            {"reason", "Target resolution failed."},
                            {"error", {{"code", "InvalidTarget"}, {"location", "web-instances"}}}};
  in.experiment["endTime"] = testing::kT0 + 10;
  Verdict v = verdict_of(in);
  EXPECT_EQ(v.kind, VerdictKind::Failed);
  EXPECT_EQ(v.explanation,
            "The experiment failed after 10 s (InvalidTarget at web-instances): Target "
            "resolution failed.");
}

TEST(VerdictTest, RunningIsInProgress) {
  ReportInput in = completed_input();
  in.experiment["state"]["status"] = "running";
  Verdict v = verdict_of(in);
  EXPECT_EQ(v.kind, VerdictKind::InProgress);
  EXPECT_EQ(v.explanation,
            "The experiment is still running; this report shows it up to the time it was made.");
}

}  // namespace
}  // namespace faultbox::report
