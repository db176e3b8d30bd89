// The report's figures, computed from per-second load-balancer series: requests and failed
// requests during the experiment, availability, the longest outage, time to detect and time to
// recover. Pure functions of their inputs.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "report/experiment_view.h"
#include "report/report.h"

namespace faultbox::report {

// One second of traffic summed over load balancers. failed = HTTPCode_ELB_5XX +
// HTTPCode_Backend_5XX; a 5XX is counted when answered, so it can land in the second after its
// request's.
struct SecondCounts {
  TimePoint at;  // the second's start
  double requests = 0;
  double failed = 0;
};

// The seconds overlapping [from, to) that have any point, summed over the balancers, by time.
std::vector<SecondCounts> seconds_between(const std::vector<BalancerTraffic>& traffic,
                                          TimePoint from, TimePoint to);

struct Outage {
  TimePoint start;  // start of its first all-failed second
  Duration length;  // to the end of its last all-failed second
};

// The longest run of seconds in which requests arrived and all failed (failed >= requests > 0).
// A second without requests gives no evidence either way: it neither ends a run nor starts one,
// and when it lies between two all-failed seconds it counts in the run's length. A second with
// requests of which some succeeded ends the run. Ties go to the earliest. Absent: no such second.
std::optional<Outage> longest_outage(const std::vector<SecondCounts>& seconds);

struct Detection {
  std::optional<TimePoint> first_failure;  // start of the first second with failures
  std::optional<TimePoint> alarm;          // first stop-condition ALARM at or after it
  std::optional<Duration> time;            // alarm - first_failure, when both are known
  std::string note;                        // why `time` is absent, else empty
};

// First failed request (first second from `seconds` with failures) to the first of
// `stop_alarms` (times a stop-condition alarm went to ALARM) at or after it.
Detection time_to_detect(const std::vector<SecondCounts>& seconds,
                         const std::vector<TimePoint>& stop_alarms, bool has_stop_alarms);

enum class RecoveryOutcome {
  Recovered,     // healthy hosts dropped below desired and came back
  NeverDropped,  // healthy hosts stayed at desired capacity from the first fault on
  NotRecovered,  // dropped and not back by the end of the data
  Unknown,       // no fault started, or no load balancer with a group and host counts
};

struct Recovery {
  RecoveryOutcome outcome = RecoveryOutcome::Unknown;
  std::optional<TimePoint> fault;      // start of the first action that is not aws:fis:wait
  std::optional<TimePoint> dropped;    // first second below desired at or after the fault
  std::optional<TimePoint> recovered;  // first second back at desired after the drop
  std::optional<Duration> time;        // recovered - fault
  std::string note;                    // one sentence for the outcome
};

// Per balancer with a desired capacity: the first second at or after the fault with
// HealthyHostCount below desired, then the first later second back at (or above) desired. Over
// several balancers the service counts as recovered when the last of those that dropped is back.
Recovery time_to_recover(const std::vector<BalancerTraffic>& traffic,
                         std::optional<TimePoint> first_fault);

struct Figures {
  bool measured = false;  // false until the experiment has started
  TimePoint from;         // experiment start
  TimePoint to;           // experiment end, or the report time while it runs
  std::vector<std::string> load_balancers;
  double requests = 0;
  double failed_requests = 0;                  // never more than requests
  std::optional<double> availability_percent;  // absent without requests
  std::optional<Outage> longest_outage;
  Detection detection;
  Recovery recovery;
};

// The start of the first action that is not aws:fis:wait (actions are sorted by start).
std::optional<TimePoint> first_fault(const ExperimentView& experiment);

// All figures of one report. Requests, failures, outage and detection cover the experiment's
// run; recovery looks at every healthy-host point after the first fault.
Figures compute_figures(const ExperimentView& experiment, const ReportInput& input);

// "recovered", "never-dropped", "not-recovered", "unknown".
std::string_view recovery_outcome_name(RecoveryOutcome outcome);

// report_json's "figures": counts, availabilityPercent (null without requests), longestOutage
// ({seconds, start}; 0 and null without one), timeToDetect and timeToRecover ({seconds, iso,
// note, and their instants}; seconds null when absent). See figures_json.cpp.
nlohmann::json figures_json(const Figures& figures);

}  // namespace faultbox::report
