// report_json: the stable machine-readable summary of one experiment run.
#include <algorithm>
#include <chrono>

#include "core/iso8601.h"
#include "report/experiment_view.h"
#include "report/figures.h"
#include "report/report.h"
#include "report/series_stats.h"
#include "report/time_text.h"
#include "report/verdict.h"
#include "report/zone_capacity.h"

namespace faultbox::report {

using nlohmann::json;

namespace {

json report_time_or_null(const std::optional<TimePoint>& t) {
  return t ? json(format_iso8601(*t)) : json();
}

double seconds(Duration d) { return std::chrono::duration<double>(d).count(); }

json duration_json(const std::optional<TimePoint>& start, const std::optional<TimePoint>& end) {
  if (!start || !end) {
    return nullptr;
  }
  Duration d = std::max(Duration(0), *end - *start);
  return {{"iso", format_iso_duration(d)}, {"seconds", seconds(d)}};
}

json experiment_json(const ExperimentView& e) {
  json j = {{"id", e.id},
            {"templateId", e.template_id},
            {"status", e.status},
            {"reason", e.reason},
            {"startTime", report_time_or_null(e.start)},
            {"endTime", report_time_or_null(e.end)},
            {"duration", duration_json(e.start, e.end)},
            {"stopConditions", e.stop_conditions}};
  if (!e.error_code.empty()) {
    j["error"] = {{"code", e.error_code}, {"location", e.error_location}};
  }
  return j;
}

json actions_json(const ExperimentView& e) {
  json out = json::array();
  for (const ActionView& a : e.actions) {
    json offset = a.start && e.start ? json(seconds(*a.start - *e.start)) : json();
    out.push_back({{"name", a.name},
                   {"actionId", a.action_id},
                   {"status", a.status},
                   {"reason", a.reason},
                   {"startTime", report_time_or_null(a.start)},
                   {"endTime", report_time_or_null(a.end)},
                   {"startOffsetSeconds", offset},
                   {"duration", duration_json(a.start, a.end)},
                   {"targets", a.targets},
                   {"startAfter", a.start_after},
                   {"parameters", a.parameters}});
  }
  return out;
}

json targets_json(const ExperimentView& e, const json& resolved) {
  json rows = json::array();
  json counts = json::object();
  for (const ResolvedRow& row : read_resolved_targets(resolved)) {
    rows.push_back({{"targetName", row.target_name},
                    {"resourceType", row.resource_type},
                    {"arn", row.arn},
                    {"resourceId", row.resource_id}});
    counts[row.target_name] = counts.value(row.target_name, 0) + 1;
  }
  return {{"definitions", e.targets}, {"resolved", rows}, {"resolvedCount", counts}};
}

json series_json(const std::vector<Series>& series) {
  json out = json::array();
  for (const Series& s : series) {
    SeriesStats stats = series_stats(s);
    json threshold = s.threshold ? json(*s.threshold) : json();
    out.push_back({{"name", s.name},
                   {"unit", s.unit},
                   {"points", stats.count},
                   {"min", stats.min ? json(*stats.min) : json()},
                   {"max", stats.max ? json(*stats.max) : json()},
                   {"sum", stats.sum},
                   {"threshold", threshold},
                   {"pointsAboveThreshold", s.threshold ? json(stats.above_threshold) : json()}});
  }
  return out;
}

json alarms_json(const ExperimentView& e, std::vector<AlarmMark> alarms) {
  std::stable_sort(alarms.begin(), alarms.end(),
                   [](const AlarmMark& a, const AlarmMark& b) { return a.at < b.at; });
  json out = json::array();
  for (const AlarmMark& mark : alarms) {
    bool stop = std::find(e.stop_alarm_names.begin(), e.stop_alarm_names.end(), mark.alarm_name) !=
                e.stop_alarm_names.end();
    out.push_back({{"time", format_iso8601(mark.at)},
                   {"alarmName", mark.alarm_name},
                   {"from", mark.from},
                   {"to", mark.to},
                   {"reason", mark.reason},
                   {"isStopCondition", stop}});
  }
  return out;
}

// AZ -> state changes by time; the first of an instance may be its state at the window's start.
json instance_states_json(std::vector<InstanceStateChange> changes) {
  std::stable_sort(
      changes.begin(), changes.end(),
      [](const InstanceStateChange& a, const InstanceStateChange& b) { return a.at < b.at; });
  json out = json::object();
  for (const InstanceStateChange& c : changes) {
    out[c.availability_zone].push_back({{"time", format_iso8601(c.at)},
                                        {"instanceId", c.instance_id},
                                        {"state", c.state},
                                        {"atWindowStart", c.at_window_start}});
  }
  return out;
}

json zone_capacity_json(const std::vector<ZoneCapacity>& zones) {
  json out = json::array();
  for (const ZoneCapacity& z : zones) {
    out.push_back({{"availabilityZone", z.availability_zone},
                   {"runningAtStart", z.running_at_start},
                   {"minRunning", z.min_running},
                   {"runningAtEnd", z.running_at_end},
                   {"launches", z.launches},
                   {"launchesRefused", z.launches_refused},
                   {"terminations", z.terminations}});
  }
  return out;
}

json scaling_json(const std::vector<ScalingEvent>& events) {
  json out = json::array();
  for (const ScalingEvent& e : events) {
    out.push_back({{"time", format_iso8601(e.at)},
                   {"group", e.group},
                   {"availabilityZone", e.availability_zone},
                   {"description", e.description},
                   {"statusCode", e.failed ? "Failed" : "Successful"}});
  }
  return out;
}

}  // namespace

json report_json(const ReportInput& input) {
  ExperimentView e = read_experiment(input.experiment);
  Verdict verdict = decide_verdict(e, input.alarms);
  return {
      {"reportVersion", 1},
      {"generatedAt", input.generated_at},
      {"experiment", experiment_json(e)},
      {"verdict",
       {{"code", verdict.code}, {"title", verdict.title}, {"explanation", verdict.explanation}}},
      {"actions", actions_json(e)},
      {"targets", targets_json(e, input.resolved_targets)},
      {"series", series_json(input.series)},
      {"alarmTransitions", alarms_json(e, input.alarms)},
      {"figures", figures_json(compute_figures(e, input))},
      {"instanceStates", instance_states_json(input.instance_states)},
      {"zoneCapacity", zone_capacity_json(zone_capacity(input.instance_states, input.scaling))},
      {"scalingActivities", scaling_json(input.scaling)},
      {"logRecordCount", input.log.size()}};
}

}  // namespace faultbox::report
