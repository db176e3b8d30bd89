// The one time axis every report chart shares, so the timeline and the metric charts line up.
#pragma once

#include <string>

#include "core/clock.h"
#include "report/experiment_view.h"
#include "report/report.h"
#include "report/svg_chart.h"

namespace faultbox::report {

// Horizontal layout shared by all SVGs of a page (viewBox units).
inline constexpr double kChartWidth = 960;
inline constexpr double kPlotLeft = 210;  // room for action names and value labels
inline constexpr double kPlotRight = kChartWidth - 24;

struct TimeWindow {
  TimePoint begin;
  TimePoint end;
};

// Spans every known instant (experiment, actions, series points, alarm marks) with a little
// padding; an instant-wide or empty window is widened to one minute.
TimeWindow report_window(const ExperimentView& experiment, const ReportInput& input);

class TimeAxis {
 public:
  explicit TimeAxis(TimeWindow window);

  TimeWindow window() const { return window_; }
  double x(TimePoint t) const;  // clamped to the plot
  // Vertical grid lines from top to bottom and tick labels below bottom.
  void draw(SvgWriter& svg, double top, double bottom) const;
  // Shades the experiment's run (start to end, or to the window's end while it runs).
  void shade_run(SvgWriter& svg, const ExperimentView& e, double top, double bottom) const;

 private:
  TimeWindow window_;
  LinearScale scale_;
};

}  // namespace faultbox::report
