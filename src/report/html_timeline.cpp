// The action timeline: one Gantt bar per action on the shared time axis, plus an alarm row.
#include <fmt/format.h>

#include <algorithm>

#include "report/html_sections.h"
#include "report/svg_chart.h"
#include "report/time_text.h"

namespace faultbox::report {

namespace {

constexpr double kTimelineTop = 8;
constexpr double kTimelineRowHeight = 42;
constexpr double kTimelineBarHeight = 16;
constexpr double kMinLabelGap = 64;  // px between alarm labels before one is left out

std::string span_text(const ActionView& a) {
  std::string text = a.name + ": " + (a.status.empty() ? "unknown" : a.status);
  if (a.start) {
    text += ", " + clock_time(*a.start) + " to " + (a.end ? clock_time(*a.end) + " UTC" : "now");
  }
  if (a.start && a.end) {
    text += " (" + human_duration(*a.end - *a.start) + ")";
  }
  return a.reason.empty() ? text : text + ". " + a.reason;
}

void draw_bar(SvgWriter& svg, const ActionView& a, const TimeAxis& axis, double y) {
  if (!a.start) {
    svg.text(kPlotLeft + 6, y + 4 + kTimelineBarHeight - 4,
             "not started (" + (a.status.empty() ? std::string("unknown") : a.status) + ")", "note",
             "start");
    return;
  }
  double from = axis.x(*a.start);
  double to = axis.x(a.end.value_or(axis.window().end));
  double width = std::max(to - from, 2.0);
  svg.rect(from, y + 4, width, kTimelineBarHeight, fmt::format("bar {}", status_class(a.status)),
           span_text(a));
  double label_y = y + 4 + kTimelineBarHeight + 13;
  std::string start = clock_time(*a.start);
  std::string end = a.end ? clock_time(*a.end) : std::string("running");
  if (width >= 120) {
    svg.text(from, label_y, start, "tick", "start");
    svg.text(from + width, label_y, end, "tick", "end");
  } else if (from + 120 <= kPlotRight) {
    svg.text(from, label_y, start + "–" + end, "tick", "start");
  } else {
    svg.text(from + width, label_y, start + "–" + end, "tick", "end");
  }
}

void draw_label(SvgWriter& svg, const ActionView& a, double y) {
  svg.text(kPlotLeft - 10, y + 15, shorten(a.name, 26), "label", "end");
  std::string sub = shorten(a.action_id, 22) + " · " + (a.status.empty() ? "?" : a.status);
  svg.text(kPlotLeft - 10, y + 30, sub, "sublabel", "end");
}

void draw_alarm_row(SvgWriter& svg, std::vector<AlarmMark> alarms, const TimeAxis& axis, double y) {
  std::stable_sort(alarms.begin(), alarms.end(),
                   [](const AlarmMark& a, const AlarmMark& b) { return a.at < b.at; });
  svg.text(kPlotLeft - 10, y + 19, "Alarm transitions", "label", "end");
  double last_label = -1e9;
  for (const AlarmMark& mark : alarms) {
    double x = axis.x(mark.at);
    double cy = y + 12;
    std::string title = fmt::format("{}: {} → {} at {} UTC. {}", mark.alarm_name, mark.from,
                                    mark.to, clock_time(mark.at), mark.reason);
    svg.polygon({{x, cy - 7}, {x + 7, cy}, {x, cy + 7}, {x - 7, cy}},
                fmt::format("diamond {}", alarm_class(mark.to)), title);
    if (x - last_label >= kMinLabelGap) {
      svg.text(x, y + 33, mark.to, "tick", "middle");
      last_label = x;
    }
  }
}

}  // namespace

std::string timeline_svg(const ExperimentView& e, const std::vector<AlarmMark>& alarms,
                         const TimeAxis& axis) {
  std::size_t rows = std::max<std::size_t>(e.actions.size(), 1) + (alarms.empty() ? 0 : 1);
  double bottom = kTimelineTop + static_cast<double>(rows) * kTimelineRowHeight;
  SvgWriter svg(kChartWidth, bottom + 24, "Action timeline of experiment " + e.id);
  axis.shade_run(svg, e, kTimelineTop, bottom);
  axis.draw(svg, kTimelineTop, bottom);
  double y = kTimelineTop;
  for (const ActionView& a : e.actions) {
    draw_label(svg, a, y);
    draw_bar(svg, a, axis, y);
    y += kTimelineRowHeight;
  }
  if (e.actions.empty()) {
    svg.text(kPlotLeft + 6, y + 20, "This experiment has no actions.", "note", "start");
    y += kTimelineRowHeight;
  }
  if (!alarms.empty()) {
    draw_alarm_row(svg, alarms, axis, y);
  }
  return svg.str();
}

}  // namespace faultbox::report
