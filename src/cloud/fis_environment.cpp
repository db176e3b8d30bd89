#include "cloud/fis_environment.h"

#include "cloud/cloud.h"
#include "core/arn.h"
#include "iam/policy_evaluator.h"

namespace faultbox::cloud {

namespace {
constexpr const char* kRoleType = "aws_iam_role";

// The role's name from "arn:aws:iam::<account>:role/[path/]<name>".
std::string role_name(const std::string& text) {
  auto arn = parse_arn(text);
  return arn ? arn::resource_name(*arn) : text;
}

nlohmann::json parse_document(const nlohmann::json& text) {
  if (text.is_object()) {
    return text;
  }
  return text.is_string() ? nlohmann::json::parse(text.get<std::string>(), nullptr, false)
                          : nlohmann::json();
}

bool names_role(const nlohmann::json& roles, const std::string& name) {
  if (!roles.is_array()) {
    return false;
  }
  for (const auto& r : roles) {
    if (r.is_string() && r.get<std::string>() == name) {
      return true;
    }
  }
  return false;
}
}  // namespace

std::vector<fis::Ec2InstanceInfo> FisEnvironment::ec2_instances() const {
  std::vector<fis::Ec2InstanceInfo> out;
  for (const auto* i : cloud_.instances().list()) {
    if (i->region != region_) {
      continue;
    }
    out.push_back({cloud_.instances().arn(*i), i->id, std::string(state_name(i->state)),
                   i->availability_zone, i->region, "subnet-" + i->availability_zone,
                   "vpc-faultbox", i->instance_type, i->image_id, i->tags});
  }
  return out;
}

Result<void> FisEnvironment::stop_instance(const std::string& id) {
  return cloud_.instances().stop(id);
}
Result<void> FisEnvironment::start_instance(const std::string& id) {
  return cloud_.instances().start(id);
}
Result<void> FisEnvironment::reboot_instance(const std::string& id) {
  return cloud_.instances().reboot(id);
}
Result<void> FisEnvironment::terminate_instance(const std::string& id) {
  return cloud_.instances().terminate(id);
}

Result<std::string> FisEnvironment::instance_state(const std::string& id) const {
  const auto* i = cloud_.instances().find(id);
  if (!i) {
    return Error{"InvalidInstanceID.NotFound", "The instance ID '" + id + "' does not exist"};
  }
  return std::string(state_name(i->state));
}

const monitoring::Alarm* FisEnvironment::alarm_by_arn(const std::string& arn) const {
  auto colon = arn.rfind(":alarm:");
  if (colon == std::string::npos) {
    return nullptr;
  }
  const auto* alarm = alarms_.find(arn.substr(colon + 7));
  return alarm && alarm->arn() == arn ? alarm : nullptr;
}

bool FisEnvironment::alarm_exists(const std::string& alarm_arn) const {
  return alarm_by_arn(alarm_arn) != nullptr;
}

Result<fis::AlarmState> FisEnvironment::alarm_state(const std::string& alarm_arn) const {
  const auto* alarm = alarm_by_arn(alarm_arn);
  if (!alarm) {
    return errors::not_found("alarm " + alarm_arn + " does not exist");
  }
  switch (alarm->state()) {
    case monitoring::AlarmState::Alarm:
      return fis::AlarmState::Alarm;
    case monitoring::AlarmState::Ok:
      return fis::AlarmState::Ok;
    default:
      return fis::AlarmState::InsufficientData;
  }
}

bool FisEnvironment::role_exists(const std::string& role_arn) const {
  const auto& roles = cloud_.records(kRoleType);
  auto it = roles.find(role_name(role_arn));
  return it != roles.end() && it->second.value("arn", "") == role_arn;
}

bool FisEnvironment::role_trusts_fis(const std::string& role_arn) const {
  const auto& roles = cloud_.records(kRoleType);
  auto it = roles.find(role_name(role_arn));
  return it != roles.end() &&
         iam::trusts_service(parse_document(it->second.value("assume_role_policy", nlohmann::json())),
                             "fis.amazonaws.com");
}

// The document of an attached policy: an AWS-managed one the lab knows, or the account's own.
void FisEnvironment::add_attached_policy(const std::string& policy_arn,
                                         std::vector<nlohmann::json>& policies) const {
  if (const auto* managed = iam::managed_policy(policy_arn)) {
    policies.push_back(*managed);
  }
  for (const auto& [id, p] : cloud_.records("aws_iam_policy")) {
    if (p.value("arn", "") == policy_arn) {
      policies.push_back(parse_document(p.value("policy", nlohmann::json())));
    }
  }
}

bool FisEnvironment::allowed(const std::string& role_arn, std::string_view api_action,
                             const std::string& resource_arn) const {
  if (!role_exists(role_arn)) {
    return false;
  }
  auto name = role_name(role_arn);
  std::vector<nlohmann::json> policies;
  for (const auto& [id, a] : cloud_.records("aws_iam_policy_attachment")) {
    if (names_role(a.value("roles", nlohmann::json()), name)) {
      add_attached_policy(a.value("policy_arn", ""), policies);
    }
  }
  // aws_iam_role_policy_attachment (stacks, and IAM's AttachRolePolicy): one role, one policy.
  for (const auto& [id, a] : cloud_.records("aws_iam_role_policy_attachment")) {
    if (a.value("role", "") == name) {
      add_attached_policy(a.value("policy_arn", ""), policies);
    }
  }
  for (const auto& [id, rp] : cloud_.records("aws_iam_role_policy")) {
    if (rp.value("role", "") == name) {
      policies.push_back(parse_document(rp.value("policy", nlohmann::json())));
    }
  }
  return iam::is_allowed(policies, api_action, resource_arn);
}

}  // namespace faultbox::cloud
