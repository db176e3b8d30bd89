// The watch view's text from a hand-made live document: actions in start order, alarm, hosts
// against desired capacity, and the traffic strip with its offsets.
#include "report/live_view.h"

#include <gtest/gtest.h>

namespace faultbox::report {
namespace {

using nlohmann::json;

json seconds(const std::string& pattern, double first) {
  json out = json::array();
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    int requests = pattern[i] == '_' ? 0 : 2;
    int failed = pattern[i] == 'X' ? 1 : 0;
    out.push_back(
        {{"t", first + static_cast<double>(i)}, {"requests", requests}, {"failed", failed}});
  }
  return out;
}

json live(const std::string& status, const std::string& pause_status, const std::string& alarm,
          int healthy) {
  json experiment = {{"id", "EXPabc"},
                     {"state", {{"status", status}, {"reason", "Experiment is " + status + "."}}},
                     {"startTime", 1000.0},
                     {"actions",
                      {{"stop1",
                        {{"actionId", "aws:ec2:stop-instances"},
                         {"state", {{"status", "completed"}, {"reason", "Action was completed."}}},
                         {"startTime", 1000.0},
                         {"endTime", 1000.5}}},
                       {"pause",
                        {{"actionId", "aws:fis:wait"},
                         {"state", {{"status", pause_status}, {"reason", ""}}},
                         {"startTime", 1000.5}}}}}};
  return {{"experiment", experiment},
          {"labTime", 1072.0},
          {"alarms", {{{"name", "funky-elb-alarm"}, {"state", alarm}}}},
          {"balancers",
           {{{"name", "step03-funky-elb"},
             {"healthy", healthy},
             {"unhealthy", 3 - healthy},
             {"desired", 3},
             {"seconds", seconds("__....XXX..", 998.0)}}}}};
}

TEST(LiveViewTest, StripMarksAnsweredFailedAndIdleSeconds) {
  EXPECT_EQ(traffic_strip(seconds("._X.", 0)), "._X.");
  EXPECT_EQ(traffic_strip(json()), "");
}

TEST(LiveViewTest, RendersActionsAlarmHostsAndTheLastSecondsOfTraffic) {
  auto lines = render_live(live("running", "running", "OK", 1), 5);
  ASSERT_EQ(lines.size(), 6u);
  EXPECT_EQ(lines[0], "EXPabc  running  Experiment is running.  (1m 12s in)");
  EXPECT_EQ(lines[1].find("  stop1"), 0u);  // started first
  EXPECT_NE(lines[1].find("completed"), std::string::npos);
  EXPECT_EQ(lines[2].find("  pause"), 0u);
  EXPECT_EQ(lines[3], "Alarm    funky-elb-alarm  OK");
  EXPECT_EQ(lines[4], "Hosts    step03-funky-elb  1/3 healthy");
  EXPECT_EQ(lines[5], "Traffic  XXX..");
}

TEST(LiveViewTest, SignatureChangesWithStatesNotWithTime) {
  auto a = live("running", "running", "OK", 3);
  auto later = a;
  later["labTime"] = 1090.0;
  later["balancers"][0]["seconds"] = seconds("......", 1000);
  EXPECT_EQ(live_signature(a), live_signature(later));
  EXPECT_NE(live_signature(a), live_signature(live("running", "running", "ALARM", 3)));
  EXPECT_NE(live_signature(a), live_signature(live("running", "running", "OK", 2)));
  EXPECT_NE(live_signature(a), live_signature(live("stopping", "stopping", "OK", 3)));
}

TEST(LiveViewTest, LogLineSummarisesOneMoment) {
  EXPECT_EQ(live_line(live("running", "running", "ALARM", 0)),
            "[1m 12s in] running | stop1 completed, pause running | alarm ALARM | hosts 0/3");
}

TEST(LiveViewTest, TrafficBlockWrapsWithOffsetsFromTheStart) {
  auto lines = traffic_block(live("completed", "completed", "OK", 3), 4);
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_NE(lines[0].find("step03-funky-elb (11 s"), std::string::npos);
  EXPECT_EQ(lines[1], "     -2s  __..");
  EXPECT_EQ(lines[2], "     +2s  ..XX");
  EXPECT_EQ(lines[3], "     +6s  X..");
}

}  // namespace
}  // namespace faultbox::report
