// What FIS acts through, implemented over the Cloud: the EC2 inventory and controls, the
// region's Lambda functions and the lab's S3, the region's alarms, and IAM decisions from the
// lab's roles and policies.
#pragma once

#include "fis/resource_directory.h"
#include "monitoring/alarm_evaluator.h"

namespace faultbox::iam {
class Directory;
}

namespace faultbox::cloud {

class Cloud;

class FisEnvironment final : public fis::ResourceDirectory,
                             public fis::Ec2Control,
                             public fis::AlarmDirectory,
                             public fis::RoleDirectory,
                             public fis::LambdaControl,
                             public fis::CapacityControl,
                             public fis::ApiFaultControl,
                             public fis::CommandControl,
                             public fis::NetworkControl {
 public:
  FisEnvironment(Cloud& cloud, std::string region, const monitoring::AlarmEvaluator& alarms)
      : cloud_(cloud), region_(std::move(region)), alarms_(alarms) {}

  std::vector<fis::Ec2InstanceInfo> ec2_instances() const override;
  std::vector<fis::TargetableResource> lambda_functions() const override;
  std::vector<fis::TargetableResource> autoscaling_groups() const override;
  std::vector<fis::TargetableResource> iam_roles() const override;
  std::vector<fis::TargetableResource> ec2_subnets() const override;
  Result<std::string> disrupt_subnets(const std::string& fault_id,
                                      const std::vector<std::string>& subnet_ids,
                                      const std::string& scope) override;
  void remove_network_fault(const std::string& fault_id) override;
  void add_api_fault(const std::string& fault_id, fis::ApiFaultSpec fault) override;
  void remove_api_fault(const std::string& fault_id) override;
  Result<void> add_launch_fault(const std::string& group_name, const std::string& fault_id,
                                const std::vector<std::string>& zones, int percentage) override;
  void remove_launch_fault(const std::string& group_name, const std::string& fault_id) override;
  Result<std::map<std::string, std::string>> function_environment(
      const std::string& function_arn) const override;
  Result<void> put_object(const std::string& bucket, const std::string& key,
                          const std::string& bytes) override;
  Result<void> delete_object(const std::string& bucket, const std::string& key) override;
  Result<void> stop_instance(const std::string& id) override;
  Result<void> start_instance(const std::string& id) override;
  Result<void> reboot_instance(const std::string& id) override;
  Result<void> terminate_instance(const std::string& id) override;
  Result<std::string> instance_state(const std::string& id) const override;
  Result<void> send_spot_interruption(const std::string& id, TimePoint at) override;
  Result<void> cancel_spot_interruption(const std::string& id) override;
  std::string network_fault_reach(const std::string& document) const override;
  Result<std::string> send_command(
      const std::string& document,
      const std::map<std::string, std::vector<std::string>>& parameters,
      const std::vector<std::string>& instance_ids, const std::string& comment) override;
  Result<std::pair<std::string, std::string>> command_status(const std::string& id) const override;
  Result<void> cancel_command(const std::string& id) override;
  bool alarm_exists(const std::string& alarm_arn) const override;
  Result<fis::AlarmState> alarm_state(const std::string& alarm_arn) const override;
  bool role_exists(const std::string& role_arn) const override;
  bool role_trusts_fis(const std::string& role_arn) const override;
  bool allowed(const std::string& role_arn, std::string_view api_action,
               const std::string& resource_arn) const override;

 private:
  const monitoring::Alarm* alarm_by_arn(const std::string& arn) const;
  const iam::Directory& directory() const;
  Cloud& cloud_;
  std::string region_;
  const monitoring::AlarmEvaluator& alarms_;
};

}  // namespace faultbox::cloud
