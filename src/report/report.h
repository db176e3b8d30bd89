// Experiment reports: a stable JSON summary and one self-contained HTML page (inline CSS and SVG,
// no script, no external request) built from an experiment, its targets, log, metrics and alarms.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.h"

namespace faultbox::report {

// One metric over time, e.g. RequestCount per second or HTTPCode_ELB_5XX_Count.
struct Series {
  std::string name;
  std::string unit;
  std::vector<std::pair<TimePoint, double>> points;  // any order; drawn sorted by time
  std::optional<double> threshold;                   // an alarm threshold drawn as a dashed line
};

// One alarm state change (OK, ALARM, INSUFFICIENT_DATA).
struct AlarmMark {
  TimePoint at;
  std::string alarm_name;
  std::string from;
  std::string to;
  std::string reason;
};

struct ReportInput {
  // GetExperiment's "experiment" object (a whole GetExperiment response is unwrapped). Times may
  // be epoch seconds (the API's numbers) or ISO 8601 strings.
  nlohmann::json experiment;
  // ListExperimentResolvedTargets' list: [{resourceType, targetName, targetInformation{arn}}].
  nlohmann::json resolved_targets;
  // FIS log records: {id, log_type, event_timestamp, version, details}.
  std::vector<nlohmann::json> log;
  std::vector<Series> series;
  std::vector<AlarmMark> alarms;
  std::string generated_at;  // shown as given; ISO 8601 UTC by convention
};

// The machine-readable summary: experiment id, template id, final state, duration, verdict,
// actions, targets, per-series min/max/sum and alarm transitions. Keys are sorted, so the same
// input always prints the same text. Never throws: members of unexpected types are read as absent.
nlohmann::json report_json(const ReportInput& input);

// One HTML page (UTF-8) with the verdict, an action timeline, one chart per series on the same
// time axis, the alarm transitions, the resolved targets and the log. All input text is escaped.
std::string report_html(const ReportInput& input);

}  // namespace faultbox::report
