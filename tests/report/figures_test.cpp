// Figures from hand-made per-second series: totals, availability, longest outage, time to detect
// and time to recover, and their JSON and HTML forms.
#include "report/figures.h"

#include <gtest/gtest.h>

#include "core/iso8601.h"
#include "report/figures_text.h"
#include "report/html_sections.h"
#include "report_fixtures.h"

namespace faultbox::report {
namespace {

using nlohmann::json;
using std::chrono::seconds;
using testing::at;

// One point per second from `first`, with the given values.
SecondValues per_second(double first, std::vector<double> values) {
  SecondValues out;
  for (std::size_t i = 0; i < values.size(); ++i) {
    out.push_back({at(first + static_cast<double>(i)), values[i]});
  }
  return out;
}

SecondCounts second(double offset, double requests, double failed) {
  return {at(offset), requests, failed};
}

TEST(FiguresTest, SecondsSumBalancersAndBothKindsOf5xx) {
  BalancerTraffic a{"a", per_second(0, {3, 4, 5}), per_second(1, {1}), per_second(2, {2}), {}, {}};
  BalancerTraffic b{"b", per_second(1, {10}), per_second(1, {1}), {}, {}, {}};
  auto s = seconds_between({a, b}, at(0), at(3));
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[1].at, at(1));
  EXPECT_EQ(s[1].requests, 14);
  EXPECT_EQ(s[1].failed, 2);
  EXPECT_EQ(s[2].failed, 2);
}

TEST(FiguresTest, SecondsOverlappingTheWindowCount) {
  BalancerTraffic a{"a", per_second(-1, {1, 2, 3, 4}), {}, {}, {}, {}};
  // [0.5, 2.5) overlaps the seconds starting at 0, 1 and 2, not the one at -1.
  auto s = seconds_between({a}, at(0.5), at(2.5));
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s.front().at, at(0));
  EXPECT_EQ(s.back().at, at(2));
}

TEST(FiguresTest, LongestOutageIsTheLongestAllFailedRun) {
  auto outage = longest_outage({second(0, 5, 0), second(1, 2, 2), second(2, 5, 1), second(3, 3, 3),
                                second(4, 1, 1), second(5, 2, 2), second(6, 4, 0)});
  ASSERT_TRUE(outage);
  EXPECT_EQ(outage->start, at(3));
  EXPECT_EQ(outage->length, seconds(3));
}

TEST(FiguresTest, SilentSecondsInsideARunCountAndNeitherStartNorEndOne) {
  // 10 fails, 11 and 12 silent (missing and zero), 13 fails, 14 silent: a 4 s outage.
  auto outage = longest_outage(
      {second(9, 1, 0), second(10, 1, 1), second(12, 0, 0), second(13, 2, 2), second(14, 0, 0)});
  ASSERT_TRUE(outage);
  EXPECT_EQ(outage->start, at(10));
  EXPECT_EQ(outage->length, seconds(4));
}

TEST(FiguresTest, LateFailuresOfEarlierRequestsStillMakeAnAllFailedSecond) {
  auto outage = longest_outage({second(0, 1, 3)});
  ASSERT_TRUE(outage);
  EXPECT_EQ(outage->length, seconds(1));
}

TEST(FiguresTest, NoOutageWhenEverySecondHasASuccess) {
  EXPECT_FALSE(longest_outage({second(0, 5, 4), second(1, 0, 0), second(2, 3, 0)}));
  EXPECT_FALSE(longest_outage({}));
}

TEST(FiguresTest, TiesGoToTheEarliestOutage) {
  auto outage = longest_outage({second(0, 1, 1), second(1, 1, 0), second(2, 1, 1)});
  ASSERT_TRUE(outage);
  EXPECT_EQ(outage->start, at(0));
}

