// report_json: field values for a completed run and a run halted by its stop-condition alarm.
#include <gtest/gtest.h>

#include "report/report.h"
#include "report_fixtures.h"

namespace faultbox::report {
namespace {

using nlohmann::json;
using testing::completed_input;
using testing::stopped_input;

TEST(ReportJsonTest, CompletedRunSummary) {
  json r = report_json(completed_input());
  EXPECT_EQ(r["reportVersion"], 1);
  EXPECT_EQ(r["generatedAt"], "2023-11-14T22:20:00.000Z");
  const json& e = r["experiment"];
  EXPECT_EQ(e["id"], "EXP7Kq2pZx");
  EXPECT_EQ(e["templateId"], "EXTa1b2c3");
  EXPECT_EQ(e["status"], "completed");
  EXPECT_EQ(e["reason"], "Experiment completed.");
  EXPECT_EQ(e["startTime"], "2023-11-14T22:13:20.000Z");
  EXPECT_EQ(e["endTime"], "2023-11-14T22:16:21.500Z");
  EXPECT_EQ(e["duration"]["iso"], "PT3M1.5S");
  EXPECT_DOUBLE_EQ(e["duration"]["seconds"].get<double>(), 181.5);
  EXPECT_FALSE(e.contains("error"));
  EXPECT_EQ(r["verdict"]["code"], "completed");
  EXPECT_EQ(r["verdict"]["title"], "Completed");
  EXPECT_EQ(r["logRecordCount"], 3);
  EXPECT_TRUE(r["alarmTransitions"].empty());
}

TEST(ReportJsonTest, CompletedRunActionsInStartOrder) {
  json actions = report_json(completed_input())["actions"];
  ASSERT_EQ(actions.size(), 2u);
  EXPECT_EQ(actions[0]["name"], "stop-two");
  EXPECT_EQ(actions[0]["actionId"], "aws:ec2:stop-instances");
  EXPECT_EQ(actions[0]["status"], "completed");
  EXPECT_EQ(actions[0]["startTime"], "2023-11-14T22:13:21.000Z");
  EXPECT_EQ(actions[0]["endTime"], "2023-11-14T22:15:21.000Z");
  EXPECT_DOUBLE_EQ(actions[0]["startOffsetSeconds"].get<double>(), 1.0);
  EXPECT_EQ(actions[0]["duration"]["iso"], "PT2M");
  EXPECT_EQ(actions[0]["targets"]["Instances"], "web-instances");
  EXPECT_EQ(actions[1]["name"], "wait");
  EXPECT_EQ(actions[1]["startAfter"], json::array({"stop-two"}));
}

TEST(ReportJsonTest, TargetsAreListedWithInstanceIds) {
  json t = report_json(completed_input())["targets"];
  EXPECT_EQ(t["definitions"]["web-instances"]["selectionMode"], "COUNT(2)");
  ASSERT_EQ(t["resolved"].size(), 2u);
  EXPECT_EQ(t["resolved"][0]["resourceId"], "i-0a1b2c3d4e5f60718");  // sorted by ARN
  EXPECT_EQ(t["resolved"][1]["resourceId"], "i-0b2c4d6e8f0a1b2c3");
  EXPECT_EQ(t["resolved"][0]["targetName"], "web-instances");
  EXPECT_EQ(t["resolvedCount"]["web-instances"], 2);
}

TEST(ReportJsonTest, SeriesMinMaxSum) {
  json series = report_json(completed_input())["series"];
  ASSERT_EQ(series.size(), 3u);
  EXPECT_EQ(series[0]["name"], "RequestCount");
  EXPECT_EQ(series[0]["points"], 31);
  EXPECT_DOUBLE_EQ(series[0]["sum"].get<double>(), 3100);
  EXPECT_TRUE(series[0]["threshold"].is_null());
  EXPECT_EQ(series[1]["name"], "HTTPCode_ELB_5XX_Count");
  EXPECT_DOUBLE_EQ(series[1]["min"].get<double>(), 0);
  EXPECT_DOUBLE_EQ(series[1]["max"].get<double>(), 8);
  EXPECT_DOUBLE_EQ(series[1]["sum"].get<double>(), 42);
  EXPECT_DOUBLE_EQ(series[1]["threshold"].get<double>(), 50);
  EXPECT_EQ(series[1]["pointsAboveThreshold"], 0);
  EXPECT_DOUBLE_EQ(series[2]["min"].get<double>(), 1);
  EXPECT_DOUBLE_EQ(series[2]["sum"].get<double>(), 69);
}

TEST(ReportJsonTest, StoppedByAlarmRun) {
  json r = report_json(stopped_input());
  EXPECT_EQ(r["experiment"]["status"], "stopped");
  EXPECT_EQ(r["experiment"]["reason"], "Experiment halted by stop condition.");
  EXPECT_EQ(r["experiment"]["duration"]["iso"], "PT1M35S");
  EXPECT_EQ(r["verdict"]["code"], "stopped-by-stop-condition");
  EXPECT_EQ(r["series"][1]["pointsAboveThreshold"], 3);
  const json& actions = r["actions"];
  ASSERT_EQ(actions.size(), 2u);
  EXPECT_EQ(actions[0]["status"], "stopped");
  EXPECT_EQ(actions[1]["name"], "wait");
  EXPECT_EQ(actions[1]["status"], "cancelled");
  EXPECT_TRUE(actions[1]["startTime"].is_null());
  EXPECT_TRUE(actions[1]["duration"].is_null());
}

TEST(ReportJsonTest, AlarmTransitionsSortedAndFlagged) {
  json alarms = report_json(stopped_input())["alarmTransitions"];
  ASSERT_EQ(alarms.size(), 3u);
  EXPECT_EQ(alarms[0]["to"], "OK");
  EXPECT_EQ(alarms[1]["time"], "2023-11-14T22:14:50.000Z");
  EXPECT_EQ(alarms[1]["from"], "OK");
  EXPECT_EQ(alarms[1]["to"], "ALARM");
  EXPECT_EQ(alarms[1]["alarmName"], "web-5xx");
  EXPECT_EQ(alarms[1]["isStopCondition"], true);
  EXPECT_EQ(alarms[2]["to"], "OK");
}

TEST(ReportJsonTest, UnwrapsAGetExperimentResponse) {
  ReportInput in = completed_input();
  in.experiment = json{{"experiment", in.experiment}};
  EXPECT_EQ(report_json(in)["experiment"]["id"], "EXP7Kq2pZx");
}

TEST(ReportJsonTest, IsoStringTimesAreAccepted) {
  ReportInput in = completed_input();
  in.experiment["startTime"] = "2023-11-14T23:13:20+01:00";
  EXPECT_EQ(report_json(in)["experiment"]["startTime"], "2023-11-14T22:13:20.000Z");
}

TEST(ReportJsonTest, EmptyAndMistypedInputDoNotThrow) {
  json empty = report_json(ReportInput{});
  EXPECT_EQ(empty["experiment"]["id"], "");
  EXPECT_TRUE(empty["experiment"]["duration"].is_null());
  EXPECT_EQ(empty["verdict"]["code"], "in-progress");

  ReportInput odd;
  odd.experiment = {{"id", 42},
                    {"state", "done"},
                    {"actions", json::array({1, 2})},
                    {"startTime", "yesterday"},
                    {"stopConditions", {{"source", 3}}}};
  odd.resolved_targets = json{{"resolvedTargets", {json{{"targetInformation", 5}}}}};
  json r = report_json(odd);
  EXPECT_EQ(r["experiment"]["status"], "");
  EXPECT_TRUE(r["experiment"]["startTime"].is_null());
  EXPECT_TRUE(r["actions"].empty());
  EXPECT_EQ(r["targets"]["resolved"].size(), 1u);
}

TEST(ReportJsonTest, SameInputSameText) {
  EXPECT_EQ(report_json(stopped_input()).dump(), report_json(stopped_input()).dump());
}

TEST(ReportJsonTest, EmptySeriesHasNullMinMax) {
  ReportInput in = completed_input();
  in.series = {Series{"Latency", "Seconds", {}, std::nullopt}};
  json s = report_json(in)["series"][0];
  EXPECT_EQ(s["points"], 0);
  EXPECT_TRUE(s["min"].is_null());
  EXPECT_TRUE(s["max"].is_null());
  EXPECT_DOUBLE_EQ(s["sum"].get<double>(), 0);
  EXPECT_TRUE(s["pointsAboveThreshold"].is_null());
}

}  // namespace
}  // namespace faultbox::report
