// report_html: sections and labels, no script or external reference, escaping, edge-case series.
#include <gtest/gtest.h>

#include <regex>

#include "report/report.h"
#include "report_fixtures.h"

namespace faultbox::report {
namespace {

using nlohmann::json;
using testing::at;
using testing::completed_input;
using testing::stopped_input;

bool has(const std::string& html, const std::string& needle) {
  return html.find(needle) != std::string::npos;
}

std::size_t count(const std::string& html, const std::string& needle) {
  std::size_t n = 0;
  for (auto pos = html.find(needle); pos != std::string::npos; pos = html.find(needle, pos + 1)) {
    ++n;
  }
  return n;
}

// Everything inside <figure>...</figure> for the chart whose caption names `series`.
std::string chart_of(const std::string& html, const std::string& series) {
  auto start = html.find("<figcaption><strong>" + series + "</strong>");
  if (start == std::string::npos) {
    return "";
  }
  return html.substr(start, html.find("</figure>", start) - start);
}

TEST(ReportHtmlTest, HasEverySection) {
  std::string html = report_html(stopped_input());
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  for (const char* id : {"verdict", "timeline", "metrics", "alarms", "targets", "log"}) {
    EXPECT_TRUE(has(html, std::string("id=\"") + id + "\"")) << id;
  }
  for (const char* label :
       {"Experiment EXP7Kq2pZx", "Stopped by stop condition", "Action timeline", "Service metrics",
        "Alarm transitions", "Resolved targets", "Experiment log", "RequestCount",
        "HTTPCode_ELB_5XX_Count", "HealthyHostCount", "threshold 5", "i-0a1b2c3d4e5f60718",
        "stop-two", "aws:ec2:stop-instances", "not started (cancelled)", "web-5xx", "22:14:50",
        "EXTa1b2c3"}) {
    EXPECT_TRUE(has(html, label)) << label;
  }
  EXPECT_EQ(count(html, "<svg"), 4u);  // the timeline and three charts
  EXPECT_EQ(count(html, "<svg"), count(html, "</svg>"));
}

TEST(ReportHtmlTest, IsSelfContained) {
  for (const ReportInput& in : {completed_input(), stopped_input()}) {
    std::string html = report_html(in);
    EXPECT_FALSE(has(html, "<script"));
    EXPECT_FALSE(has(html, "src="));
    EXPECT_FALSE(has(html, "href="));
    EXPECT_FALSE(has(html, "url("));
    EXPECT_FALSE(has(html, "@import"));
    EXPECT_FALSE(std::regex_search(html, std::regex(R"(\son[a-z]+\s*=)")));  // event handlers
    // The only URL is the SVG namespace, which is a name, not a request.
    EXPECT_EQ(count(html, "://"), count(html, "http://www.w3.org/2000/svg"));
    EXPECT_TRUE(has(html, "default-src 'none'"));
  }
}

TEST(ReportHtmlTest, ChartsShowWindowMarkersThresholdAndAlarms) {
  std::string chart = chart_of(report_html(stopped_input()), "HTTPCode_ELB_5XX_Count");
  ASSERT_FALSE(chart.empty());
  EXPECT_TRUE(has(chart, "class=\"run\""));
  EXPECT_TRUE(has(chart, "class=\"mark-start\""));
  EXPECT_TRUE(has(chart, "class=\"mark-end\""));
  EXPECT_TRUE(has(chart, "class=\"threshold\""));
  EXPECT_TRUE(has(chart, "class=\"alarm-line al-alarm\""));
  EXPECT_TRUE(has(chart, "class=\"alarm-line al-ok\""));
  EXPECT_TRUE(has(chart, "class=\"line\""));
  EXPECT_TRUE(has(chart, "3 above"));
  // Transitions arrive out of order; each gets its label once they are sorted.
  EXPECT_EQ(count(chart, ">OK</text>"), 2u);
  EXPECT_EQ(count(chart, ">ALARM</text>"), 1u);
}

TEST(ReportHtmlTest, TimelineColoursBarsByStatus) {
  std::string html = report_html(stopped_input());
  EXPECT_TRUE(has(html, "class=\"bar st-stopped\""));
  std::string done = report_html(completed_input());
  EXPECT_EQ(count(done, "class=\"bar st-completed\""), 2u);
  EXPECT_TRUE(has(done, "22:13:21"));  // stop-two's start label
  EXPECT_TRUE(has(done, "22:15:21"));  // and its end label
}

TEST(ReportHtmlTest, EscapesHostileNames) {
  ReportInput in = stopped_input();
  const std::string evil = "<script>alert(1)</script>";
  in.experiment["id"] = evil;
  in.experiment["state"]["reason"] = "\"><img src=x onerror=alert(1)>";
  in.experiment["actions"][evil] = in.experiment["actions"]["stop-two"];
  in.series[0].name = "</svg><script>x</script>";
  in.series[0].unit = "<b>";
  in.alarms[0].alarm_name = "<iframe src=//evil>";
  in.alarms[0].reason = "'onmouseover='alert(1)";
  in.resolved_targets[0]["targetInformation"]["arn"] = "arn:<script>";
  in.log = {json{{"log_type", "<style>"},
                 {"event_timestamp", "<t>"},
                 {"details", {{"k", "</code></td><script>"}}}}};
  in.generated_at = "<now>";
  std::string html = report_html(in);
  EXPECT_FALSE(has(html, "<script"));
  EXPECT_FALSE(has(html, "<img"));
  EXPECT_FALSE(has(html, "<iframe"));
  EXPECT_FALSE(has(html, "<b>"));
  EXPECT_FALSE(has(html, "<t>"));
  EXPECT_FALSE(has(html, "<now>"));
  EXPECT_FALSE(has(html, "'onmouseover"));
  EXPECT_EQ(count(html, "<style>"), 1u);  // the page's own
  EXPECT_EQ(count(html, "<svg"), count(html, "</svg>"));
  EXPECT_TRUE(has(html, "&lt;script&gt;alert(1)&lt;/script&gt;"));
  EXPECT_TRUE(has(html, "&lt;iframe src=//evil&gt;"));
}

TEST(ReportHtmlTest, EmptySeriesSaysSo) {
  ReportInput in = completed_input();
  in.series = {Series{"Latency", "Seconds", {}, 0.5}};
  std::string chart = chart_of(report_html(in), "Latency");
  ASSERT_FALSE(chart.empty());
  EXPECT_TRUE(has(chart, "No data points in this series"));
  EXPECT_TRUE(has(chart, "no data"));
  EXPECT_FALSE(has(chart, "<polyline"));
  EXPECT_FALSE(has(chart, "<circle"));
  EXPECT_TRUE(has(chart, "threshold 0.5"));
}

TEST(ReportHtmlTest, SinglePointIsADot) {
  ReportInput in = completed_input();
  in.series = {Series{"SurgeQueueLength", "Count", {{at(30), 7}}, std::nullopt}};
  std::string chart = chart_of(report_html(in), "SurgeQueueLength");
  ASSERT_FALSE(chart.empty());
  EXPECT_EQ(count(chart, "<circle"), 1u);
  EXPECT_FALSE(has(chart, "<polyline"));
  EXPECT_TRUE(has(chart, "SurgeQueueLength: 7 Count at 22:13:50 UTC"));
}

TEST(ReportHtmlTest, NoSeriesNoLogNoTargets) {
  ReportInput in = completed_input();
  in.series.clear();
  in.log.clear();
  in.resolved_targets = json::array();
  std::string html = report_html(in);
  EXPECT_TRUE(has(html, "No metrics were recorded"));
  EXPECT_TRUE(has(html, "The experiment log is empty."));
  EXPECT_TRUE(has(html, "No resources were resolved as targets."));
  EXPECT_EQ(count(html, "<svg"), 1u);
}

TEST(ReportHtmlTest, EmptyInputStillRenders) {
  std::string html = report_html(ReportInput{});
  EXPECT_TRUE(has(html, "In progress"));
  EXPECT_TRUE(has(html, "This experiment has no actions."));
  EXPECT_TRUE(has(html, "</html>"));
}

}  // namespace
}  // namespace faultbox::report
