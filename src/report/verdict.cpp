// Deciding the verdict and wording its one-sentence explanation.
#include "report/verdict.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <optional>

#include "report/time_text.h"

namespace faultbox::report {

namespace {

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// The first stop-condition alarm that went to ALARM while the experiment ran.
std::optional<AlarmMark> stop_alarm(const ExperimentView& e, const std::vector<AlarmMark>& alarms) {
  std::optional<AlarmMark> first;
  for (const AlarmMark& mark : alarms) {
    bool is_stop_alarm = std::find(e.stop_alarm_names.begin(), e.stop_alarm_names.end(),
                                   mark.alarm_name) != e.stop_alarm_names.end();
    bool in_window = (!e.start || mark.at >= *e.start) && (!e.end || mark.at <= *e.end);
    if (is_stop_alarm && mark.to == "ALARM" && in_window && (!first || mark.at < first->at)) {
      first = mark;
    }
  }
  return first;
}

// "after 2m 30s" when both ends are known, else "".
std::string elapsed(const ExperimentView& e) {
  auto d = e.duration();
  return d ? " after " + human_duration(*d) : std::string();
}

std::string progress(const ExperimentView& e) {
  return fmt::format("{} of {} action{} had completed", e.count_actions("completed"),
                     e.actions.size(), e.actions.size() == 1 ? "" : "s");
}

Verdict completed(const ExperimentView& e) {
  int done = e.count_actions("completed");
  auto total = e.actions.size();
  std::string actions = static_cast<std::size_t>(done) == total
                            ? fmt::format("all {} action{} completed", total, total == 1 ? "" : "s")
                            : fmt::format("{} of {} actions completed ({} skipped)", done, total,
                                          e.count_actions("skipped"));
  auto d = e.duration();
  std::string in = d ? " in " + human_duration(*d) : std::string();
  return {
      VerdictKind::Completed, "completed", "Completed",
      fmt::format("The experiment ran to the end: {}{} and no stop condition fired.", actions, in)};
}

Verdict stopped_by_condition(const ExperimentView& e, const std::optional<AlarmMark>& alarm) {
  std::string cause = "A stop condition halted the experiment" + elapsed(e);
  if (alarm) {
    std::string into = e.start ? " (" + human_duration(alarm->at - *e.start) + " in)" : "";
    cause = fmt::format("Alarm \"{}\" went to ALARM at {} UTC{}, so its stop condition halted "
                        "the experiment",
                        alarm->alarm_name, clock_time(alarm->at), into);
  }
  return {VerdictKind::StoppedByStopCondition, "stopped-by-stop-condition",
          "Stopped by stop condition", fmt::format("{}; {}.", cause, progress(e))};
}

Verdict failed(const ExperimentView& e) {
  std::string what = e.reason.empty() ? "no reason was given" : e.reason;
  if (!what.empty() && what.back() == '.') {
    what.pop_back();
  }
  std::string code;
  if (!e.error_code.empty()) {
    code = e.error_location.empty() ? fmt::format(" ({})", e.error_code)
                                    : fmt::format(" ({} at {})", e.error_code, e.error_location);
  }
  return {VerdictKind::Failed, "failed", "Failed",
          fmt::format("The experiment failed{}{}: {}.", elapsed(e), code, what)};
}

}  // namespace

Verdict decide_verdict(const ExperimentView& e, const std::vector<AlarmMark>& alarms) {
  if (e.status == "completed") {
    return completed(e);
  }
  if (e.status == "failed") {
    return failed(e);
  }
  if (e.status == "stopped" || e.status == "cancelled") {
    // The reason wins when it names the cause; the alarm history decides otherwise.
    std::string reason = lower(e.reason);
    auto alarm = stop_alarm(e, alarms);
    bool by_user = reason.find("by user") != std::string::npos;
    if (reason.find("stop condition") != std::string::npos || (alarm && !by_user)) {
      return stopped_by_condition(e, alarm);
    }
    return {VerdictKind::StoppedByUser, "stopped-by-user", "Stopped by user",
            fmt::format("Someone stopped the experiment{}; {}.", elapsed(e), progress(e))};
  }
  std::string status = e.status.empty() ? "in an unknown state" : "still " + e.status;
  return {VerdictKind::InProgress, "in-progress", "In progress",
          fmt::format("The experiment is {}; this report shows it up to the time it was made.",
                      status)};
}

}  // namespace faultbox::report
