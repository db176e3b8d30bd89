#include "cloud/fis_service.h"

#include "cloud/experiment_logs.h"
#include "cloud/region_services.h"
#include "core/arn.h"
#include "core/json_text.h"
#include "fis/experiment.h"
#include "fis/template_validator.h"

namespace faultbox::cloud::fis_service {

namespace {
using StringMapTags = fis::StringMap;

Error template_not_found(const std::string& id) {
  return errors::not_found("Experiment template " + id + " not found.");
}

Result<void> validate(Cloud& cloud, const std::string& region, const fis::ExperimentTemplate& t) {
  auto& r = cloud.region(region);
  FAULTBOX_TRY_VOID(fis::TemplateValidator(fis::builtin_actions(), &r.fis_env, &r.fis_env,
                                           fis::ValidationScope{region, cloud.options().account_id})
                        .validate(t));
  return check_log_destination(r, t);
}

json summary(const fis::ExperimentTemplate& t) {
  auto full = fis::to_json(t);
  json out = json::object();
  for (const char* key : {"id", "arn", "description", "creationTime", "lastUpdateTime", "tags"}) {
    if (full.contains(key)) {
      out[key] = full[key];
    }
  }
  return out;
}
}  // namespace

Result<json> create_template(Cloud& cloud, const std::string& region, const json& body) {
  auto& r = cloud.region(region);
  FAULTBOX_TRY(t, fis::parse_create_template(body));
  FAULTBOX_TRY_VOID(validate(cloud, region, t));
  t.id = fis::make_id("EXT", r.template_ids);
  t.arn = arn::fis_template(region, cloud.options().account_id, t.id);
  t.creation_time = t.last_update_time = cloud.clock().now();
  auto& stored = r.templates[t.id] = std::move(t);
  return json{{"experimentTemplate", fis::to_json(stored)}};
}

Result<json> get_template(Cloud& cloud, const std::string& region, const std::string& id) {
  auto& r = cloud.region(region);
  auto it = r.templates.find(id);
  if (it == r.templates.end()) {
    return template_not_found(id);
  }
  return json{{"experimentTemplate", fis::to_json(it->second)}};
}

Result<json> update_template(Cloud& cloud, const std::string& region, const std::string& id,
                             const json& body) {
  auto& r = cloud.region(region);
  auto it = r.templates.find(id);
  if (it == r.templates.end()) {
    return template_not_found(id);
  }
  FAULTBOX_TRY(update, fis::parse_template_update(body));
  auto updated = fis::apply_update(it->second, update, cloud.clock().now());
  FAULTBOX_TRY_VOID(validate(cloud, region, updated));
  it->second = std::move(updated);
  return json{{"experimentTemplate", fis::to_json(it->second)}};
}

Result<json> delete_template(Cloud& cloud, const std::string& region, const std::string& id) {
  auto& r = cloud.region(region);
  auto it = r.templates.find(id);
  if (it == r.templates.end()) {
    return template_not_found(id);
  }
  auto out = json{{"experimentTemplate", fis::to_json(it->second)}};
  r.templates.erase(it);
  return out;
}

json list_templates(Cloud& cloud, const std::string& region) {
  json list = json::array();
  for (const auto& [id, t] : cloud.region(region).templates) {
    list.push_back(summary(t));
  }
  return {{"experimentTemplates", list}};
}

Result<json> start_experiment(Cloud& cloud, const std::string& region, const json& body,
                              std::optional<std::uint64_t> seed) {
  auto& r = cloud.region(region);
  if (!body.is_object() || !body.contains("experimentTemplateId") ||
      !body["experimentTemplateId"].is_string()) {
    return errors::validation("experimentTemplateId is required");
  }
  auto id = body["experimentTemplateId"].get<std::string>();
  auto it = r.templates.find(id);
  if (it == r.templates.end()) {
    return template_not_found(id);
  }
  fis::StartOptions options;
  options.seed = seed;
  // Idempotency, as FIS keeps it: a repeated clientToken (botocore fills one in, and resends it
  // when it retries) returns the experiment the first call started.
  if (body.contains("clientToken") && body["clientToken"].is_string()) {
    options.client_token = body["clientToken"].get<std::string>();
    for (const auto* e : r.runner.list()) {
      if (!options.client_token.empty() && e->client_token == options.client_token) {
        return json{{"experiment", fis::to_json(*e)}};
      }
    }
  }
  if (body.contains("tags") && body["tags"].is_object()) {
    for (const auto& [k, v] : body["tags"].items()) {
      options.tags[k] = v.is_string() ? v.get<std::string>() : json_text(v);
    }
  }
  if (body.contains("experimentOptions") && body["experimentOptions"].is_object() &&
      body["experimentOptions"].contains("actionsMode")) {
    const auto& mode = body["experimentOptions"]["actionsMode"];
    if (!mode.is_string() || (mode != "run-all" && mode != "skip-all")) {
      return errors::validation("experimentOptions.actionsMode must be run-all or skip-all");
    }
    options.actions_mode = mode.get<std::string>();
  }
  FAULTBOX_TRY_VOID(check_log_destination(r, it->second));
  FAULTBOX_TRY(experiment, r.runner.start(it->second, options, cloud.clock().now()));
  return json{{"experiment", fis::to_json(*experiment)}};
}

Result<json> get_experiment(Cloud& cloud, const std::string& region, const std::string& id) {
  const auto* e = cloud.region(region).runner.find(id);
  if (!e) {
    return errors::not_found("Experiment " + id + " not found.");
  }
  auto out = json{{"experiment", fis::to_json(*e)}};
  out["resolvedTargets"] = fis::resolved_targets_json(*e);
  out["seed"] = e->seed;  // the target-selection seed: `experiments start --seed` replays it
  auto log = json::array();
  for (const auto& record : e->log) {
    log.push_back(fis::log_record_json(*e, record));
  }
  out["log"] = log;
  return out;
}

Result<json> stop_experiment(Cloud& cloud, const std::string& region, const std::string& id) {
  FAULTBOX_TRY(e, cloud.region(region).runner.stop(id, cloud.clock().now()));
  return json{{"experiment", fis::to_json(*e)}};
}

namespace {
Result<void> check_lever_id(const std::string& id) {
  if (id != fis::kSafetyLeverId) {
    return errors::not_found("Safety lever " + id + " not found.");
  }
  return {};
}
json lever_json(Cloud& cloud, const std::string& region) {
  return json{{"safetyLever", fis::to_json(cloud.region(region).runner.safety_lever(),
                                           arn::fis_safety_lever(region, cloud.options().account_id,
                                                                 fis::kSafetyLeverId))}};
}
}  // namespace

Result<json> get_safety_lever(Cloud& cloud, const std::string& region, const std::string& id) {
  FAULTBOX_TRY_VOID(check_lever_id(id));
  return lever_json(cloud, region);
}

Result<json> update_safety_lever_state(Cloud& cloud, const std::string& region,
                                       const std::string& id, const json& body) {
  FAULTBOX_TRY_VOID(check_lever_id(id));
  const json* state = body.is_object() && body.contains("state") ? &body["state"] : nullptr;
  if (!state || !state->is_object() || !state->contains("status") ||
      !(*state)["status"].is_string()) {
    return errors::validation("state.status is required: engaged or disengaged");
  }
  const auto status = (*state)["status"].get<std::string>();
  if (status != "engaged" && status != "disengaged") {
    return errors::validation("Invalid state.status \"" + status +
                              "\": expected engaged or disengaged");
  }
  const auto reason = state->contains("reason") && (*state)["reason"].is_string()
                          ? (*state)["reason"].get<std::string>()
                          : std::string();
  FAULTBOX_TRY_VOID(cloud.region(region).runner.set_safety_lever(status == "engaged", reason,
                                                                 cloud.clock().now()));
  return lever_json(cloud, region);
}

json list_experiments(Cloud& cloud, const std::string& region) {
  json list = json::array();
  for (const auto* e : cloud.region(region).runner.list()) {
    auto full = fis::to_json(*e);
    json item = json::object();
    for (const char* key : {"id", "arn", "experimentTemplateId", "state", "creationTime",
                            "startTime", "endTime", "tags", "experimentOptions"}) {
      if (full.contains(key)) {
        item[key] = full[key];
      }
    }
    list.push_back(item);
  }
  return {{"experiments", list}};
}

namespace {
struct FisArn {
  std::string region;
  std::string kind;  // "experiment-template" or "experiment"
  std::string id;
};

Result<FisArn> parse_fis_arn(const std::string& text) {
  auto arn = parse_arn(text);
  auto slash = arn ? arn->resource.find('/') : std::string::npos;
  if (!arn || arn->service != "fis" || slash == std::string::npos) {
    return errors::validation("Invalid resource ARN: " + text);
  }
  return FisArn{arn->region, arn->resource.substr(0, slash), arn->resource.substr(slash + 1)};
}

// The tags now, and a way to store new ones.
Result<StringMapTags> current_tags(Cloud& cloud, const FisArn& a) {
  auto& r = cloud.region(a.region);
  if (a.kind == "experiment-template") {
    auto it = r.templates.find(a.id);
    if (it == r.templates.end()) {
      return template_not_found(a.id);
    }
    return it->second.tags;
  }
  if (a.kind == "experiment") {
    if (const auto* e = r.runner.find(a.id)) {
      return e->tags;
    }
    return errors::not_found("Experiment " + a.id + " not found.");
  }
  return errors::not_found("No FIS resource of type " + a.kind);
}

Result<void> store_tags(Cloud& cloud, const FisArn& a, StringMapTags tags) {
  auto& r = cloud.region(a.region);
  if (a.kind == "experiment-template") {
    r.templates.at(a.id).tags = std::move(tags);
    return {};
  }
  return r.runner.set_tags(a.id, std::move(tags));
}
}  // namespace

Result<json> list_tags(Cloud& cloud, const std::string& arn) {
  FAULTBOX_TRY(a, parse_fis_arn(arn));
  FAULTBOX_TRY(tags, current_tags(cloud, a));
  return json{{"tags", tags}};
}

Result<void> tag_resource(Cloud& cloud, const std::string& arn, const json& tags) {
  FAULTBOX_TRY(a, parse_fis_arn(arn));
  FAULTBOX_TRY(current, current_tags(cloud, a));
  if (!tags.is_object()) {
    return errors::validation("tags must be a map of strings");
  }
  for (const auto& [k, v] : tags.items()) {
    if (!v.is_string()) {
      return errors::validation("tags." + k + " must be a string");
    }
    current[k] = v.get<std::string>();
  }
  return store_tags(cloud, a, std::move(current));
}

Result<void> untag_resource(Cloud& cloud, const std::string& arn,
                            const std::vector<std::string>& keys) {
  FAULTBOX_TRY(a, parse_fis_arn(arn));
  FAULTBOX_TRY(current, current_tags(cloud, a));
  for (const auto& k : keys) {
    current.erase(k);
  }
  return store_tags(cloud, a, std::move(current));
}

}  // namespace faultbox::cloud::fis_service
