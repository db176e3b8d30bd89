// Instance states per AZ: one lane per availability zone, one row per instance, a coloured
// segment per EC2 state on the shared time axis.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <tuple>

#include "report/html_sections.h"
#include "report/svg_chart.h"
#include "report/time_text.h"

namespace faultbox::report {

namespace {

constexpr double kTop = 8;
constexpr double kLaneHeader = 22;
constexpr double kRowHeight = 18;
constexpr double kBarHeight = 12;
constexpr double kLaneGap = 6;

constexpr std::string_view kStates[] = {"pending", "running",       "stopping",
                                        "stopped", "shutting-down", "terminated"};

struct Row {
  std::string instance_id;
  std::vector<InstanceStateChange> changes;  // by time
};

// AZ -> rows, each row's changes sorted, rows ordered by their first change then id.
std::map<std::string, std::vector<Row>> rows_by_az(std::vector<InstanceStateChange> changes) {
  std::stable_sort(changes.begin(), changes.end(),
                   [](const InstanceStateChange& a, const InstanceStateChange& b) {
                     return std::tie(a.at, a.instance_id) < std::tie(b.at, b.instance_id);
                   });
  std::map<std::string, std::vector<Row>> lanes;
  for (const InstanceStateChange& c : changes) {
    auto& rows = lanes[c.availability_zone];
    auto it = std::find_if(rows.begin(), rows.end(),
                           [&c](const Row& r) { return r.instance_id == c.instance_id; });
    if (it == rows.end()) {
      rows.push_back({c.instance_id, {}});
      it = std::prev(rows.end());
    }
    it->changes.push_back(c);
  }
  return lanes;
}

void draw_row(SvgWriter& svg, const Row& row, const std::string& az, const TimeAxis& axis,
              double y) {
  svg.text(kPlotLeft - 10, y + kBarHeight, row.instance_id, "sublabel", "end");
  for (std::size_t i = 0; i < row.changes.size(); ++i) {
    const InstanceStateChange& c = row.changes[i];
    TimePoint until = i + 1 < row.changes.size() ? row.changes[i + 1].at : axis.window().end;
    double from = axis.x(c.at);
    double to = axis.x(until);
    std::string title =
        fmt::format("{} ({}): {} from {} to {} UTC ({})", row.instance_id, az, c.state,
                    clock_time(c.at), clock_time(until), human_duration(until - c.at));
    if (c.at_window_start) {
      title += ", already so before the window";
    }
    svg.rect(from, y + 3, std::max(to - from, 1.0), kBarHeight,
             fmt::format("seg {}", instance_state_class(c.state)), title);
  }
}

}  // namespace

std::string_view instance_state_class(std::string_view state) {
  static constexpr std::string_view kClasses[] = {
      "is-pending", "is-running", "is-stopping", "is-stopped", "is-shutting-down", "is-terminated"};
  for (std::size_t i = 0; i < std::size(kStates); ++i) {
    if (state == kStates[i]) {
      return kClasses[i];
    }
  }
  return "is-other";
}

std::string instance_lanes_svg(const ExperimentView& e,
                               const std::vector<InstanceStateChange>& changes,
                               const TimeAxis& axis) {
  auto lanes = rows_by_az(changes);
  if (lanes.empty()) {
    return "<p class=\"note\">No instance state was recorded for this window.</p>";
  }
  double bottom = kTop;
  for (const auto& [az, rows] : lanes) {
    bottom += kLaneHeader + static_cast<double>(rows.size()) * kRowHeight + kLaneGap;
  }
  SvgWriter svg(kChartWidth, bottom + 24, "Instance states per availability zone");
  axis.shade_run(svg, e, kTop, bottom);
  axis.draw(svg, kTop, bottom);
  double y = kTop;
  for (const auto& [az, rows] : lanes) {
    svg.line(8, y, kPlotRight, y, "lane");
    svg.text(8, y + 16, az.empty() ? std::string("(no AZ)") : az, "label", "start");
    svg.text(kPlotLeft - 10, y + 16,
             fmt::format("{} instance{}", rows.size(), rows.size() == 1 ? "" : "s"), "sublabel",
             "end");
    y += kLaneHeader;
    for (const Row& row : rows) {
      draw_row(svg, row, az, axis, y);
      y += kRowHeight;
    }
    y += kLaneGap;
  }
  return svg.str();
}

std::string instance_legend() {
  std::string out = "<div class=\"legend\">";
  for (std::string_view state : kStates) {
    out += fmt::format("<span><span class=\"sw {}\"></span>{}</span>", instance_state_class(state),
                       state);
  }
  return out + "<span><span class=\"sw run\"></span>experiment running</span></div>";
}

}  // namespace faultbox::report
