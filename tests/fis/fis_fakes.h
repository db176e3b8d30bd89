// A fake lab for fis tests: instances, EC2 calls, alarm states and IAM answers, all in memory.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "fis/action_registry.h"
#include "fis/resource_directory.h"
#include "fis/runner.h"

namespace faultbox::fis::testing {

class FakeLab final : public ResourceDirectory,
                      public Ec2Control,
                      public AlarmDirectory,
                      public RoleDirectory,
                      public LambdaControl,
                      public CapacityControl,
                      public ApiFaultControl,
                      public CommandControl,
                      public NetworkControl {
 public:
  // Subnets as targets, and the subnet faults held: fault id → subnets and scope.
  std::vector<TargetableResource> subnets;
  std::map<std::string, std::pair<std::vector<std::string>, std::string>> network_faults;
  std::string refuse_network_with;  // a message disrupt_subnets fails with, "" = none
  void add_subnet(const std::string& id, const std::string& az,
                  std::map<std::string, std::string> tags = {}) {
    subnets.push_back({"arn:aws:ec2:eu-west-2:000000000000:subnet/" + id,
                       id,
                       std::move(tags),
                       {{"SubnetId", id},
                        {"VpcId", "vpc-1"},
                        {"AvailabilityZone", az},
                        {"AvailabilityZoneId", "euw2-az" + az.substr(az.size() - 1)}}});
  }
  std::vector<TargetableResource> ec2_subnets() const override { return subnets; }
  Result<std::string> disrupt_subnets(const std::string& fault_id,
                                      const std::vector<std::string>& subnet_ids,
                                      const std::string& scope) override {
    if (!refuse_network_with.empty()) return errors::internal(refuse_network_with);
    network_faults[fault_id] = {subnet_ids, scope};
    return std::string("cut off");
  }
  void remove_network_fault(const std::string& fault_id) override {
    network_faults.erase(fault_id);
  }

  // Commands sent (aws:ssm:send-command): id → document, parameters, instances, comment, and
  // the status the test sets; cancelled ids.
  struct SentCommand {
    std::string document;
    std::map<std::string, std::vector<std::string>> parameters;
    std::vector<std::string> instance_ids;
    std::string comment;
    std::string status = "InProgress";
  };
  std::map<std::string, SentCommand> commands;
  std::vector<std::string> cancelled_commands;
  std::string refuse_commands_with;  // an error code SendCommand answers with, "" = none
  std::string network_reach;         // where network documents' faults act, "" = nothing to say
  std::string network_fault_reach(const std::string& document) const override {
    return document.find("Network") != std::string::npos ? network_reach : "";
  }
  Result<std::string> send_command(
      const std::string& document,
      const std::map<std::string, std::vector<std::string>>& parameters,
      const std::vector<std::string>& instance_ids, const std::string& comment) override {
    if (!refuse_commands_with.empty()) return Error(refuse_commands_with, "refused by the test");
    for (const auto& [id, c] : commands) {
      if (!comment.empty() && c.comment == comment) return id;
    }
    auto id = "command-" + std::to_string(commands.size() + 1);
    commands[id] = {document, parameters, instance_ids, comment};
    return id;
  }
  Result<std::pair<std::string, std::string>> command_status(const std::string& id) const override {
    auto it = commands.find(id);
    if (it == commands.end()) return Error("InvalidCommandId", id);
    return std::pair{it->second.status, it->second.status};
  }
  Result<void> cancel_command(const std::string& id) override {
    cancelled_commands.push_back(id);
    if (auto it = commands.find(id); it != commands.end()) it->second.status = "Cancelled";
    return {};
  }

  // IAM roles as targets (by ARN), and the API faults held: fault id → its spec.
  std::vector<std::string> role_arns;
  std::map<std::string, ApiFaultSpec> api_faults;
  std::vector<TargetableResource> iam_roles() const override {
    std::vector<TargetableResource> out;
    for (const auto& arn : role_arns) {
      out.push_back({arn, arn, {}, {{"Arn", arn}}});
    }
    return out;
  }
  void add_api_fault(const std::string& id, ApiFaultSpec fault) override {
    api_faults[id] = std::move(fault);
  }
  void remove_api_fault(const std::string& id) override { api_faults.erase(id); }

  // Auto-scaling groups as targets, and the capacity faults held on them:
  // group name → fault id → the fault's zones and percentage.
  std::vector<TargetableResource> groups;
  std::map<std::string, std::map<std::string, std::pair<std::vector<std::string>, int>>>
      launch_faults;

  std::vector<TargetableResource> autoscaling_groups() const override { return groups; }
  void add_group(const std::string& name, std::map<std::string, std::string> tags = {}) {
    groups.push_back({"arn:aws:autoscaling:eu-west-2:000000000000:autoScalingGroup:uuid:"
                      "autoScalingGroupName/" +
                          name,
                      name,
                      std::move(tags),
                      {{"AutoScalingGroupName", name}}});
  }
  Result<void> add_launch_fault(const std::string& group, const std::string& fault_id,
                                const std::vector<std::string>& zones, int percentage) override {
    for (const auto& g : groups) {
      if (g.id == group) {
        launch_faults[group][fault_id] = {zones, percentage};
        return {};
      }
    }
    return errors::not_found("AutoScalingGroup name not found - " + group);
  }
  void remove_launch_fault(const std::string& group, const std::string& fault_id) override {
    if (auto it = launch_faults.find(group); it != launch_faults.end()) {
      it->second.erase(fault_id);
      if (it->second.empty()) {
        launch_faults.erase(it);
      }
    }
  }

  // Lambda functions by ARN (their environments), and the objects in S3 ("bucket/key" → bytes).
  std::map<std::string, std::map<std::string, std::string>> functions;
  std::map<std::string, std::map<std::string, std::string>> function_tags;
  std::map<std::string, std::string> objects;

  std::vector<TargetableResource> lambda_functions() const override {
    std::vector<TargetableResource> out;
    for (const auto& [arn, env] : functions) {
      std::string name = arn.substr(arn.rfind(':') + 1);
      auto tags =
          function_tags.count(arn) ? function_tags.at(arn) : std::map<std::string, std::string>();
      out.push_back({arn, name, tags, {{"FunctionName", name}}});
    }
    return out;
  }
  Result<std::map<std::string, std::string>> function_environment(
      const std::string& arn) const override {
    auto it = functions.find(arn);
    if (it == functions.end()) {
      return Error{"ResourceNotFoundException", "Function not found: " + arn, 404};
    }
    return it->second;
  }
  Result<void> put_object(const std::string& bucket, const std::string& key,
                          const std::string& bytes) override {
    objects[bucket + "/" + key] = bytes;
    return {};
  }
  Result<void> delete_object(const std::string& bucket, const std::string& key) override {
    objects.erase(bucket + "/" + key);
    return {};
  }

  std::vector<Ec2InstanceInfo> instances;
  std::map<std::string, AlarmState> alarms;
  std::set<std::string> roles;
  std::set<std::string> untrusting_roles;  // exist, but their trust policy leaves FIS out
  std::set<std::string> denied_actions;    // e.g. "ec2:StopInstances": denied on every resource
  std::vector<std::string> calls;          // "stop i-1", "start i-2", ...

  Ec2InstanceInfo& add_instance(const std::string& id, const std::string& az,
                                std::map<std::string, std::string> tags,
                                const std::string& state = "running") {
    instances.push_back({"arn:aws:ec2:eu-west-2:000000000000:instance/" + id, id, state, az,
                         "eu-west-2", "subnet-" + az, "vpc-1", "t3.micro", "ami-1",
                         std::move(tags)});
    return instances.back();
  }

  std::vector<Ec2InstanceInfo> ec2_instances() const override { return instances; }

  Result<void> stop_instance(const std::string& id) override { return act("stop", id, "stopped"); }
  Result<void> start_instance(const std::string& id) override {
    return act("start", id, "running");
  }
  Result<void> reboot_instance(const std::string& id) override {
    return act("reboot", id, "running");
  }
  Result<void> terminate_instance(const std::string& id) override {
    return act("terminate", id, "terminated");
  }
  // Spot interruptions sent: instance id → when it is interrupted.
  std::map<std::string, TimePoint> spot_interruptions;
  Result<void> send_spot_interruption(const std::string& id, TimePoint at) override {
    Ec2InstanceInfo* i = instance(id);
    if (i == nullptr || !i->spot) {
      return Error{"UnsupportedOperation", "not a spot instance: " + id, 400};
    }
    spot_interruptions[id] = at;
    return {};
  }
  Result<void> cancel_spot_interruption(const std::string& id) override {
    spot_interruptions.erase(id);
    return {};
  }
  Result<std::string> instance_state(const std::string& id) const override {
    for (const auto& i : instances) {
      if (i.id == id) {
        return i.state;
      }
    }
    return errors::not_found("InvalidInstanceID.NotFound: " + id);
  }

  bool alarm_exists(const std::string& arn) const override { return alarms.count(arn) != 0; }
  Result<AlarmState> alarm_state(const std::string& arn) const override {
    auto it = alarms.find(arn);
    if (it == alarms.end()) {
      return errors::not_found("alarm " + arn);
    }
    return it->second;
  }

  bool role_exists(const std::string& arn) const override { return roles.count(arn) != 0; }
  bool role_trusts_fis(const std::string& arn) const override {
    return roles.count(arn) != 0 && untrusting_roles.count(arn) == 0;
  }
  bool allowed(const std::string&, std::string_view action, const std::string&) const override {
    return denied_actions.count(std::string(action)) == 0;
  }

  Ec2InstanceInfo* instance(const std::string& id) {
    for (auto& i : instances) {
      if (i.id == id) {
        return &i;
      }
    }
    return nullptr;
  }

  int count_calls(const std::string& verb) const {
    int n = 0;
    for (const auto& c : calls) {
      n += c.rfind(verb + " ", 0) == 0 ? 1 : 0;
    }
    return n;
  }

 private:
  Result<void> act(const std::string& verb, const std::string& id, const std::string& state) {
    Ec2InstanceInfo* i = instance(id);
    if (i == nullptr) {
      return errors::not_found("InvalidInstanceID.NotFound: " + id);
    }
    if (i->state == "terminated") {
      return Error("IncorrectInstanceState", "instance " + id + " is terminated");
    }
    calls.push_back(verb + " " + id);
    i->state = state;
    return {};
  }
};

// A runner's environment made of one fake lab and the built-in actions.
inline RunnerEnvironment environment_of(FakeLab& lab) {
  return {builtin_actions(), lab, lab, lab, lab, lab, lab, lab, lab, lab};
}

}  // namespace faultbox::fis::testing
