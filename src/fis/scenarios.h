// FIS's scenario library, as far as the lab's actions reach: multi-action templates shaped as
// AWS's scenarios are (their target tags, action names and timings), written out as ordinary
// CreateExperimentTemplate input that a user edits and that runs unchanged on AWS. The parts of
// a scenario for services the lab does not model are left out and named.
#pragma once

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace faultbox::fis {

struct ScenarioInputs {
  std::string availability_zone;  // "eu-west-2a"
  std::string role_arn;           // the role the experiment runs as
  std::string account_id;         // for the service-linked role's ARN
  // Tags that pick the scenario's resources instead of its own (AzImpairmentPower=...).
  std::map<std::string, std::string> target_tags;
  // The roles whose instance launches fail (default: Auto Scaling's service-linked role).
  std::vector<std::string> launch_roles;
  std::string duration = "PT30M";  // how long the impairment lasts
  // Why the lab cannot cut the zone's subnets off (no root or nftables): the network part is
  // then left out, with this reason. "" when it can, or when the template is for AWS.
  std::string network_problem;
};

struct Scenario {
  std::string id;    // "az-power-interruption"
  std::string name;  // "AZ Availability: Power Interruption"
  std::string description;
  std::vector<std::string> left_out;  // "Failover-RDS (...)": never in the lab
  std::function<nlohmann::json(const ScenarioInputs&)> make;
};

// What the scenario's template leaves out for these inputs: its `left_out`, and the parts the
// lab cannot do here (inputs.network_problem).
std::vector<std::string> left_out_parts(const Scenario& scenario, const ScenarioInputs& inputs);

const std::vector<Scenario>& builtin_scenarios();
// nullptr for an unknown id.
const Scenario* find_scenario(std::string_view id);
// The template of `id` for these inputs. Errors: ResourceNotFound for an unknown scenario,
// ValidationException for a missing zone or role or a bad duration.
Result<nlohmann::json> scenario_template(std::string_view id, const ScenarioInputs& inputs);
// Every scenario with its template for these inputs, for the console: {availabilityZone,
// scenarios: [{id, name, description, leftOut, template}]}.
nlohmann::json scenarios_json(const ScenarioInputs& inputs);

}  // namespace faultbox::fis
