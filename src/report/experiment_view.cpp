// Reading GetExperiment's JSON into ExperimentView without trusting its types.
#include "report/experiment_view.h"

#include <algorithm>
#include <tuple>

#include "core/iso8601.h"
#include "report/time_text.h"

namespace faultbox::report {

using nlohmann::json;

namespace {

json member_or(const json& object, std::string_view key, json fallback) {
  const json& value = member(object, key);
  return value.type() == fallback.type() ? value : fallback;
}

ActionView read_action(const std::string& name, const json& a) {
  ActionView view;
  view.name = name;
  view.action_id = string_member(a, "actionId");
  view.description = string_member(a, "description");
  view.status = string_member(member(a, "state"), "status");
  view.reason = string_member(member(a, "state"), "reason");
  view.start = instant_from_json(member(a, "startTime"));
  view.end = instant_from_json(member(a, "endTime"));
  view.targets = member_or(a, "targets", json::object());
  view.start_after = member_or(a, "startAfter", json::array());
  view.parameters = member_or(a, "parameters", json::object());
  return view;
}

// "arn:aws:cloudwatch:eu-west-2:123456789012:alarm:web-5xx" names the alarm "web-5xx".
std::string alarm_name_from_arn(const std::string& arn) {
  auto pos = arn.find(":alarm:");
  return pos == std::string::npos ? arn : arn.substr(pos + 7);
}

bool starts_before(const ActionView& a, const ActionView& b) {
  if (a.start.has_value() != b.start.has_value()) {
    return a.start.has_value();
  }
  if (a.start && *a.start != *b.start) {
    return *a.start < *b.start;
  }
  return a.name < b.name;
}

}  // namespace

const nlohmann::json& member(const nlohmann::json& object, std::string_view key) {
  static const nlohmann::json kNull;
  if (!object.is_object()) {
    return kNull;
  }
  auto it = object.find(key);
  return it == object.end() ? kNull : *it;
}

std::string string_member(const json& object, std::string_view key) {
  const json& value = member(object, key);
  return value.is_string() ? value.get<std::string>() : std::string();
}

bool ExperimentView::terminal() const {
  return status == "completed" || status == "stopped" || status == "failed" ||
         status == "cancelled";
}

std::optional<Duration> ExperimentView::duration() const {
  if (!start || !end) {
    return std::nullopt;
  }
  return std::max(Duration(0), *end - *start);
}

int ExperimentView::count_actions(std::string_view wanted) const {
  return static_cast<int>(std::count_if(actions.begin(), actions.end(),
                                        [&](const ActionView& a) { return a.status == wanted; }));
}

ExperimentView read_experiment(const json& input) {
  const json& e = member(input, "id").is_null() && member(input, "experiment").is_object()
                      ? member(input, "experiment")
                      : input;
  ExperimentView view;
  view.id = string_member(e, "id");
  view.template_id = string_member(e, "experimentTemplateId");
  const json& state = member(e, "state");
  view.status = string_member(state, "status");
  view.reason = string_member(state, "reason");
  view.error_code = string_member(member(state, "error"), "code");
  view.error_location = string_member(member(state, "error"), "location");
  view.start = instant_from_json(member(e, "startTime"));
  view.end = instant_from_json(member(e, "endTime"));
  view.targets = member_or(e, "targets", json::object());
  view.stop_conditions = member_or(e, "stopConditions", json::array());
  for (const json& condition : view.stop_conditions) {
    if (string_member(condition, "source") == "aws:cloudwatch:alarm") {
      view.stop_alarm_names.push_back(alarm_name_from_arn(string_member(condition, "value")));
    }
  }
  const json& actions = member(e, "actions");
  if (actions.is_object()) {
    for (const auto& [name, a] : actions.items()) {
      view.actions.push_back(read_action(name, a));
    }
  }
  std::sort(view.actions.begin(), view.actions.end(), starts_before);
  return view;
}

std::vector<ResolvedRow> read_resolved_targets(const json& input) {
  const json& list = input.is_object() ? member(input, "resolvedTargets") : input;
  std::vector<ResolvedRow> rows;
  if (!list.is_array()) {
    return rows;
  }
  for (const json& entry : list) {
    ResolvedRow row{string_member(entry, "targetName"), string_member(entry, "resourceType"),
                    string_member(member(entry, "targetInformation"), "arn"), ""};
    auto slash = row.arn.rfind('/');
    row.resource_id = slash == std::string::npos ? row.arn : row.arn.substr(slash + 1);
    rows.push_back(std::move(row));
  }
  std::sort(rows.begin(), rows.end(), [](const ResolvedRow& a, const ResolvedRow& b) {
    return std::tie(a.target_name, a.arn) < std::tie(b.target_name, b.arn);
  });
  return rows;
}

}  // namespace faultbox::report
