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

// Per-second values of one metric; a second without a point had no data (counters are only
// published when non-zero, so a missing RequestCount second had no requests).
using SecondValues = std::vector<std::pair<TimePoint, double>>;

// One load balancer's per-second traffic (AWS/ELB, dimension LoadBalancerName), for the figures.
struct BalancerTraffic {
  std::string name;
  SecondValues requests;       // RequestCount, Sum
  SecondValues elb_5xx;        // HTTPCode_ELB_5XX, Sum
  SecondValues backend_5xx;    // HTTPCode_Backend_5XX, Sum
  SecondValues healthy_hosts;  // HealthyHostCount, Minimum
  // Desired capacity of the auto-scaling group(s) whose load_balancers include it; absent when
  // no group serves it.
  std::optional<double> desired_capacity;
};

// One EC2 instance state (pending, running, stopping, stopped, shutting-down, terminated) taken
// at `at`. `at_window_start` marks the state an instance already had when the window began.
struct InstanceStateChange {
  TimePoint at;
  std::string instance_id;
  std::string availability_zone;
  std::string state;
  bool at_window_start = false;
};

// One auto-scaling group activity in the window: a launch (or a launch refused, e.g. for
// insufficient capacity) or a termination, and the zone it concerned.
struct ScalingEvent {
  TimePoint at;
  std::string group;
  std::string availability_zone;
  std::string description;
  bool failed = false;
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
  // Per-second traffic from before the start until the end of the report window (which may run
  // past the experiment's end, so a recovery after it can be measured).
  std::vector<BalancerTraffic> traffic;
  // Instance states: each instance's state at the window's start, then every change in it.
  std::vector<InstanceStateChange> instance_states;
  // The groups' activities in the window, in time order.
  std::vector<ScalingEvent> scaling;
  std::string generated_at;  // shown as given; ISO 8601 UTC by convention
};

// The machine-readable summary: experiment id, template id, final state, duration, verdict,
// actions, targets, per-series min/max/sum, alarm transitions, the figures (see figures.h) and
// the instance state changes per AZ, capacity per zone (zone_capacity.h) and the groups'
// activities. Keys are sorted, so the same input always prints the same
// text. Never throws: members of unexpected types are read as absent.
nlohmann::json report_json(const ReportInput& input);

// One HTML page (UTF-8) with the verdict and figures, an action timeline, instance states per
// AZ and one chart per series on the same time axis, the alarm transitions, the resolved targets
// and the log. All input text is escaped.
std::string report_html(const ReportInput& input);

}  // namespace faultbox::report