TEST(FiguresTest, TimeToDetectFromFirstFailureToFirstAlarmAfterIt) {
  auto seconds_ = std::vector{second(0, 5, 0), second(1, 5, 2), second(2, 5, 5)};
  auto d = time_to_detect(seconds_, {at(-10), at(31), at(25)}, true);
  ASSERT_TRUE(d.time);
  EXPECT_EQ(*d.first_failure, at(1));
  EXPECT_EQ(*d.alarm, at(25));
  EXPECT_EQ(*d.time, seconds(24));
  EXPECT_TRUE(d.note.empty());
}

TEST(FiguresTest, TimeToDetectIsAbsentAndSaysWhy) {
  auto failing = std::vector{second(1, 5, 2)};
  auto no_failure = time_to_detect({second(0, 5, 0)}, {at(5)}, true);
  EXPECT_FALSE(no_failure.time);
  EXPECT_EQ(no_failure.note, "No request failed during the experiment.");
  auto no_condition = time_to_detect(failing, {}, false);
  EXPECT_FALSE(no_condition.time);
  EXPECT_EQ(*no_condition.first_failure, at(1));
  EXPECT_NE(no_condition.note.find("no stop-condition alarm"), std::string::npos);
  auto alarm_before = time_to_detect(failing, {at(0)}, true);
  EXPECT_FALSE(alarm_before.time);
  EXPECT_NE(alarm_before.note.find("after the first failed request"), std::string::npos);
}

BalancerTraffic healthy(std::string name, double first, std::vector<double> hosts,
                        std::optional<double> desired) {
  return {std::move(name), {}, {}, {}, per_second(first, std::move(hosts)), desired};
}

TEST(FiguresTest, RecoveryFromFirstFaultToDesiredCapacityAfterADrop) {
  auto r = time_to_recover({healthy("web", 0, {3, 3, 3, 1, 0, 0, 2, 3, 3}, 3)}, at(2));
  EXPECT_EQ(r.outcome, RecoveryOutcome::Recovered);
  EXPECT_EQ(*r.dropped, at(3));
  EXPECT_EQ(*r.recovered, at(7));
  EXPECT_EQ(*r.time, seconds(5));
}

TEST(FiguresTest, CapacityThatNeverDroppedIsItsOwnOutcome) {
  auto r = time_to_recover({healthy("web", 0, {1, 3, 3, 3}, 3)}, at(1));
  EXPECT_EQ(r.outcome, RecoveryOutcome::NeverDropped);
  EXPECT_FALSE(r.time);
  EXPECT_NE(r.note.find("never dropped"), std::string::npos);
}

TEST(FiguresTest, NotRecoveredByTheEndOfTheWindow) {
  auto r = time_to_recover({healthy("web", 0, {3, 2, 1, 2}, 3)}, at(0));
  EXPECT_EQ(r.outcome, RecoveryOutcome::NotRecovered);
  EXPECT_EQ(*r.dropped, at(1));
  EXPECT_FALSE(r.recovered);
  EXPECT_FALSE(r.time);
  EXPECT_NE(r.note.find("end of the report window"), std::string::npos);
  EXPECT_NE(r.note.find("22:13:23"), std::string::npos);  // the last host count's second
}

TEST(FiguresTest, SeveralBalancersRecoverWhenTheLastOneIsBack) {
  auto both =
      time_to_recover({healthy("a", 0, {2, 1, 2, 2, 2}, 2), healthy("b", 0, {4, 4, 3, 3, 4}, 4),
                       healthy("no-group", 0, {0, 0, 0, 0, 0}, std::nullopt)},
                      at(0));
  EXPECT_EQ(both.outcome, RecoveryOutcome::Recovered);
  EXPECT_EQ(*both.dropped, at(1));
  EXPECT_EQ(*both.recovered, at(4));
  auto one_down =
      time_to_recover({healthy("a", 0, {2, 1, 2}, 2), healthy("b", 0, {4, 3, 3}, 4)}, at(0));
  EXPECT_EQ(one_down.outcome, RecoveryOutcome::NotRecovered);
  EXPECT_NE(one_down.note.find("of b"), std::string::npos);
}

