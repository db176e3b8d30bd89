#include "fis/experiment_record.h"

#include "fis/reasons.h"

namespace faultbox::fis {

using nlohmann::json;

namespace {

json millis(const std::optional<TimePoint>& t) {
  return t ? json(t->time_since_epoch().count()) : json();
}

std::optional<TimePoint> time_member(const json& j, const char* key) {
  if (!j.contains(key) || j[key].is_null()) {
    return std::nullopt;
  }
  return TimePoint(Duration(j[key].get<Duration::rep>()));
}

template <typename Enum, std::size_t N>
Result<Enum> parse_status(const std::string& word) {
  for (std::size_t i = 0; i < N; ++i) {
    if (to_string(static_cast<Enum>(i)) == word) {
      return static_cast<Enum>(i);
    }
  }
  return errors::internal("saved experiment has an unknown status \"" + word + "\"");
}

json resolved_record(const std::map<std::string, ResolvedTarget>& targets) {
  json out = json::object();
  for (const auto& [name, t] : targets) {
    json resources = json::array();
    for (const auto& r : t.resources) {
      resources.push_back({{"type", r.resource_type}, {"arn", r.arn}, {"id", r.id}});
    }
    out[name] = {{"type", t.resource_type}, {"by_arns", t.by_arns}, {"resources", resources}};
  }
  return out;
}

std::map<std::string, ResolvedTarget> resolved_from(const json& j) {
  std::map<std::string, ResolvedTarget> out;
  for (const auto& [name, t] : j.items()) {
    ResolvedTarget target{name, t.at("type"), {}, t.value("by_arns", false)};
    for (const auto& r : t.at("resources")) {
      target.resources.push_back({r.at("type"), r.at("arn"), r.at("id")});
    }
    out.emplace(name, std::move(target));
  }
  return out;
}

// An experiment saved while active carries on in the new lab process: one not yet running
// starts over (nothing was applied), running and stopping actions are rebuilt by the runner.
void mark_for_resumption(Experiment& e, TimePoint now) {
  if (e.status == ExperimentStatus::Pending) {
    e.status = ExperimentStatus::Initiating;
  }
  std::vector<std::string> resumed;
  for (auto& [name, a] : e.actions) {
    if (a.status == ActionStatus::Running || a.status == ActionStatus::Initiating ||
        a.status == ActionStatus::Stopping) {
      a.resume_after_restart = true;
      resumed.push_back(name);
    }
  }
  e.add_log(now, std::string(reasons::kLogExperimentResume),
            {{"experiment_state", {{"status", to_string(e.status)}}}, {"actions", resumed}});
}

}  // namespace

json experiment_record(const Experiment& e) {
  json actions = json::object();
  for (const auto& [name, a] : e.actions) {
    actions[name] = {{"status", to_string(a.status)},
                     {"reason", a.reason},
                     {"start_ms", millis(a.start_time)},
                     {"end_ms", millis(a.end_time)}};
  }
  json log = json::array();
  for (const auto& record : e.log) {
    log.push_back({{"at_ms", record.at.time_since_epoch().count()},
                   {"type", record.log_type},
                   {"details", record.details}});
  }
  return {{"id", e.id},
          {"arn", e.arn},
          {"template", to_json(e.definition)},
          {"status", to_string(e.status)},
          {"reason", e.reason},
          {"stop_reason", e.stop_reason},
          {"error_code", e.error_code ? json(*e.error_code) : json()},
          {"error_location", e.error_location ? json(*e.error_location) : json()},
          {"actions", actions},
          {"resolved", resolved_record(e.resolved_targets)},
          {"seed", std::to_string(e.seed)},
          {"actions_mode", e.actions_mode},
          {"client_token", e.client_token},
          {"tags", e.tags},
          {"creation_ms", e.creation_time.time_since_epoch().count()},
          {"start_ms", millis(e.start_time)},
          {"end_ms", millis(e.end_time)},
          {"log", log}};
}

Result<ExperimentTemplate> template_from_saved(const json& saved) {
  json input = saved;
  for (const char* output_only :
       {"id", "arn", "creationTime", "lastUpdateTime", "targetAccountConfigurationsCount"}) {
    input.erase(output_only);
  }
  FAULTBOX_TRY(t, parse_create_template(input));
  t.id = saved.value("id", "");
  t.arn = saved.value("arn", "");
  auto at = [&saved](const char* key) {
    return TimePoint(Duration(static_cast<Duration::rep>(saved.value(key, 0.0) * 1000)));
  };
  t.creation_time = at("creationTime");
  t.last_update_time = at("lastUpdateTime");
  return t;
}

Result<Experiment> experiment_from_record(const json& record, TimePoint now) {
  try {
    Experiment e;
    e.id = record.at("id");
    e.arn = record.at("arn");
    FAULTBOX_TRY(definition, template_from_saved(record.at("template")));
    e.definition = std::move(definition);
    FAULTBOX_TRY(status, (parse_status<ExperimentStatus, 8>(record.at("status"))));
    e.status = status;
    e.reason = record.value("reason", "");
    e.stop_reason = record.value("stop_reason", "");
    if (record.contains("error_code") && record["error_code"].is_string()) {
      e.error_code = record["error_code"].get<std::string>();
    }
    if (record.contains("error_location") && record["error_location"].is_string()) {
      e.error_location = record["error_location"].get<std::string>();
    }
    for (const auto& [name, definition_action] : e.definition.actions) {
      ExperimentAction a;
      a.definition = definition_action;
      if (record.at("actions").contains(name)) {
        const auto& saved = record["actions"][name];
        FAULTBOX_TRY(action_status, (parse_status<ActionStatus, 9>(saved.at("status"))));
        a.status = action_status;
        a.reason = saved.value("reason", "");
        a.start_time = time_member(saved, "start_ms");
        a.end_time = time_member(saved, "end_ms");
      }
      e.actions.emplace(name, std::move(a));
    }
    e.resolved_targets = resolved_from(record.at("resolved"));
    e.seed = std::stoull(record.at("seed").get<std::string>());
    e.actions_mode = record.value("actions_mode", "run-all");
    e.client_token = record.value("client_token", "");
    e.tags = record.value("tags", StringMap{});
    e.creation_time = TimePoint(Duration(record.at("creation_ms").get<Duration::rep>()));
    e.start_time = time_member(record, "start_ms");
    e.end_time = time_member(record, "end_ms");
    for (const auto& saved : record.at("log")) {
      e.add_log(TimePoint(Duration(saved.at("at_ms").get<Duration::rep>())), saved.at("type"),
                saved.value("details", json::object()));
    }
    if (!e.terminal()) {
      mark_for_resumption(e, now);
    }
    return e;
  } catch (const std::exception& ex) {
    return errors::internal(std::string("a saved experiment is not readable: ") + ex.what());
  }
}

}  // namespace faultbox::fis
