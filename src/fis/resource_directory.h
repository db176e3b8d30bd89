// What fis needs from the rest of the lab, as interfaces the lab implements (fis owns them):
// the EC2 inventory, EC2 control, alarm states and IAM decisions. Control strand only.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/result.h"

namespace faultbox::fis {

// One aws:ec2:instance as DescribeInstances would show it; filters read these fields.
struct Ec2InstanceInfo {
  std::string arn;  // arn:aws:ec2:<region>:<account>:instance/<id>
  std::string id;   // i-…
  std::string
      state;  // EC2 state name: pending, running, stopping, stopped, shutting-down, terminated
  std::string availability_zone;
  std::string region;
  std::string subnet_id;
  std::string vpc_id;
  std::string instance_type;
  std::string image_id;
  std::map<std::string, std::string> tags;
  bool spot = false;  // InstanceLifecycle "spot"
};

// One resource a target can select, of any resource type: what resourceArns, resourceTags and
// filters match against.
struct TargetableResource {
  std::string arn;
  std::string id;  // what the actions act on: an instance id, a function name
  std::map<std::string, std::string> tags;
  nlohmann::json description;  // the JSON filter paths walk (the service's Describe/Get shape)
};

class ResourceDirectory {
 public:
  virtual ~ResourceDirectory() = default;
  // Every instance EC2 would list, including stopped and recently terminated ones.
  virtual std::vector<Ec2InstanceInfo> ec2_instances() const = 0;
  // Every Lambda function of the region (none where the lab has no Lambda).
  virtual std::vector<TargetableResource> lambda_functions() const { return {}; }
  // Every auto-scaling group of the region; `id` is the group's name, `description` its
  // DescribeAutoScalingGroups element.
  virtual std::vector<TargetableResource> autoscaling_groups() const { return {}; }
  // Every IAM role of the account (roles are global), including the service-linked roles the
  // lab's services act as; `id` is the role's ARN.
  virtual std::vector<TargetableResource> iam_roles() const { return {}; }
  // Every subnet of the region; `id` is the subnet's id, `description` its DescribeSubnets
  // element (SubnetId, VpcId, AvailabilityZone, AvailabilityZoneId, CidrBlock).
  virtual std::vector<TargetableResource> ec2_subnets() const { return {}; }
};

// What the network actions act through (aws:network:disrupt-connectivity): faults on the packets
// of the lab's instances, applied on the kernel's path.
class NetworkControl {
 public:
  virtual ~NetworkControl() = default;
  // Cuts the subnets off until remove_network_fault(fault_id), as FIS's network ACL does:
  // scope "all" denies all traffic in and out of each subnet (traffic within it still flows),
  // "availability-zone" the traffic with the VPC's subnets in other zones. Instances launched
  // into the subnets meanwhile are cut off too. What was cut off, for the experiment's log.
  // Errors: InternalFailure when the lab cannot filter packets (with why).
  virtual Result<std::string> disrupt_subnets(const std::string& fault_id,
                                              const std::vector<std::string>& subnet_ids,
                                              const std::string& scope) = 0;
  // Removing a fault that is not there is not an error.
  virtual void remove_network_fault(const std::string& fault_id) = 0;
};

// A fault on the lab's API (aws:fis:inject-api-*, aws:ec2:api-insufficient-instance-capacity-
// error): calls that the given roles make to `service`'s `operations` get `error_code` instead of
// their answer, for `percentage` of the calls.
struct ApiFaultSpec {
  // InternalError, RequestLimitExceeded, Unavailable or InsufficientInstanceCapacity.
  std::string error_code;
  std::vector<std::string> role_arns;
  std::string service;                  // "ec2"
  std::vector<std::string> operations;  // "DescribeInstances", ...
  // InsufficientInstanceCapacity only: the zones (names or ids) whose launches fail.
  std::vector<std::string> zones;
  int percentage = 100;
};

class ApiFaultControl {
 public:
  virtual ~ApiFaultControl() = default;
  virtual void add_api_fault(const std::string& fault_id, ApiFaultSpec fault) = 0;
  // Removing a fault that is not there is not an error.
  virtual void remove_api_fault(const std::string& fault_id) = 0;
};

// What capacity faults act through (aws:ec2:asg-insufficient-instance-capacity-error): while a
// fault holds, a group's launches in some zones fail with InsufficientInstanceCapacity.
class CapacityControl {
 public:
  virtual ~CapacityControl() = default;
  // `zones` are zone names or zone ids; `fault_id` names the holder, to remove it again.
  // Errors: ResourceNotFound for an unknown group.
  virtual Result<void> add_launch_fault(const std::string& group_name, const std::string& fault_id,
                                        const std::vector<std::string>& zones, int percentage) = 0;
  // Removing a fault that is not there is not an error.
  virtual void remove_launch_fault(const std::string& group_name, const std::string& fault_id) = 0;
};

// What the aws:lambda:* actions do, as FIS does it: read the function (lambda:GetFunction) to
// find where its FIS extension looks, and write or remove fault configurations there (S3).
class LambdaControl {
 public:
  virtual ~LambdaControl() = default;
  // The function's environment variables; ResourceNotFoundException when it is gone.
  virtual Result<std::map<std::string, std::string>> function_environment(
      const std::string& function_arn) const = 0;
  virtual Result<void> put_object(const std::string& bucket, const std::string& key,
                                  const std::string& bytes) = 0;
  // Removing what is not there is not an error, as in S3.
  virtual Result<void> delete_object(const std::string& bucket, const std::string& key) = 0;
};

class Ec2Control {
 public:
  virtual ~Ec2Control() = default;
  // Each acts on one instance id; errors carry EC2's code (e.g. IncorrectInstanceState,
  // InvalidInstanceID.NotFound). Stopping a stopped instance is not an error.
  virtual Result<void> stop_instance(const std::string& id) = 0;
  virtual Result<void> start_instance(const std::string& id) = 0;
  virtual Result<void> reboot_instance(const std::string& id) = 0;
  virtual Result<void> terminate_instance(const std::string& id) = 0;
  // The EC2 state name now; ResourceNotFound-style error for an unknown id.
  virtual Result<std::string> instance_state(const std::string& id) const = 0;
  // A spot instance's interruption at `at`, with its rebalance recommendation and interruption
  // notice before it (EC2's SendSpotInstanceInterruptions); withdrawn again by cancel.
  virtual Result<void> send_spot_interruption(const std::string& id, TimePoint at) = 0;
  virtual Result<void> cancel_spot_interruption(const std::string& id) = 0;
};

// What aws:ssm:send-command acts through: Systems Manager's Run Command on instances.
class CommandControl {
 public:
  virtual ~CommandControl() = default;
  // SendCommand of `document` (a name or ARN) to the instances; the command's id. A command
  // with the same non-empty `comment` that is already there is that command (so an action
  // rebuilt after a lab restart does not send it twice). Errors: SSM's (InvalidDocument,
  // InvalidParameters, InvalidInstanceId).
  virtual Result<std::string> send_command(
      const std::string& document,
      const std::map<std::string, std::vector<std::string>>& parameters,
      const std::vector<std::string>& instance_ids, const std::string& comment) = 0;
  // The command's status as SSM names it (Pending, InProgress, Success, Cancelling, Cancelled,
  // TimedOut, Failed) and its details. Errors: InvalidCommandId.
  virtual Result<std::pair<std::string, std::string>> command_status(
      const std::string& id) const = 0;
  // CancelCommand; cancelling a finished command is not an error.
  virtual Result<void> cancel_command(const std::string& id) = 0;
  // Where the lab applies the fault of a document that faults the network, as a sentence for
  // the experiment's log; "" for other documents.
  virtual std::string network_fault_reach(const std::string& document) const {
    (void)document;
    return "";
  }
};

enum class AlarmState { Ok, Alarm, InsufficientData };

class AlarmDirectory {
 public:
  virtual ~AlarmDirectory() = default;
  virtual bool alarm_exists(const std::string& alarm_arn) const = 0;
  // Errors: ResourceNotFound when the alarm no longer exists.
  virtual Result<AlarmState> alarm_state(const std::string& alarm_arn) const = 0;
};

class RoleDirectory {
 public:
  virtual ~RoleDirectory() = default;
  virtual bool role_exists(const std::string& role_arn) const = 0;
  // Whether the role's trust policy lets fis.amazonaws.com assume it (the role exists).
  virtual bool role_trusts_fis(const std::string& role_arn) const = 0;
  // Whether the role's policies allow `api_action` ("ec2:StopInstances") on `resource_arn`.
  virtual bool allowed(const std::string& role_arn, std::string_view api_action,
                       const std::string& resource_arn) const = 0;
};

}  // namespace faultbox::fis
