// Instance states per AZ: lanes, rows, segment geometry on the shared axis, escaping, and the
// JSON listing per AZ.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "report/html_sections.h"
#include "report/report.h"
#include "report/time_axis.h"
#include "report_fixtures.h"

namespace faultbox::report {
namespace {

using testing::at;

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + 1)) {
    ++n;
  }
  return n;
}

std::vector<InstanceStateChange> changes() {
  return {{at(-30), "i-0aaa", "eu-west-2a", "running", true},
          {at(-30), "i-0bbb", "eu-west-2b", "running", true},
          {at(10), "i-0aaa", "eu-west-2a", "stopping", false},
          {at(15), "i-0aaa", "eu-west-2a", "stopped", false},
          {at(40), "i-0ccc", "eu-west-2a", "pending", false},
          {at(50), "i-0ccc", "eu-west-2a", "running", false}};
}

TimeAxis axis() { return TimeAxis({at(-30), at(90)}); }

TEST(InstanceLanesTest, OneLanePerAzOneRowPerInstance) {
  ExperimentView e = read_experiment(testing::experiment("completed", "", 60));
  std::string svg = instance_lanes_svg(e, changes(), axis());
  EXPECT_EQ(svg.rfind("<svg", 0), 0u);
  EXPECT_EQ(count(svg, ">eu-west-2a</text>"), 1u);
  EXPECT_EQ(count(svg, ">eu-west-2b</text>"), 1u);
  EXPECT_LT(svg.find(">eu-west-2a<"), svg.find(">eu-west-2b<"));
  EXPECT_NE(svg.find(">2 instances<"), std::string::npos);
  EXPECT_NE(svg.find(">1 instance<"), std::string::npos);
  for (const char* id : {">i-0aaa<", ">i-0bbb<", ">i-0ccc<"}) {
    EXPECT_EQ(count(svg, id), 1u) << id;
  }
  EXPECT_EQ(count(svg, "class=\"seg "), 6u);
  EXPECT_EQ(count(svg, "class=\"seg is-running\""), 3u);
  EXPECT_EQ(count(svg, "class=\"seg is-stopped\""), 1u);
}

TEST(InstanceLanesTest, SegmentsSpanTheirStateOnTheSharedAxis) {
  ExperimentView e = read_experiment(testing::experiment("completed", "", 60));
  TimeAxis a = axis();
  std::string svg = instance_lanes_svg(e, changes(), a);
  // i-0aaa stopping from 10 to 15 s: starts at x(10) and is x(15) - x(10) wide.
  std::string stopping = fmt::format("<rect class=\"seg is-stopping\" x=\"{:.1f}\"", a.x(at(10)));
  auto pos = svg.find(stopping);
  ASSERT_NE(pos, std::string::npos) << svg;
  std::string width = fmt::format("width=\"{:.1f}\"", a.x(at(15)) - a.x(at(10)));
  EXPECT_NE(svg.substr(pos, 120).find(width), std::string::npos);
  // The last state runs to the axis's end.
  std::string last = fmt::format("<rect class=\"seg is-stopped\" x=\"{:.1f}\"", a.x(at(15)));
  pos = svg.find(last);
  ASSERT_NE(pos, std::string::npos);
  EXPECT_NE(svg.substr(pos, 120).find(fmt::format("width=\"{:.1f}\"", kPlotRight - a.x(at(15)))),
            std::string::npos);
  // Tooltip with times and duration.
  EXPECT_NE(svg.find("i-0aaa (eu-west-2a): stopping from 22:13:30 to 22:13:35 UTC (5 s)"),
            std::string::npos);
  EXPECT_NE(svg.find("already so before the window"), std::string::npos);
}

TEST(InstanceLanesTest, RowsAreOrderedByFirstChange) {
  ExperimentView e = read_experiment(testing::experiment("completed", "", 60));
  auto input = changes();
  input.push_back({at(-30), "i-0zzz", "eu-west-2a", "running", true});
  std::string svg = instance_lanes_svg(e, input, axis());
  EXPECT_LT(svg.find(">i-0aaa<"), svg.find(">i-0zzz<"));
  EXPECT_LT(svg.find(">i-0zzz<"), svg.find(">i-0ccc<"));
}

TEST(InstanceLanesTest, TextIsEscapedAndUnknownStatesGetANeutralClass) {
  ExperimentView e = read_experiment(testing::experiment("completed", "", 60));
  std::string svg = instance_lanes_svg(
      e, {{at(0), "i-<b>", "az\"><script>", "running\" onclick=\"x", false}}, axis());
  EXPECT_EQ(svg.find("<script"), std::string::npos);
  EXPECT_EQ(svg.find("<b>"), std::string::npos);
  EXPECT_EQ(svg.find("onclick=\""), std::string::npos);
  EXPECT_NE(svg.find("az&quot;&gt;&lt;script&gt;"), std::string::npos);
  EXPECT_NE(svg.find("class=\"seg is-other\""), std::string::npos);
}

TEST(InstanceLanesTest, NoStatesGiveANote) {
  ExperimentView e = read_experiment(testing::experiment("completed", "", 60));
  std::string html = instance_lanes_svg(e, {}, axis());
  EXPECT_EQ(html.find("<svg"), std::string::npos);
  EXPECT_NE(html.find("No instance state"), std::string::npos);
}

TEST(InstanceLanesTest, PageHasTheSectionAndLegend) {
  ReportInput in = testing::stopped_input();
  in.instance_states = changes();
  std::string html = report_html(in);
  EXPECT_NE(html.find("id=\"instances\""), std::string::npos);
  EXPECT_NE(html.find("Instance states per availability zone"), std::string::npos);
  for (const char* state :
       {"pending", "running", "stopping", "stopped", "shutting-down", "terminated"}) {
    EXPECT_NE(html.find(fmt::format("<span class=\"sw is-{}\"></span>{}", state, state)),
              std::string::npos)
        << state;
  }
  EXPECT_LT(html.find("id=\"timeline\""), html.find("id=\"instances\""));
}

TEST(InstanceLanesTest, JsonListsChangesPerAz) {
  ReportInput in = testing::stopped_input();
  in.instance_states = changes();
  auto j = report_json(in)["instanceStates"];
  ASSERT_EQ(j.size(), 2u);
  ASSERT_EQ(j["eu-west-2a"].size(), 5u);
  EXPECT_EQ(j["eu-west-2a"][0]["instanceId"], "i-0aaa");
  EXPECT_TRUE(j["eu-west-2a"][0]["atWindowStart"].get<bool>());
  EXPECT_EQ(j["eu-west-2a"][1]["state"], "stopping");
  EXPECT_EQ(j["eu-west-2a"][1]["time"], "2023-11-14T22:13:30.000Z");
  EXPECT_FALSE(j["eu-west-2a"][1]["atWindowStart"].get<bool>());
  EXPECT_EQ(j["eu-west-2b"][0]["state"], "running");
}

}  // namespace
}  // namespace faultbox::report
