// The report's tables (actions, alarm transitions, resolved targets, log) and small HTML helpers.
#include <fmt/format.h>

#include <algorithm>

#include "core/iso8601.h"
#include "core/json_text.h"
#include "report/html_escape.h"
#include "report/html_sections.h"
#include "report/time_text.h"

namespace faultbox::report {

using nlohmann::json;

std::string_view status_class(std::string_view status) {
  if (status == "completed") {
    return "st-completed";
  }
  if (status == "running" || status == "initiating" || status == "pending") {
    return "st-active";
  }
  if (status == "stopped" || status == "stopping") {
    return "st-stopped";
  }
  if (status == "failed") {
    return "st-failed";
  }
  return "st-muted";
}

std::string_view alarm_class(std::string_view state) {
  if (state == "ALARM") {
    return "al-alarm";
  }
  return state == "OK" ? "al-ok" : "al-other";
}

std::string shorten(std::string_view text, std::size_t max_chars) {
  // Counts UTF-8 lead bytes only, so a cut never splits a character.
  std::size_t chars = 0;
  std::size_t last_lead = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) {
      continue;
    }
    if (chars == max_chars) {
      return std::string(text.substr(0, last_lead)) + "…";
    }
    last_lead = i;
    ++chars;
  }
  return std::string(text);
}

namespace {

std::string cell(std::string_view text) { return "<td>" + escape_html(text) + "</td>"; }

std::string time_cell(const std::optional<TimePoint>& t) {
  return t ? fmt::format("<td><time datetime=\"{0}\">{1}</time></td>", format_iso8601(*t),
                         clock_time(*t))
           : std::string("<td>–</td>");
}

std::string status_cell(std::string_view status) {
  return fmt::format("<td><span class=\"pill {}\">{}</span></td>", status_class(status),
                     escape_html(status.empty() ? "unknown" : status));
}

}  // namespace

std::string actions_table(const ExperimentView& e) {
  if (e.actions.empty()) {
    return "<p class=\"note\">This experiment has no actions.</p>";
  }
  std::string out =
      "<table><thead><tr><th>Action</th><th>Action ID</th><th>Status</th><th>Started (UTC)</th>"
      "<th>Ended (UTC)</th><th>Duration</th><th>Reason</th></tr></thead><tbody>";
  for (const ActionView& a : e.actions) {
    std::string duration = a.start && a.end ? human_duration(*a.end - *a.start) : "–";
    out += "<tr>" + cell(a.name) + "<td><code>" + escape_html(a.action_id) + "</code></td>" +
           status_cell(a.status) + time_cell(a.start) + time_cell(a.end) + cell(duration) +
           cell(a.reason) + "</tr>";
  }
  return out + "</tbody></table>";
}

std::string alarms_table(const ExperimentView& e, const std::vector<AlarmMark>& input) {
  if (input.empty()) {
    return "<p class=\"note\">No alarm changed state.</p>";
  }
  std::vector<AlarmMark> alarms = input;
  std::stable_sort(alarms.begin(), alarms.end(),
                   [](const AlarmMark& a, const AlarmMark& b) { return a.at < b.at; });
  std::string out = "<table><thead><tr><th>Time (UTC)</th><th>Alarm</th><th>Change</th>"
                    "<th>Stop condition</th><th>Reason</th></tr></thead><tbody>";
  for (const AlarmMark& mark : alarms) {
    bool stop = std::find(e.stop_alarm_names.begin(), e.stop_alarm_names.end(), mark.alarm_name) !=
                e.stop_alarm_names.end();
    out += "<tr>" + time_cell(mark.at) + cell(mark.alarm_name) +
           fmt::format("<td>{} → <span class=\"pill {}\">{}</span></td>", escape_html(mark.from),
                       alarm_class(mark.to), escape_html(mark.to)) +
           cell(stop ? "yes" : "no") + cell(mark.reason) + "</tr>";
  }
  return out + "</tbody></table>";
}

std::string zone_capacity_table(const std::vector<ZoneCapacity>& zones) {
  if (zones.empty()) {
    return "<p class=\"note\">No instances ran in the window.</p>";
  }
  std::string out =
      "<table><thead><tr><th>Zone</th><th>Running at start</th><th>Lowest</th><th>Running at "
      "end</th><th>Launches</th><th>Launches refused</th><th>Terminations</th></tr></thead><tbody>";
  for (const ZoneCapacity& z : zones) {
    out += "<tr>" + cell(z.availability_zone) +
           fmt::format("<td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>",
                       z.running_at_start, z.min_running, z.running_at_end, z.launches,
                       z.launches_refused, z.terminations) +
           "</tr>";
  }
  return out + "</tbody></table>";
}

std::string scaling_table(const std::vector<ScalingEvent>& events) {
  if (events.empty()) {
    return "<p class=\"note\">No auto-scaling group acted in the window.</p>";
  }
  std::string out = "<table><thead><tr><th>Time (UTC)</th><th>Group</th><th>Zone</th>"
                    "<th>Status</th><th>Activity</th></tr></thead><tbody>";
  for (const ScalingEvent& e : events) {
    out +=
        "<tr>" + time_cell(e.at) + cell(e.group) + cell(e.availability_zone) +
        fmt::format("<td><span class=\"pill {}\">{}</span></td>",
                    e.failed ? "st-failed" : "st-completed", e.failed ? "Failed" : "Successful") +
        cell(e.description) + "</tr>";
  }
  return out + "</tbody></table>";
}

std::string targets_table(const json& resolved) {
  auto rows = read_resolved_targets(resolved);
  if (rows.empty()) {
    return "<p class=\"note\">No resources were resolved as targets.</p>";
  }
  std::string out =
      "<table><thead><tr><th>Target</th><th>Resource type</th><th>Resource</th><th>ARN</th>"
      "</tr></thead><tbody>";
  for (const ResolvedRow& row : rows) {
    out += "<tr>" + cell(row.target_name) + "<td><code>" + escape_html(row.resource_type) +
           "</code></td>" + cell(row.resource_id) + "<td class=\"arn\"><code>" +
           escape_html(row.arn) + "</code></td></tr>";
  }
  return out + "</tbody></table>";
}

std::string log_table(const std::vector<json>& log) {
  if (log.empty()) {
    return "<p class=\"note\">The experiment log is empty.</p>";
  }
  std::string out =
      "<table class=\"log\"><thead><tr><th>Time (UTC)</th><th>Type</th><th>Details</th></tr>"
      "</thead><tbody>";
  for (const json& record : log) {
    auto details = record.is_object() && record.contains("details") ? record["details"] : json();
    // replace: a log with invalid UTF-8 still renders instead of throwing.
    std::string text = details.is_null() ? "" : json_text(details);
    out += "<tr>" + cell(string_member(record, "event_timestamp")) + "<td><code>" +
           escape_html(string_member(record, "log_type")) + "</code></td><td><code>" +
           escape_html(text) + "</code></td></tr>";
  }
  return out + "</tbody></table>";
}

}  // namespace faultbox::report
