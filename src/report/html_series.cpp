// One metric chart per series: line and area over the shared time axis, with the experiment run
// shaded, action start/end markers, the alarm threshold and alarm transitions.
#include <fmt/format.h>

#include <algorithm>

#include "report/html_sections.h"
#include "report/series_stats.h"
#include "report/svg_chart.h"
#include "report/time_text.h"

namespace faultbox::report {

namespace {

constexpr double kSeriesTop = 18;
constexpr double kBottom = 168;
constexpr double kHeight = kBottom + 26;
constexpr std::size_t kMaxDots = 40;  // beyond this the dots would hide the line

void draw_value_axis(SvgWriter& svg, const ValueTicks& ticks, const LinearScale& y,
                     const Series& s) {
  for (double v : ticks.values) {
    svg.line(kPlotLeft, y(v), kPlotRight, y(v), "grid");
    svg.text(kPlotLeft - 8, y(v) + 4, format_number(v), "tick", "end");
  }
  svg.text(kPlotLeft - 8, kSeriesTop - 8, shorten(s.unit, 24), "sublabel", "end");
}

void draw_action_marks(SvgWriter& svg, const ExperimentView& e, const TimeAxis& axis) {
  for (const ActionView& a : e.actions) {
    if (a.start) {
      double x = axis.x(*a.start);
      svg.line(x, kSeriesTop, x, kBottom, "mark-start",
               a.name + " started at " + clock_time(*a.start) + " UTC");
    }
    if (a.end) {
      double x = axis.x(*a.end);
      svg.line(x, kSeriesTop, x, kBottom, "mark-end",
               a.name + " ended (" + a.status + ") at " + clock_time(*a.end) + " UTC");
    }
  }
}

void draw_alarm_marks(SvgWriter& svg, std::vector<AlarmMark> alarms, const TimeAxis& axis) {
  std::stable_sort(alarms.begin(), alarms.end(),
                   [](const AlarmMark& a, const AlarmMark& b) { return a.at < b.at; });
  double last_label = -1e9;
  for (const AlarmMark& mark : alarms) {
    double x = axis.x(mark.at);
    std::string title = fmt::format("{}: {} → {} at {} UTC. {}", mark.alarm_name, mark.from,
                                    mark.to, clock_time(mark.at), mark.reason);
    svg.line(x, kSeriesTop, x, kBottom, fmt::format("alarm-line {}", alarm_class(mark.to)), title);
    svg.polygon({{x - 5, kSeriesTop - 9}, {x + 5, kSeriesTop - 9}, {x, kSeriesTop - 1}},
                fmt::format("diamond {}", alarm_class(mark.to)), title);
    if (x - last_label >= 64) {
      bool room_right = x + 8 + 110 <= kChartWidth;  // INSUFFICIENT_DATA is the longest word
      svg.text(room_right ? x + 8 : x - 8, kSeriesTop - 2, mark.to, "tick",
               room_right ? "start" : "end");
      last_label = x;
    }
  }
}

void draw_data(SvgWriter& svg, const std::vector<std::pair<TimePoint, double>>& points,
               const LinearScale& y, double baseline, const TimeAxis& axis, const Series& s) {
  std::vector<Point> line;
  for (const auto& [at, value] : points) {
    line.push_back({axis.x(at), y(value)});
  }
  if (line.size() >= 2) {
    std::vector<Point> area = line;
    area.push_back({line.back().x, baseline});
    area.push_back({line.front().x, baseline});
    svg.polygon(area, "area");
    svg.polyline(line, "line");
  }
  if (line.size() <= kMaxDots) {
    for (std::size_t i = 0; i < line.size(); ++i) {
      svg.circle(line[i].x, line[i].y, line.size() == 1 ? 4 : 2.5, "dot",
                 fmt::format("{}: {} {} at {} UTC", s.name, format_number(points[i].second), s.unit,
                             clock_time(points[i].first)));
    }
  }
}

}  // namespace

std::string series_svg(const Series& s, const ExperimentView& e,
                       const std::vector<AlarmMark>& alarms, const TimeAxis& axis) {
  auto points = sorted_points(s);
  SeriesStats stats = series_stats(s);
  double lo = std::min({0.0, stats.min.value_or(0), s.threshold.value_or(0)});
  double hi = std::max({stats.max.value_or(0), s.threshold.value_or(lo)});
  ValueTicks ticks = nice_ticks(lo, hi, 5);
  LinearScale y(ticks.lo, ticks.hi, kBottom, kSeriesTop);
  SvgWriter svg(kChartWidth, kHeight, "Chart of " + s.name);
  axis.shade_run(svg, e, kSeriesTop, kBottom);
  draw_value_axis(svg, ticks, y, s);
  axis.draw(svg, kSeriesTop, kBottom);
  draw_action_marks(svg, e, axis);
  draw_data(svg, points, y, y(std::clamp(0.0, ticks.lo, ticks.hi)), axis, s);
  if (s.threshold) {
    svg.line(kPlotLeft, y(*s.threshold), kPlotRight, y(*s.threshold), "threshold",
             "Alarm threshold " + format_number(*s.threshold));
    svg.text(kPlotRight - 4, y(*s.threshold) - 5, "threshold " + format_number(*s.threshold),
             "threshold-label", "end");
  }
  draw_alarm_marks(svg, alarms, axis);
  if (points.empty()) {
    svg.text((kPlotLeft + kPlotRight) / 2, (kSeriesTop + kBottom) / 2,
             "No data points in this series", "note", "middle");
  }
  return svg.str();
}

}  // namespace faultbox::report