TEST(FiguresTest, RecoveryUnknownWithoutFaultOrGroup) {
  EXPECT_EQ(time_to_recover({healthy("web", 0, {3, 1, 3}, 3)}, std::nullopt).outcome,
            RecoveryOutcome::Unknown);
  EXPECT_EQ(time_to_recover({healthy("web", 0, {3, 1, 3}, std::nullopt)}, at(0)).outcome,
            RecoveryOutcome::Unknown);
  EXPECT_EQ(time_to_recover({healthy("web", 0, {3, 1, 3}, 3)}, at(10)).outcome,
            RecoveryOutcome::Unknown);  // no host count after the fault
}

ReportInput run(double end_offset) {
  ReportInput in;
  in.experiment =
      testing::experiment("stopped", "Experiment halted by stop condition.", end_offset);
  in.experiment["actions"] = {
      {"pause", testing::action("aws:fis:wait", "completed", "", testing::kT0, testing::kT0 + 2)},
      {"stop", testing::action("aws:ec2:stop-instances", "completed", "", testing::kT0 + 2,
                               testing::kT0 + 3)}};
  // Seconds 0..9: 10 requests each; 3..6 all fail (ELB 5XX and backend 5XX), 7 half.
  BalancerTraffic lb{"web-elb",
                     per_second(0, {10, 10, 10, 10, 10, 10, 10, 10, 10, 10}),
                     per_second(3, {6, 10, 10, 10, 5}),
                     per_second(3, {4}),
                     per_second(0, {3, 3, 3, 2, 0, 0, 0, 1, 2, 3, 3}),
                     3};
  in.traffic = {lb};
  in.alarms = {{at(6.5), "web-5xx", "OK", "ALARM", "Threshold Crossed"},
               {at(6.5), "other-alarm", "OK", "ALARM", "not a stop condition"}};
  in.generated_at = "2023-11-14T22:20:00.000Z";
  return in;
}

TEST(FiguresTest, ComputeFiguresOverTheExperimentsRun) {
  ReportInput in = run(10);
  Figures f = compute_figures(read_experiment(in.experiment), in);
  ASSERT_TRUE(f.measured);
  EXPECT_EQ(f.requests, 100);
  EXPECT_EQ(f.failed_requests, 45);
  ASSERT_TRUE(f.availability_percent);
  EXPECT_DOUBLE_EQ(*f.availability_percent, 55);
  ASSERT_TRUE(f.longest_outage);
  EXPECT_EQ(f.longest_outage->start, at(3));
  EXPECT_EQ(f.longest_outage->length, seconds(4));
  EXPECT_EQ(*f.detection.time, seconds(3) + std::chrono::milliseconds(500));
  EXPECT_EQ(f.recovery.outcome, RecoveryOutcome::Recovered);
  EXPECT_EQ(*f.recovery.fault, at(2));  // the wait before it is no fault
  EXPECT_EQ(*f.recovery.time, seconds(7));
}

TEST(FiguresTest, ARunningExperimentIsMeasuredUntilTheReportTime) {
  ReportInput in = run(10);
  in.experiment.erase("endTime");
  in.generated_at = format_iso8601(at(5));
  Figures f = compute_figures(read_experiment(in.experiment), in);
  EXPECT_EQ(f.to, at(5));
  EXPECT_EQ(f.requests, 50);
}

TEST(FiguresTest, NoRequestsMeansNoAvailability) {
  ReportInput in = run(10);
  in.traffic.clear();
  Figures f = compute_figures(read_experiment(in.experiment), in);
  EXPECT_EQ(f.requests, 0);
  EXPECT_FALSE(f.availability_percent);
  EXPECT_EQ(f.recovery.outcome, RecoveryOutcome::Unknown);
  json j = figures_json(f);
  EXPECT_TRUE(j["availabilityPercent"].is_null());
  EXPECT_EQ(j["longestOutage"]["seconds"], 0);
  EXPECT_TRUE(j["timeToDetect"]["seconds"].is_null());
  EXPECT_EQ(j["timeToDetect"]["note"], "No request failed during the experiment.");
}

