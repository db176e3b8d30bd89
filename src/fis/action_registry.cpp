// ActionRegistry: lookups and the ListActions / GetAction JSON.
#include "fis/action_registry.h"

#include "core/arn.h"
#include "fis/wire.h"

namespace faultbox::fis {
namespace {

using nlohmann::json;

json targets_json(const ActionSpec& spec) {
  json out = json::object();
  for (const auto& [key, type] : spec.targets) {
    out[key] = {{wire::kResourceType, type}};
  }
  return out;
}

json summary_json(const ActionSpec& spec, std::string_view region) {
  json j = {{wire::kId, spec.id},
            {wire::kArn, arn::fis_action(region, spec.id)},
            {wire::kDescription, spec.description},
            {wire::kTags, json::object()}};
  if (!spec.targets.empty()) {
    j[wire::kTargets] = targets_json(spec);
  }
  return j;
}

}  // namespace

Result<void> ActionRegistry::add(ActionSpec spec) {
  if (specs_.count(spec.id) != 0) {
    return errors::conflict("action " + spec.id + " is registered twice");
  }
  std::string id = spec.id;
  specs_.emplace(std::move(id), std::move(spec));
  return {};
}

const ActionSpec* ActionRegistry::find(std::string_view id) const {
  auto it = specs_.find(id);
  return it == specs_.end() ? nullptr : &it->second;
}

std::vector<std::string> ActionRegistry::ids() const {
  std::vector<std::string> out;
  for (const auto& [id, spec] : specs_) {
    out.push_back(id);
  }
  return out;
}

json ActionRegistry::list_actions_json(std::string_view region) const {
  json actions = json::array();
  for (const auto& [id, spec] : specs_) {
    actions.push_back(summary_json(spec, region));
  }
  return {{wire::kActions, std::move(actions)}};
}

json ActionRegistry::describe_actions_json(std::string_view region) const {
  static const std::map<ParamType, std::string> kTypes{{ParamType::String, "string"},
                                                       {ParamType::IsoDuration, "duration"},
                                                       {ParamType::Boolean, "boolean"},
                                                       {ParamType::Integer, "integer"}};
  json actions = json::array();
  for (const auto& [id, spec] : specs_) {
    json j = summary_json(spec, region);
    json params = json::object();
    for (const auto& p : spec.parameters) {
      params[p.name] = {{wire::kDescription, p.description},
                        {wire::kRequired, p.required},
                        {"type", kTypes.at(p.type)},
                        {"default", p.default_value}};
      if (p.min_value) {
        params[p.name]["min"] = *p.min_value;
      }
      if (p.max_value) {
        params[p.name]["max"] = *p.max_value;
      }
    }
    j[wire::kParameters] = std::move(params);
    actions.push_back(std::move(j));
  }
  return {{wire::kActions, std::move(actions)}};
}

Result<json> ActionRegistry::get_action_json(std::string_view id, std::string_view region) const {
  const ActionSpec* spec = find(id);
  if (spec == nullptr) {
    return errors::not_found("Action " + std::string(id) + " not found");
  }
  json j = summary_json(*spec, region);
  json params = json::object();
  for (const auto& p : spec->parameters) {
    params[p.name] = {{wire::kDescription, p.description}, {wire::kRequired, p.required}};
  }
  j[wire::kParameters] = std::move(params);
  return json{{wire::kAction, std::move(j)}};
}

}  // namespace faultbox::fis
