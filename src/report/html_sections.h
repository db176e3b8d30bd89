// The pieces report_html assembles: each returns escaped HTML (or inline SVG) for one section.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "report/experiment_view.h"
#include "report/figures.h"
#include "report/report.h"
#include "report/time_axis.h"
#include "report/verdict.h"
#include "report/zone_capacity.h"

namespace faultbox::report {

// CSS class for a FIS status word: "st-completed", "st-active", "st-stopped", "st-failed",
// "st-muted" (cancelled, skipped, unknown).
std::string_view status_class(std::string_view status);
// CSS class for an alarm state: "al-alarm", "al-ok" or "al-other" (INSUFFICIENT_DATA).
std::string_view alarm_class(std::string_view state);
// At most max_chars characters (UTF-8 aware), with "…" when cut.
std::string shorten(std::string_view text, std::size_t max_chars);

// Gantt bars per action on the shared axis, with an alarm row when there are transitions.
std::string timeline_svg(const ExperimentView& e, const std::vector<AlarmMark>& alarms,
                         const TimeAxis& axis);
// One metric chart: run shaded, action markers, threshold, alarm transitions.
std::string series_svg(const Series& series, const ExperimentView& e,
                       const std::vector<AlarmMark>& alarms, const TimeAxis& axis);

// One lane per AZ, one row per instance, a segment per EC2 state (classes from
// instance_state_class); a note instead when there are no states.
std::string instance_lanes_svg(const ExperimentView& e,
                               const std::vector<InstanceStateChange>& changes,
                               const TimeAxis& axis);
// "is-pending", "is-running", "is-stopping", "is-stopped", "is-shutting-down", "is-terminated",
// or "is-other" for anything else.
std::string_view instance_state_class(std::string_view state);
std::string instance_legend();

// The figures with how each was measured; human durations, "99.95 %" availability.
std::string figures_table(const Figures& figures);
// "99.95 %", never "100.00 %" for less than 100.
std::string availability_text(double percent);

std::string actions_table(const ExperimentView& e);
std::string alarms_table(const ExperimentView& e, const std::vector<AlarmMark>& alarms);
std::string targets_table(const nlohmann::json& resolved);
// Running instances per zone (start, lowest, end) and the groups' launches, refusals and
// terminations there; then the groups' activities in time order.
std::string zone_capacity_table(const std::vector<ZoneCapacity>& zones);
std::string scaling_table(const std::vector<ScalingEvent>& events);
std::string log_table(const std::vector<nlohmann::json>& log);

}  // namespace faultbox::report