TEST(FiguresTest, NotStartedIsNotMeasured) {
  ReportInput in = run(10);
  in.experiment.erase("startTime");
  Figures f = compute_figures(read_experiment(in.experiment), in);
  EXPECT_FALSE(f.measured);
  EXPECT_FALSE(figures_json(f)["measured"].get<bool>());
  EXPECT_NE(figures_table(f).find("has not started"), std::string::npos);
}

TEST(FiguresTest, JsonCarriesEveryFigure) {
  ReportInput in = run(10);
  json j = report_json(in)["figures"];
  EXPECT_TRUE(j["requests"].is_number_integer());
  EXPECT_EQ(j["requests"], 100);
  EXPECT_EQ(j["failedRequests"], 45);
  EXPECT_DOUBLE_EQ(j["availabilityPercent"].get<double>(), 55);
  EXPECT_EQ(j["longestOutage"]["seconds"], 4);
  EXPECT_EQ(j["longestOutage"]["start"], "2023-11-14T22:13:23.000Z");
  EXPECT_EQ(j["timeToDetect"]["seconds"], 3.5);
  EXPECT_EQ(j["timeToDetect"]["iso"], "PT3.5S");
  EXPECT_EQ(j["timeToRecover"]["outcome"], "recovered");
  EXPECT_EQ(j["timeToRecover"]["seconds"], 7);
  EXPECT_EQ(j["loadBalancers"], json::array({"web-elb"}));
}

TEST(FiguresTest, HtmlTableUsesHumanDurations) {
  std::string html = report_html(run(10));
  auto table = html.substr(html.find("<table class=\"figures\""));
  table = table.substr(0, table.find("</table>"));
  for (const char* text : {"Availability", "55.00 %", "Longest outage", "4 s", "Time to detect",
                           "3 s", "Time to recover", "7 s", "web-elb"}) {
    EXPECT_NE(table.find(text), std::string::npos) << text;
  }
  EXPECT_LT(html.find("id=\"figures\""), html.find("id=\"timeline\""));  // near the verdict
}

TEST(FiguresTest, TerminalTextFromTheJson) {
  std::string text = figures_text(report_json(run(10))["figures"]);
  for (const char* line :
       {"Figures (22:13:20 UTC to 22:13:30 UTC):\n", "  requests         100\n",
        "  failed requests  45\n", "  availability     55.00 %\n",
        "  longest outage   4 s  (from 22:13:23 UTC)\n",
        "  time to detect   3 s  (first failed request 22:13:23 UTC, alarm 22:13:26 UTC)\n",
        "  time to recover  7 s  (first fault 22:13:22 UTC, healthy hosts back 22:13:29 UTC)\n"}) {
    EXPECT_NE(text.find(line), std::string::npos) << line << "\nin:\n" << text;
  }
  ReportInput quiet = run(10);
  quiet.traffic.clear();
  std::string none = figures_text(report_json(quiet)["figures"]);
  EXPECT_NE(none.find("  availability     –\n"), std::string::npos) << none;
  EXPECT_NE(none.find("  longest outage   none\n"), std::string::npos);
  EXPECT_NE(none.find("time to detect   –  (No request failed"), std::string::npos);
  EXPECT_EQ(availability_from_json(report_json(run(10))["figures"]), "55.00 %");
  EXPECT_EQ(figures_text(json::object()), "Figures: none, the experiment has not started.\n");
  EXPECT_EQ(figures_text("garbage"), "Figures: none, the experiment has not started.\n");
}

TEST(FiguresTest, AvailabilityNeverRoundsAFailureAway) {
  EXPECT_EQ(availability_text(100), "100.00 %");
  EXPECT_EQ(availability_text(99.999), "> 99.99 %");
  EXPECT_EQ(availability_text(83.9366), "83.94 %");
}

}  // namespace
}  // namespace faultbox::report
