// The scenarios the lab can run. AZ Availability: Power Interruption follows AWS's scenario:
// stop the zone's instances (restarted after the impairment unless replaced meanwhile), refuse
// instance launches there (by the roles that launch, and by the auto-scaling groups), cut the
// zone's subnets off for the first two minutes, with empty targets skipped, so the same template
// fits stacks with and without groups.
#include "fis/scenarios.h"

#include "core/arn.h"
#include "core/iso8601.h"

namespace faultbox::fis {

namespace {

using nlohmann::json;

// A target picked by tags: the user's, else the scenario's own.
json tagged(const std::string& resource_type, const ScenarioInputs& in,
            const std::string& scenario_value, bool in_zone) {
  json tags = json::object();
  if (in.target_tags.empty()) {
    tags["AzImpairmentPower"] = scenario_value;
  } else {
    for (const auto& [k, v] : in.target_tags) {
      tags[k] = v;
    }
  }
  json target = {{"resourceType", resource_type}, {"resourceTags", tags}, {"selectionMode", "ALL"}};
  if (in_zone) {
    target["filters"] = {
        {{"path", "State.Name"}, {"values", {"running"}}},
        {{"path", "Placement.AvailabilityZone"}, {"values", {in.availability_zone}}}};
  }
  return target;
}

constexpr const char* kPauseNetwork = "Pause-network-connectivity";

// AWS's scenario cuts the zone's subnets off for 2 minutes of the impairment, or for all of it
// when it is shorter.
std::string network_pause(const std::string& duration) {
  const auto whole = parse_iso_duration(duration);
  return whole && *whole < std::chrono::minutes(2) ? duration : "PT2M";
}

json az_power_interruption(const ScenarioInputs& in) {
  auto launch_roles = in.launch_roles;
  if (launch_roles.empty()) {
    launch_roles.push_back(arn::autoscaling_service_linked_role(in.account_id));
  }
  const json stop_parameters = {{"startInstancesAfterDuration", in.duration},
                                {"completeIfInstancesTerminated", "true"}};
  const json capacity_parameters = {{"duration", in.duration},
                                    {"availabilityZoneIdentifiers", in.availability_zone},
                                    {"percentage", "100"}};
  json scenario = {
      {"description", "AZ Availability: Power Interruption in " + in.availability_zone +
                          ": the zone's instances stop and no instance can launch there for " +
                          in.duration},
      {"targets",
       {{"IAM-role",
         {{"resourceType", "aws:iam:role"},
          {"resourceArns", launch_roles},
          {"selectionMode", "ALL"}}},
        {"EC2-Instances", tagged("aws:ec2:instance", in, "StopInstances", true)},
        {"ASG-EC2-Instances", tagged("aws:ec2:instance", in, "IceAsg", true)},
        {"ASG", tagged("aws:ec2:autoscaling-group", in, "IceAsg", false)}}},
      {"actions",
       {{"Stop-Instances",
         {{"actionId", "aws:ec2:stop-instances"},
          {"parameters", stop_parameters},
          {"targets", {{"Instances", "EC2-Instances"}}}}},
        {"Stop-ASG-Instances",
         {{"actionId", "aws:ec2:stop-instances"},
          {"parameters", stop_parameters},
          {"targets", {{"Instances", "ASG-EC2-Instances"}}}}},
        {"Pause-Instance-Launches",
         {{"actionId", "aws:ec2:api-insufficient-instance-capacity-error"},
          {"parameters", capacity_parameters},
          {"targets", {{"Roles", "IAM-role"}}}}},
        {"Pause-ASG-Scaling",
         {{"actionId", "aws:ec2:asg-insufficient-instance-capacity-error"},
          {"parameters", capacity_parameters},
          {"targets", {{"AutoScalingGroups", "ASG"}}}}}}},
      {"stopConditions", {{{"source", "none"}}}},
      {"roleArn", in.role_arn},
      {"tags", {{"Name", "AZ Impairment: Power Interruption"}}},
      {"experimentOptions", {{"emptyTargetResolutionMode", "skip"}}}};
  if (in.network_problem.empty()) {
    // Every subnet of the zone: the target's parameter picks them, whatever their tags.
    scenario["targets"]["Subnet"] = {
        {"resourceType", "aws:ec2:subnet"},
        {"parameters", {{"availabilityZoneIdentifier", in.availability_zone}}},
        {"selectionMode", "ALL"}};
    scenario["actions"][kPauseNetwork] = {
        {"actionId", "aws:network:disrupt-connectivity"},
        {"parameters", {{"duration", network_pause(in.duration)}, {"scope", "all"}}},
        {"targets", {{"Subnets", "Subnet"}}}};
  }
  return scenario;
}

}  // namespace

const std::vector<Scenario>& builtin_scenarios() {
  static const std::vector<Scenario> kScenarios = {
      {"az-power-interruption",
       "AZ Availability: Power Interruption",
       "A zone loses power: its instances stop, instances cannot be launched there (by the "
       "roles that launch them, nor by auto-scaling groups), its subnets are cut off for the "
       "first two minutes, and all comes back when the impairment ends. Shows whether the "
       "service keeps serving from the other zones and rebalances.",
       {"Failover-RDS (the lab has no RDS)", "Pause-ElastiCache (the lab has no ElastiCache)",
        "Pause-EBS-IO (the lab has no EBS volumes)",
        "Start-ARC-Zonal-Autoshift (the lab has no Application Recovery Controller)"},
       az_power_interruption},
  };
  return kScenarios;
}

std::vector<std::string> left_out_parts(const Scenario& scenario, const ScenarioInputs& inputs) {
  auto parts = scenario.left_out;
  if (!inputs.network_problem.empty() && scenario.id == "az-power-interruption") {
    parts.insert(parts.begin(), std::string(kPauseNetwork) + " (" + inputs.network_problem + ")");
  }
  return parts;
}

const Scenario* find_scenario(std::string_view id) {
  for (const auto& s : builtin_scenarios()) {
    if (s.id == id) {
      return &s;
    }
  }
  return nullptr;
}

Result<json> scenario_template(std::string_view id, const ScenarioInputs& inputs) {
  const Scenario* s = find_scenario(id);
  if (s == nullptr) {
    std::string known;
    for (const auto& each : builtin_scenarios()) {
      known += (known.empty() ? "" : ", ") + each.id;
    }
    return errors::not_found("No scenario \"" + std::string(id) + "\"; the lab has: " + known);
  }
  if (inputs.availability_zone.empty()) {
    return errors::validation("The scenario needs an Availability Zone (such as eu-west-2a).");
  }
  if (inputs.role_arn.empty()) {
    return errors::validation("The scenario needs the ARN of the role its experiments run as.");
  }
  FAULTBOX_TRY_VOID(parse_iso_duration(inputs.duration));
  return s->make(inputs);
}

json scenarios_json(const ScenarioInputs& inputs) {
  json list = json::array();
  for (const auto& s : builtin_scenarios()) {
    json entry = {{"id", s.id},
                  {"name", s.name},
                  {"description", s.description},
                  {"leftOut", left_out_parts(s, inputs)}};
    if (auto t = scenario_template(s.id, inputs)) {
      entry["template"] = *t;
    }
    list.push_back(std::move(entry));
  }
  return {{"availabilityZone", inputs.availability_zone}, {"scenarios", list}};
}

}  // namespace faultbox::fis
