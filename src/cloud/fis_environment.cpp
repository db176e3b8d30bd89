#include "cloud/fis_environment.h"

#include "cloud/api_faults/api_faults.h"
#include "cloud/cloud.h"
#include "cloud/groups/groups.h"
#include "cloud/iam/iam_directory.h"
#include "cloud/lambda/functions.h"
#include "cloud/network/network_faults.h"
#include "cloud/network/subnets.h"
#include "cloud/s3/buckets.h"
#include "cloud/ssm/ssm_commands.h"
#include "core/arn.h"
#include "core/zone_ids.h"
#include "ssm/document_catalog.h"

namespace faultbox::cloud {

std::vector<fis::Ec2InstanceInfo> FisEnvironment::ec2_instances() const {
  std::vector<fis::Ec2InstanceInfo> out;
  for (const auto* i : cloud_.instances().list()) {
    if (i->region != region_) {
      continue;
    }
    out.push_back({cloud_.instances().arn(*i), i->id, std::string(state_name(i->state)),
                   i->availability_zone, i->region, subnet_of(*i), vpc_of(cloud_, *i),
                   i->instance_type, i->image_id, i->tags, i->market.spot});
  }
  return out;
}

std::vector<fis::TargetableResource> FisEnvironment::ec2_subnets() const {
  std::vector<fis::TargetableResource> out;
  for (const auto& s : subnets_in_region(cloud_, region_)) {
    out.push_back({s.arn,
                   s.id,
                   s.tags,
                   {{"SubnetId", s.id},
                    {"SubnetArn", s.arn},
                    {"VpcId", s.vpc_id},
                    {"CidrBlock", s.cidr_block},
                    {"AvailabilityZone", s.availability_zone},
                    {"AvailabilityZoneId", zone_id(s.availability_zone)}}});
  }
  return out;
}

Result<std::string> FisEnvironment::disrupt_subnets(const std::string& fault_id,
                                                    const std::vector<std::string>& subnet_ids,
                                                    const std::string& scope) {
  return cloud_.kind<NetworkFaults>().disrupt_subnets(fault_id, subnet_ids, scope);
}

void FisEnvironment::remove_network_fault(const std::string& fault_id) {
  cloud_.kind<NetworkFaults>().remove(fault_id);
}

std::vector<fis::TargetableResource> FisEnvironment::lambda_functions() const {
  std::vector<fis::TargetableResource> out;
  const auto& functions = cloud_.kind<Functions>();
  for (const auto* f : functions.in_region(region_)) {
    std::string arn = functions.arn(*f);
    out.push_back({arn,
                   f->name,
                   f->tags,
                   {{"FunctionName", f->name},
                    {"FunctionArn", arn},
                    {"Runtime", f->runtime},
                    {"Handler", f->handler},
                    {"Role", f->role}}});
  }
  return out;
}

std::vector<fis::TargetableResource> FisEnvironment::autoscaling_groups() const {
  std::vector<fis::TargetableResource> out;
  const auto& groups = cloud_.kind<Groups>();
  for (const auto& [name, g] : groups.all()) {
    if (g.region != region_) {
      continue;
    }
    std::map<std::string, std::string> tags;
    nlohmann::json tag_list = nlohmann::json::array();
    for (const auto& t : g.spec.tags) {
      tags[t.key] = t.value;
      tag_list.push_back({{"Key", t.key}, {"Value", t.value}});
    }
    std::string arn = groups.arn(g);
    out.push_back({arn,
                   name,
                   std::move(tags),
                   {{"AutoScalingGroupName", name},
                    {"AutoScalingGroupARN", arn},
                    {"AvailabilityZones", g.spec.availability_zones},
                    {"MinSize", g.spec.min_size},
                    {"MaxSize", g.spec.max_size},
                    {"DesiredCapacity", g.spec.desired_capacity},
                    {"Tags", std::move(tag_list)}}});
  }
  return out;
}

std::vector<fis::TargetableResource> FisEnvironment::iam_roles() const {
  std::vector<fis::TargetableResource> out;
  for (const auto& [name, role] : directory().roles()) {
    out.push_back({role.arn, role.arn, {}, {{"RoleName", name}, {"Arn", role.arn}}});
  }
  // The service-linked role Auto Scaling launches as, which AWS makes with the first group.
  const auto slr = arn::autoscaling_service_linked_role(cloud_.options().account_id);
  if (!cloud_.kind<Groups>().all().empty()) {
    out.push_back({slr, slr, {}, {{"RoleName", "AWSServiceRoleForAutoScaling"}, {"Arn", slr}}});
  }
  return out;
}

void FisEnvironment::add_api_fault(const std::string& fault_id, fis::ApiFaultSpec fault) {
  cloud_.kind<ApiFaults>().add(region_, fault_id, std::move(fault));
}

void FisEnvironment::remove_api_fault(const std::string& fault_id) {
  cloud_.kind<ApiFaults>().remove(fault_id);
}

Result<void> FisEnvironment::add_launch_fault(const std::string& group_name,
                                              const std::string& fault_id,
                                              const std::vector<std::string>& zones,
                                              int percentage) {
  return cloud_.kind<Groups>().add_launch_fault(group_name, fault_id, {zones, percentage});
}

void FisEnvironment::remove_launch_fault(const std::string& group_name,
                                         const std::string& fault_id) {
  cloud_.kind<Groups>().remove_launch_fault(group_name, fault_id);
}

Result<std::map<std::string, std::string>> FisEnvironment::function_environment(
    const std::string& function_arn) const {
  FAULTBOX_TRY(f, cloud_.kind<Functions>().get(region_, function_arn));
  return f->environment;
}

Result<void> FisEnvironment::put_object(const std::string& bucket, const std::string& key,
                                        const std::string& bytes) {
  S3Object object;
  object.key = key;
  object.content_type = "application/json";
  FAULTBOX_TRY_VOID(cloud_.kind<Buckets>().put_object(bucket, std::move(object), bytes));
  return {};
}

Result<void> FisEnvironment::delete_object(const std::string& bucket, const std::string& key) {
  return cloud_.kind<Buckets>().delete_object(bucket, key);
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

Result<void> FisEnvironment::send_spot_interruption(const std::string& id, TimePoint at) {
  return cloud_.instances().interrupt_spot(id, at);
}
Result<void> FisEnvironment::cancel_spot_interruption(const std::string& id) {
  return cloud_.instances().cancel_spot_interruption(id);
}

Result<std::string> FisEnvironment::send_command(
    const std::string& document, const std::map<std::string, std::vector<std::string>>& parameters,
    const std::vector<std::string>& instance_ids, const std::string& comment) {
  auto& commands = cloud_.kind<SsmCommands>();
  for (const auto* c : commands.list(region_)) {
    if (!comment.empty() && c->comment == comment) return c->id;
  }
  FAULTBOX_TRY(command, commands.send({region_, document, parameters, instance_ids, comment}));
  return command->id;
}

std::string FisEnvironment::network_fault_reach(const std::string& document) const {
  auto found = ssm::find_document(document);
  if (!found || !(*found)->packet_fault) return "";
  return cloud_.kind<NetworkFaults>().reach();
}

Result<std::pair<std::string, std::string>> FisEnvironment::command_status(
    const std::string& id) const {
  const auto* c = cloud_.kind<SsmCommands>().find(id);
  if (c == nullptr) return Error{"InvalidCommandId", "Command " + id + " does not exist."};
  return std::pair{ssm::to_string(c->status()), c->status_details()};
}

Result<void> FisEnvironment::cancel_command(const std::string& id) {
  return cloud_.kind<SsmCommands>().cancel(id, {});
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
  return directory().role_by_arn(role_arn) != nullptr;
}

bool FisEnvironment::role_trusts_fis(const std::string& role_arn) const {
  return directory().trusts(role_arn, "fis.amazonaws.com");
}

bool FisEnvironment::allowed(const std::string& role_arn, std::string_view api_action,
                             const std::string& resource_arn) const {
  return directory().allows(role_arn, api_action, resource_arn);
}

const iam::Directory& FisEnvironment::directory() const {
  return static_cast<const Cloud&>(cloud_).kind<IamDirectory>().directory();
}

}  // namespace faultbox::cloud
