// Axis ticks (values and times), number labels, scales and the SVG writer's escaping.
#include "report/svg_chart.h"

#include <gtest/gtest.h>

#include "report/time_text.h"
#include "report_fixtures.h"

namespace faultbox::report {
namespace {

using testing::at;

TEST(NiceTicksTest, Table) {
  struct Case {
    double lo, hi;
    int max_ticks;
    std::vector<double> want;
  };
  const Case cases[] = {
      {0, 10, 6, {0, 2, 4, 6, 8, 10}},
      {0, 97, 6, {0, 20, 40, 60, 80, 100}},
      {0.3, 0.87, 5, {0.2, 0.4, 0.6, 0.8, 1.0}},
      {-3, 7, 6, {-5, 0, 5, 10}},
      {0, 0, 6, {0, 0.2, 0.4, 0.6, 0.8, 1.0}},
      {5, 5, 6, {4.5, 5, 5.5}},
      {0, 1234, 6, {0, 500, 1000, 1500}},
      {0, 8, 5, {0, 2, 4, 6, 8}},
      {10, 0, 5, {0, 5, 10}},
      {0, 3, 5, {0, 1, 2, 3}},
      {0, 0.003, 4, {0, 0.001, 0.002, 0.003}},
  };
  for (const Case& c : cases) {
    ValueTicks ticks = nice_ticks(c.lo, c.hi, c.max_ticks);
    SCOPED_TRACE(::testing::Message() << c.lo << ".." << c.hi << " max " << c.max_ticks);
    ASSERT_EQ(ticks.values.size(), c.want.size());
    for (std::size_t i = 0; i < c.want.size(); ++i) {
      EXPECT_DOUBLE_EQ(ticks.values[i], c.want[i]);
    }
    EXPECT_DOUBLE_EQ(ticks.lo, c.want.front());
    EXPECT_DOUBLE_EQ(ticks.hi, c.want.back());
    EXPECT_LE(static_cast<int>(ticks.values.size()), c.max_ticks);
  }
}

TEST(TimeTicksTest, Table) {
  using std::chrono::hours;
  using std::chrono::minutes;
  using std::chrono::seconds;
  struct Case {
    double from, to;  // seconds after 22:13:20 UTC
    Duration step;
    std::vector<std::string> labels;
  };
  const Case cases[] = {
      {0,
       60,
       seconds(10),
       {"22:13:20", "22:13:30", "22:13:40", "22:13:50", "22:14:00", "22:14:10", "22:14:20"}},
      {3, 303, minutes(1), {"22:14:00", "22:15:00", "22:16:00", "22:17:00", "22:18:00"}},
      {0, 0, seconds(1), {"22:13:20"}},
      {0.5, 0.7, seconds(1), {}},
      {0, 20, seconds(5), {"22:13:20", "22:13:25", "22:13:30", "22:13:35", "22:13:40"}},
      {-1000,
       2600,
       minutes(10),  // aligned to round UTC times, not to the window's start
       {"22:00:00", "22:10:00", "22:20:00", "22:30:00", "22:40:00", "22:50:00"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(::testing::Message() << c.from << ".." << c.to);
    TimeTicks ticks = time_ticks(at(c.from), at(c.to), 8);
    EXPECT_EQ(ticks.step, c.step);
    std::vector<std::string> labels;
    for (TimePoint t : ticks.values) {
      labels.push_back(clock_time(t));
    }
    EXPECT_EQ(labels, c.labels);
  }
}

TEST(TimeTicksTest, LongSpansStayUnderTheLimit) {
  for (int days : {3, 30, 400}) {
    TimeTicks ticks = time_ticks(at(0), at(days * 86400.0), 8);
    EXPECT_LE(ticks.values.size(), 8u) << days;
    EXPECT_GE(ticks.values.size(), 2u) << days;
  }
}

TEST(FormatNumberTest, Table) {
  const std::pair<double, std::string> cases[] = {
      {0, "0"},
      {-0.0, "0"},
      {2.5, "2.5"},
      {0.125, "0.125"},
      {100, "100"},
      {9999, "9999"},
      {12000, "12k"},
      {1.5e6, "1.5M"},
      {1.0 / 3, "0.3333"},
      {-20, "-20"},
      {0.30000000000000004, "0.3"},
      {NAN, "-"},
  };
  for (const auto& [value, want] : cases) {
    EXPECT_EQ(format_number(value), want) << value;
  }
}

TEST(LinearScaleTest, MapsAndInverts) {
  LinearScale x(0, 10, 100, 200);
  EXPECT_DOUBLE_EQ(x(0), 100);
  EXPECT_DOUBLE_EQ(x(5), 150);
  EXPECT_DOUBLE_EQ(x(10), 200);
  LinearScale y(0, 100, 180, 20);  // SVG y grows downwards
  EXPECT_DOUBLE_EQ(y(100), 20);
  EXPECT_DOUBLE_EQ(LinearScale(3, 3, 0, 10)(3), 5);
}

TEST(SvgWriterTest, EscapesTextAndTitles) {
  SvgWriter svg(100, 50, "a<b");
  svg.text(1, 2, "</svg><script>", "tick");
  svg.rect(0, 0, 10, 10, "bar", "x\"y");
  svg.polyline({{0, 0}, {10.25, 5}}, "line");
  std::string out = svg.str();
  EXPECT_EQ(out.find("<script"), std::string::npos);
  EXPECT_NE(out.find("aria-label=\"a&lt;b\""), std::string::npos);
  EXPECT_NE(out.find("&lt;/svg&gt;&lt;script&gt;"), std::string::npos);
  EXPECT_NE(out.find("<title>x&quot;y</title></rect>"), std::string::npos);
  EXPECT_NE(out.find("points=\"0.0,0.0 10.2,5.0\""), std::string::npos);
  EXPECT_EQ(out.substr(out.size() - 6), "</svg>");
}

TEST(SvgWriterTest, NegativeSizesAreClamped) {
  SvgWriter svg(10, 10, "x");
  svg.rect(0, 0, -5, 3, "bar");
  EXPECT_NE(svg.str().find("width=\"0.0\""), std::string::npos);
}

}  // namespace
}  // namespace faultbox::report
