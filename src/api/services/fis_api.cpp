// FIS (rest-json, 2020-12-01): the model's routes over cloud/fis_service, the same logic the
// lab's own /_faultbox routes use. Multi-account (target account configurations) is listed so
// it answers NotImplemented by name.
#include <fmt/format.h>

#include <set>

#include "api/protocol.h"
#include "api/rest_json_service.h"
#include "api/services/all_services.h"
#include "api/services/fis_paging.h"
#include "cloud/fis_service.h"
#include "cloud/region_services.h"
#include "fis/action_registry.h"

namespace faultbox::api {

namespace {
using nlohmann::json;
namespace svc = cloud::fis_service;

Result<json> create_template(Call& call, const PathLabels&, const json& body) {
  // Idempotency: a repeated clientToken returns the template it created.
  if (body.contains("clientToken") && body["clientToken"].is_string()) {
    auto token = body["clientToken"].get<std::string>();
    for (const auto& [id, t] : call.cloud.region(call.region).templates) {
      if (!token.empty() && t.client_token == token) {
        return svc::get_template(call.cloud, call.region, id);
      }
    }
  }
  return svc::create_template(call.cloud, call.region, body);
}

Result<json> list_templates(Call& call, const PathLabels&, const json&) {
  auto all = svc::list_templates(call.cloud, call.region);
  return fis_page(all["experimentTemplates"], "experimentTemplates", call.params, 100);
}

Result<json> get_template(Call& call, const PathLabels& p, const json&) {
  return svc::get_template(call.cloud, call.region, p.at("id"));
}

Result<json> update_template(Call& call, const PathLabels& p, const json& body) {
  return svc::update_template(call.cloud, call.region, p.at("id"), body);
}

Result<json> delete_template(Call& call, const PathLabels& p, const json&) {
  return svc::delete_template(call.cloud, call.region, p.at("id"));
}

Result<json> start_experiment(Call& call, const PathLabels&, const json& body) {
  // A repeated clientToken returns the experiment it started (fis_service::start_experiment).
  return svc::start_experiment(call.cloud, call.region, body, std::nullopt);
}

Result<json> list_experiments(Call& call, const PathLabels&, const json&) {
  auto template_id = call.params.get("experimentTemplateId");
  auto all = svc::list_experiments(call.cloud, call.region);
  json kept = json::array();
  for (auto e : all["experiments"]) {
    if (!template_id || e.value("experimentTemplateId", "") == *template_id) {
      // ExperimentSummary has no start and end times (the lab's own list shows them).
      e.erase("startTime");
      e.erase("endTime");
      kept.push_back(std::move(e));
    }
  }
  return fis_page(kept, "experiments", call.params, 100);
}

Result<json> get_experiment(Call& call, const PathLabels& p, const json&) {
  FAULTBOX_TRY(full, svc::get_experiment(call.cloud, call.region, p.at("id")));
  return json{{"experiment", full["experiment"]}};  // the lab's extras (log) stay in its own API
}

Result<json> stop_experiment(Call& call, const PathLabels& p, const json&) {
  return svc::stop_experiment(call.cloud, call.region, p.at("id"));
}

Result<json> list_resolved_targets(Call& call, const PathLabels& p, const json&) {
  const auto* e = call.cloud.region(call.region).runner.find(p.at("id"));
  if (!e) {
    return errors::not_found("Experiment " + p.at("id") + " not found.");
  }
  auto targets = fis::resolved_targets_json(*e, call.params.get_or("targetName", ""));
  return fis_page(targets, "resolvedTargets", call.params, 100);
}

Result<json> list_actions(Call& call, const PathLabels&, const json&) {
  auto all = fis::builtin_actions().list_actions_json(call.region);
  return fis_page(all["actions"], "actions", call.params, 100);
}

Result<json> get_action(Call& call, const PathLabels& p, const json&) {
  return fis::builtin_actions().get_action_json(p.at("id"), call.region);
}

// The resource types the lab's actions target, with what FIS says of them.
std::map<std::string, std::string> target_resource_types() {
  static const std::map<std::string, std::string> kDescriptions = {
      {"aws:ec2:instance", "Amazon EC2 instances, selected by ARN, tags and filters."}};
  std::map<std::string, std::string> out;
  for (const auto& [id, spec] : fis::builtin_actions().all()) {
    for (const auto& [key, type] : spec.targets) {
      auto d = kDescriptions.find(type);
      out[type] = d == kDescriptions.end() ? type : d->second;
    }
  }
  return out;
}

Result<json> list_target_resource_types(Call& call, const PathLabels&, const json&) {
  json list = json::array();
  for (const auto& [type, description] : target_resource_types()) {
    list.push_back({{"resourceType", type}, {"description", description}});
  }
  return fis_page(list, "targetResourceTypes", call.params, 100);
}

Result<json> get_target_resource_type(Call&, const PathLabels& p, const json&) {
  auto types = target_resource_types();
  auto it = types.find(p.at("resourceType"));
  if (it == types.end()) {
    return errors::not_found("Target resource type " + p.at("resourceType") + " not found.");
  }
  return json{
      {"targetResourceType",
       {{"resourceType", it->first}, {"description", it->second}, {"parameters", json::object()}}}};
}

Result<json> list_tags(Call& call, const PathLabels& p, const json&) {
  return svc::list_tags(call.cloud, p.at("resourceArn"));
}

Result<json> tag_resource(Call& call, const PathLabels& p, const json& body) {
  if (!body.contains("tags")) {
    return errors::validation("tags is required");
  }
  FAULTBOX_TRY_VOID(svc::tag_resource(call.cloud, p.at("resourceArn"), body["tags"]));
  return json::object();
}

Result<json> get_safety_lever(Call& call, const PathLabels& p, const json&) {
  return svc::get_safety_lever(call.cloud, call.region, p.at("id"));
}

Result<json> update_safety_lever(Call& call, const PathLabels& p, const json& body) {
  return svc::update_safety_lever_state(call.cloud, call.region, p.at("id"), body);
}

Result<json> untag_resource(Call& call, const PathLabels& p, const json&) {
  FAULTBOX_TRY_VOID(
      svc::untag_resource(call.cloud, p.at("resourceArn"), call.params.all("tagKeys")));
  return json::object();
}
}  // namespace

const Service& fis_api() {
  static const RestJsonService s(
      {"fis", "FIS", {"fis"}, Protocol::RestJson, "2020-12-01", "", ""},
      {
          {"POST", "/experimentTemplates", "CreateExperimentTemplate", create_template},
          {"GET", "/experimentTemplates", "ListExperimentTemplates", list_templates},
          {"GET", "/experimentTemplates/{id}", "GetExperimentTemplate", get_template},
          {"PATCH", "/experimentTemplates/{id}", "UpdateExperimentTemplate", update_template},
          {"DELETE", "/experimentTemplates/{id}", "DeleteExperimentTemplate", delete_template},
          {"POST", "/experiments", "StartExperiment", start_experiment},
          {"GET", "/experiments", "ListExperiments", list_experiments},
          {"GET", "/experiments/{id}", "GetExperiment", get_experiment},
          {"DELETE", "/experiments/{id}", "StopExperiment", stop_experiment},
          {"GET", "/experiments/{id}/resolvedTargets", "ListExperimentResolvedTargets",
           list_resolved_targets},
          {"GET", "/actions", "ListActions", list_actions},
          {"GET", "/actions/{id}", "GetAction", get_action},
          {"GET", "/targetResourceTypes", "ListTargetResourceTypes", list_target_resource_types},
          {"GET", "/targetResourceTypes/{resourceType}", "GetTargetResourceType",
           get_target_resource_type},
          {"GET", "/tags/{resourceArn}", "ListTagsForResource", list_tags},
          {"POST", "/tags/{resourceArn}", "TagResource", tag_resource},
          {"DELETE", "/tags/{resourceArn}", "UntagResource", untag_resource},
          // Multi-account experiments: not in the lab.
          {"POST", "/experimentTemplates/{id}/targetAccountConfigurations/{accountId}",
           "CreateTargetAccountConfiguration", nullptr},
          {"GET", "/experimentTemplates/{id}/targetAccountConfigurations/{accountId}",
           "GetTargetAccountConfiguration", nullptr},
          {"PATCH", "/experimentTemplates/{id}/targetAccountConfigurations/{accountId}",
           "UpdateTargetAccountConfiguration", nullptr},
          {"DELETE", "/experimentTemplates/{id}/targetAccountConfigurations/{accountId}",
           "DeleteTargetAccountConfiguration", nullptr},
          {"GET", "/experimentTemplates/{id}/targetAccountConfigurations",
           "ListTargetAccountConfigurations", nullptr},
          {"GET", "/experiments/{id}/targetAccountConfigurations/{accountId}",
           "GetExperimentTargetAccountConfiguration", nullptr},
          {"GET", "/experiments/{id}/targetAccountConfigurations",
           "ListExperimentTargetAccountConfigurations", nullptr},
          {"GET", "/safetyLevers/{id}", "GetSafetyLever", get_safety_lever},
          {"PATCH", "/safetyLevers/{id}/state", "UpdateSafetyLeverState", update_safety_lever},
      });
  return s;
}

}  // namespace faultbox::api
