// The shared time window and axis of a report page.
#include "report/time_axis.h"

#include <algorithm>
#include <chrono>
#include <optional>

#include "core/iso8601.h"
#include "report/time_text.h"

namespace faultbox::report {

namespace {

double millis(TimePoint t) { return static_cast<double>(t.time_since_epoch().count()); }

void widen(std::optional<TimeWindow>& w, std::optional<TimePoint> t) {
  if (!t) {
    return;
  }
  if (!w) {
    w = TimeWindow{*t, *t};
    return;
  }
  w->begin = std::min(w->begin, *t);
  w->end = std::max(w->end, *t);
}

}  // namespace

TimeWindow report_window(const ExperimentView& e, const ReportInput& input) {
  std::optional<TimeWindow> w;
  widen(w, e.start);
  widen(w, e.end);
  for (const ActionView& a : e.actions) {
    widen(w, a.start);
    widen(w, a.end);
  }
  for (const Series& s : input.series) {
    for (const auto& point : s.points) {
      widen(w, point.first);
    }
  }
  for (const AlarmMark& mark : input.alarms) {
    widen(w, mark.at);
  }
  if (e.start && !e.end) {
    widen(w, instant_from_json(input.generated_at));  // a running experiment reaches "now"
  }
  if (!w) {
    w = TimeWindow{TimePoint{}, TimePoint{}};
  }
  Duration span = w->end - w->begin;
  if (span < std::chrono::seconds(1)) {
    return {w->begin - std::chrono::seconds(30), w->end + std::chrono::seconds(30)};
  }
  Duration pad = std::max(Duration(500), span / 50);
  return {w->begin - pad, w->end + pad};
}

TimeAxis::TimeAxis(TimeWindow window)
    : window_(window), scale_(millis(window.begin), millis(window.end), kPlotLeft, kPlotRight) {}

double TimeAxis::x(TimePoint t) const {
  return std::clamp(scale_(millis(t)), kPlotLeft, kPlotRight);
}

void TimeAxis::draw(SvgWriter& svg, double top, double bottom) const {
  TimeTicks ticks = time_ticks(window_.begin, window_.end, 9);
  bool with_seconds = ticks.step < std::chrono::minutes(1);
  for (TimePoint t : ticks.values) {
    double at = x(t);
    svg.line(at, top, at, bottom, "grid");
    svg.text(at, bottom + 14, clock_time(t, with_seconds), "tick", "middle");
  }
  svg.line(kPlotLeft, bottom, kPlotRight, bottom, "axis");
}

void TimeAxis::shade_run(SvgWriter& svg, const ExperimentView& e, double top, double bottom) const {
  if (!e.start) {
    return;
  }
  double from = x(*e.start);
  double to = x(e.end.value_or(window_.end));
  std::string title = "Experiment ran " + clock_time(*e.start) + " to " +
                      (e.end ? clock_time(*e.end) + " UTC" : std::string("now"));
  svg.rect(from, top, std::max(to - from, 1.0), bottom - top, "run", title);
}

}  // namespace faultbox::report
