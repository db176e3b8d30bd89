// aws_fis_experiment_template: the Terraform AWS provider's blocks (action, target,
// stop_condition, log_configuration, experiment_options) turned into FIS's
// CreateExperimentTemplate JSON, then created through the same FIS service as the CLI and API.
#include "cloud/fis_service.h"
#include "cloud/region_services.h"
#include "cloud/resource_handler.h"

namespace faultbox::cloud::resources {

namespace {
using nlohmann::json;

// `block { key = K  value = V }` repeated, as a JSON object {K: V}.
Result<json> key_values(const ValueReader& r, const std::string& block) {
  json out = json::object();
  for (const auto& kv : r.blocks(block)) {
    FAULTBOX_TRY(key, kv.required_string("key"));
    FAULTBOX_TRY(value, kv.string("value"));
    out[key] = value;
  }
  return out;
}

Result<json> action_json(const ValueReader& a) {
  FAULTBOX_TRY(action_id, a.required_string("action_id"));
  FAULTBOX_TRY(description, a.string("description"));
  FAULTBOX_TRY(parameters, key_values(a, "parameter"));
  FAULTBOX_TRY(targets, key_values(a, "target"));
  FAULTBOX_TRY(start_after, a.strings("start_after"));
  json j = {{"actionId", action_id}, {"parameters", parameters}, {"targets", targets}};
  if (!description.empty()) {
    j["description"] = description;
  }
  if (!start_after.empty()) {
    j["startAfter"] = start_after;
  }
  return j;
}

Result<json> target_json(const ValueReader& t) {
  FAULTBOX_TRY(resource_type, t.required_string("resource_type"));
  FAULTBOX_TRY(selection_mode, t.required_string("selection_mode"));
  FAULTBOX_TRY(arns, t.strings("resource_arns"));
  FAULTBOX_TRY(tags, key_values(t, "resource_tag"));
  FAULTBOX_TRY(parameters, t.string_map("parameters"));
  json j = {{"resourceType", resource_type}, {"selectionMode", selection_mode}};
  if (!arns.empty()) {
    j["resourceArns"] = arns;
  }
  if (!tags.empty()) {
    j["resourceTags"] = tags;
  }
  if (!parameters.empty()) {
    j["parameters"] = parameters;
  }
  json filters = json::array();
  for (const auto& f : t.blocks("filter")) {
    FAULTBOX_TRY(path, f.required_string("path"));
    FAULTBOX_TRY(values, f.strings("values"));
    filters.push_back({{"path", path}, {"values", values}});
  }
  if (!filters.empty()) {
    j["filters"] = filters;
  }
  return j;
}

Result<json> log_configuration_json(const ValueReader& l) {
  FAULTBOX_TRY(version, l.integer("log_schema_version", 2));
  json j = {{"logSchemaVersion", version}};
  for (const auto& cw : l.blocks("cloudwatch_logs_configuration")) {
    FAULTBOX_TRY(arn, cw.required_string("log_group_arn"));
    j["cloudWatchLogsConfiguration"] = {{"logGroupArn", arn}};
  }
  for (const auto& s3 : l.blocks("s3_configuration")) {
    FAULTBOX_TRY(bucket, s3.required_string("bucket_name"));
    FAULTBOX_TRY(prefix, s3.string("prefix"));
    j["s3Configuration"] = {{"bucketName", bucket}};
    if (!prefix.empty()) {
      j["s3Configuration"]["prefix"] = prefix;
    }
  }
  return j;
}

// Each named block (action, target) becomes one member of an object keyed by its `name`.
template <typename Convert>
Result<json> named_blocks(const ValueReader& r, const std::string& block, Convert convert) {
  json out = json::object();
  for (const auto& b : r.blocks(block)) {
    FAULTBOX_TRY(name, b.required_string("name"));
    FAULTBOX_TRY(body, convert(b));
    out[name] = std::move(body);
  }
  return out;
}

// CreateExperimentTemplate's body (without clientToken) from the resource's configuration.
Result<json> create_body(const ValueReader& r) {
  FAULTBOX_TRY(description, r.required_string("description"));
  FAULTBOX_TRY(role_arn, r.required_string("role_arn"));
  FAULTBOX_TRY(actions, named_blocks(r, "action", action_json));
  FAULTBOX_TRY(targets, named_blocks(r, "target", target_json));
  FAULTBOX_TRY(tags, r.string_map("tags"));
  json stop = json::array();
  for (const auto& s : r.blocks("stop_condition")) {
    FAULTBOX_TRY(source, s.required_string("source"));
    FAULTBOX_TRY(value, s.string("value"));
    json condition = {{"source", source}};
    if (!value.empty()) {
      condition["value"] = value;
    }
    stop.push_back(std::move(condition));
  }
  json body = {{"description", description}, {"roleArn", role_arn},    {"actions", actions},
               {"targets", targets},         {"stopConditions", stop}, {"tags", tags}};
  for (const auto& l : r.blocks("log_configuration")) {
    FAULTBOX_TRY(log, log_configuration_json(l));
    body["logConfiguration"] = std::move(log);
  }
  for (const auto& o : r.blocks("experiment_options")) {
    FAULTBOX_TRY(targeting, o.string("account_targeting", "single-account"));
    FAULTBOX_TRY(empty, o.string("empty_target_resolution_mode", "fail"));
    body["experimentOptions"] = {{"accountTargeting", targeting},
                                 {"emptyTargetResolutionMode", empty}};
  }
  return body;
}

// UpdateExperimentTemplate takes the same sections except tags and account targeting.
json update_body(json body) {
  body.erase("tags");
  if (body.contains("experimentOptions")) {
    body["experimentOptions"].erase("accountTargeting");
  }
  if (!body.contains("logConfiguration")) {
    body["logConfiguration"] = json::object();  // a removed block turns logging off
  }
  return body;
}

expr::Value state_of(const stack::ResourceChange& c, const json& created) {
  const auto& t = created.at("experimentTemplate");
  return with_computed(c.config, {{"id", expr::Value::string(t.at("id"))},
                                  {"arn", expr::Value::string(t.at("arn"))}});
}

Result<expr::Value> create(Cloud& cloud, const stack::ResourceChange& c) {
  FAULTBOX_TRY(body, create_body(ValueReader(c.config, c.address)));
  FAULTBOX_TRY(created, fis_service::create_template(cloud, c.region, body));
  return state_of(c, created);
}

Result<expr::Value> update(Cloud& cloud, const stack::ResourceChange& c) {
  auto id = state_string(c.state, "id");
  if (id.empty() || !cloud.region(c.region).templates.contains(id)) {
    return create(cloud, c);  // deleted outside the stack: made again, as Terraform would
  }
  FAULTBOX_TRY(body, create_body(ValueReader(c.config, c.address)));
  auto tags = body.value("tags", json::object());
  FAULTBOX_TRY(updated, fis_service::update_template(cloud, c.region, id, update_body(body)));
  // Tags change through TagResource on AWS; the stored template takes them directly here.
  cloud.region(c.region).templates.at(id).tags = tags.get<fis::StringMap>();
  return state_of(c, updated);
}
}  // namespace

ResourceHandler aws_fis_experiment_template() {
  return {
      .type = "aws_fis_experiment_template",
      .modelled = {"description", "role_arn", "action", "target", "stop_condition", "tags",
                   "log_configuration", "experiment_options"},
      .computed = {"id", "arn"},
      .validate = [](const Cloud&, const ValueReader& r) -> Result<void> {
        // Roles and alarms may be made by the same apply: only the shape is checked before it.
        if (!r.value().is_wholly_known()) {
          return {};
        }
        FAULTBOX_TRY(body, create_body(r));
        FAULTBOX_TRY(parsed, fis::parse_create_template(body));
        (void)parsed;
        return {};
      },
      .create = create,
      .update = update,
      .destroy = [](Cloud& cloud, const stack::ResourceChange& c) -> Result<void> {
        auto done = fis_service::delete_template(cloud, c.region, state_string(c.state, "id"));
        if (!done && done.error().code != "ResourceNotFoundException") {
          return done.error();
        }
        return {};
      },
      .still_there = [](Cloud& cloud, const stack::ResourceChange& c) -> bool {
        return cloud.region(c.region).templates.contains(state_string(c.state, "id"));
      },
  };
}

}  // namespace faultbox::cloud::resources
