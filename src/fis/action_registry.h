// The catalogue of actions the lab supports; ListActions, GetAction and the validator read it.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/result.h"
#include "fis/action.h"

namespace faultbox::fis {

class ActionRegistry {
 public:
  // Errors: ConflictException for a duplicate id.
  Result<void> add(ActionSpec spec);
  const ActionSpec* find(std::string_view id) const;
  std::vector<std::string> ids() const;  // sorted
  const std::map<std::string, ActionSpec, std::less<>>& all() const { return specs_; }

  // ListActions' body ({"actions": [ActionSummary]}); ARNs use `region` and no account.
  nlohmann::json list_actions_json(std::string_view region) const;
  // ListActions' summaries with every parameter's description, required, type ("duration",
  // "boolean", "string") and default: what the web console builds its form fields from.
  nlohmann::json describe_actions_json(std::string_view region) const;
  // GetAction's body ({"action": Action}); ResourceNotFoundException for an unknown id.
  Result<nlohmann::json> get_action_json(std::string_view id, std::string_view region) const;

 private:
  std::map<std::string, ActionSpec, std::less<>> specs_;
};

// Every action in actions/all_actions.def; built once, never changes.
const ActionRegistry& builtin_actions();

}  // namespace faultbox::fis
