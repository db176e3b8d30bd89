// Auto-scaling groups at work: created and updated, kept at capacity each tick, their members
// launched from the launch template and kept registered with the group's load balancers.
#include "cloud/groups/groups.h"

#include <fmt/format.h>

#include <algorithm>

#include "cloud/api_faults/api_faults.h"
#include "cloud/balancers/balancers.h"
#include "cloud/cloud.h"
#include "cloud/launch_templates/launch_templates.h"
#include "cloud/network/subnets.h"
#include "compute/az_balancer.h"
#include "core/arn.h"
#include "core/iso8601.h"
#include "core/uuid.h"
#include "core/zone_ids.h"

namespace faultbox::cloud {

namespace {
constexpr size_t kActivityHistory = 200;

// The type a launch gets: the template's, else EC2's default (as a plain LaunchSpec has it).
std::string instance_type_of(const LaunchTemplate* lt) {
  return lt && !lt->instance_type.empty() ? lt->instance_type : compute::LaunchSpec{}.instance_type;
}

bool registered(const elb::LoadBalancer& lb, const std::string& id) {
  auto health = lb.describe_instance_health();
  return std::any_of(health.begin(), health.end(),
                     [&id](const elb::InstanceHealth& h) { return h.instance_id == id; });
}
}  // namespace

Result<const Group*> Groups::put(compute::AutoScalingGroupSpec spec, const std::string& region) {
  FAULTBOX_TRY_VOID(compute::validate(spec));
  const auto& ref = spec.launch_template;
  if (!cloud_.kind<LaunchTemplates>().find(ref.id.empty() ? ref.name : ref.id)) {
    return errors::validation("auto-scaling group " + spec.name + ": launch template " +
                              (ref.id.empty() ? ref.name : ref.id) + " does not exist");
  }
  for (const auto& lb : spec.load_balancers) {
    if (!cloud_.kind<Balancers>().find(lb)) {
      return errors::validation("auto-scaling group " + spec.name + ": load balancer " + lb +
                                " does not exist");
    }
  }
  bool fresh = groups_.count(spec.name) == 0;
  auto& group = groups_[spec.name];
  if (fresh) {
    group.created = cloud_.clock().now();
    group.uuid = random_uuid();
  }
  group.spec = std::move(spec);
  group.region = region;
  return &group;
}

Result<void> Groups::remove(const std::string& name) {
  auto it = groups_.find(name);
  if (it == groups_.end()) {
    return errors::not_found("auto-scaling group " + name + " does not exist");
  }
  auto members = it->second.members;
  for (const auto& id : members) {
    terminate_member(it->second, id);
  }
  groups_.erase(it);
  return {};
}

void Groups::terminate_member(Group& group, const std::string& instance) {
  auto& balancers = cloud_.kind<Balancers>();
  for (const auto& lb : group.spec.load_balancers) {
    (void)balancers.deregister_instance(lb, instance);
  }
  (void)cloud_.instances().terminate(instance);
  group.members.erase(instance);
}

std::string Groups::arn(const Group& group) const {
  return arn::autoscaling_group(group.region, cloud_.options().account_id, group.uuid,
                                group.spec.name);
}

void Groups::tick(TimePoint now) {
  for (auto& [name, group] : groups_) {
    reconcile(group, now);
  }
}

const Group* Groups::find(const std::string& name) const {
  auto it = groups_.find(name);
  return it == groups_.end() ? nullptr : &it->second;
}

compute::GroupView Groups::view_of(const Group& group) const {
  compute::GroupView view;
  view.spec = group.spec;
  const auto* lt = launch_template_of(group);
  view.current_template_version = lt ? std::to_string(lt->version) : "1";
  for (const auto& id : group.members) {
    const auto* instance = cloud_.instances().find(id);
    if (!instance) {
      continue;
    }
    compute::GroupMember m;
    m.id = id;
    m.state = instance->state;
    m.status = instance->status;
    m.availability_zone = instance->availability_zone;
    m.launch_time = instance->launch_time;
    auto colon = instance->launch_template.rfind(':');
    m.launch_template_version =
        colon == std::string::npos ? "" : instance->launch_template.substr(colon + 1);
    for (const auto& lb_name : group.spec.load_balancers) {
      const auto* b = cloud_.kind<Balancers>().find(lb_name);
      if (!b) {
        continue;
      }
      for (const auto& h : b->lb->describe_instance_health()) {
        if (h.instance_id == id && m.lb != compute::LbVerdict::OutOfService) {
          m.lb = h.state == "InService" ? compute::LbVerdict::InService
                                        : compute::LbVerdict::OutOfService;
        }
      }
    }
    view.members.push_back(std::move(m));
  }
  return view;
}

const LaunchTemplate* Groups::launch_template_of(const Group& group) const {
  const auto& ref = group.spec.launch_template;
  return cloud_.kind<LaunchTemplates>().find(ref.id.empty() ? ref.name : ref.id);
}

Result<std::string> Groups::launch_member(Group& group, const std::string& az) {
  const auto* lt = launch_template_of(group);
  if (!lt) {
    const auto& ref = group.spec.launch_template;
    return errors::validation("launch template " + ref.id + ref.name + " no longer exists");
  }
  compute::LaunchSpec spec;
  spec.availability_zone = az;
  spec.subnet_id = subnet_in_zone(cloud_, group.spec.subnet_ids, az);
  spec.image_id = lt->image_id.empty() ? compute::kWebImageId : lt->image_id;
  spec.instance_type = instance_type_of(lt);
  spec.port = cloud_.effective_port(80);
  spec.tags = lt->instance_tags;
  for (const auto& [k, v] : compute::launch_tags(group.spec)) {
    spec.tags[k] = v;
  }
  spec.user_data = lt->user_data;
  spec.metadata = lt->metadata;
  spec.market = lt->market;
  if (group.spec.distribution) {
    // A mixed instances policy decides spot or on-demand, by the members the group has.
    int on_demand = 0, spot = 0;
    for (const auto& id : group.members) {
      const auto* i = cloud_.instances().find(id);
      if (i && (i->state == compute::InstanceState::Pending ||
                i->state == compute::InstanceState::Running)) {
        (i->market.spot ? spot : on_demand) += 1;
      }
    }
    spec.market = {.spot =
                       !compute::next_launch_on_demand(*group.spec.distribution, on_demand, spot)};
  }
  spec.launch_template = lt->id + ":" + std::to_string(lt->version);
  FAULTBOX_TRY(instance, cloud_.instances().run_instance(spec));
  group.members.insert(instance->id);
  return instance->id;
}

void Groups::reconcile(Group& group, TimePoint now) {
  const auto& instances = cloud_.instances();
  std::erase_if(group.members, [&instances](const std::string& id) { return !instances.find(id); });
  for (auto& decision : compute::decide(view_of(group), now)) {
    if (decision.action == compute::ScalingAction::Terminate) {
      terminate_member(group, decision.instance_id);
      add_activity(group, std::move(decision.activity));
    } else {
      launch(group, std::move(decision), now);
    }
  }
  sync_registrations(group);
}

void Groups::launch(Group& group, compute::ScalingDecision decision, TimePoint now) {
  std::vector<std::string> refused;
  for (;;) {
    const std::string zone = decision.availability_zone;
    const std::string type = instance_type_of(launch_template_of(group));
    // Refused by a fault on the group itself, or on the role it launches as (both judged, so
    // each counts the attempt towards its share).
    const bool group_refused = group.launch_faults.next_launch_fails(zone, zone_id(zone));
    const bool role_refused =
        cloud_.kind<ApiFaults>()
            .error_for({group.region,
                        arn::autoscaling_service_linked_role(cloud_.options().account_id), "ec2",
                        "RunInstances", zone, type})
            .has_value();
    if (!group_refused && !role_refused) {
      break;
    }
    refused.push_back(zone);
    std::vector<std::string> open;
    for (const auto& az : group.spec.availability_zones) {
      if (std::find(refused.begin(), refused.end(), az) == refused.end()) {
        open.push_back(az);
      }
    }
    compute::ScalingDecision failed = decision;
    failed.activity.availability_zone = zone;
    failed.set_launch_failed(compute::insufficient_capacity_message(type, zone, open));
    add_activity(group, std::move(failed.activity));
    if (open.empty()) {
      return;  // no zone left this time: the next tick tries again, as Auto Scaling does
    }
    auto view = view_of(group);
    std::vector<const compute::GroupMember*> members;
    for (const auto& m : view.members) {
      if (m.state == compute::InstanceState::Pending ||
          m.state == compute::InstanceState::Running) {
        members.push_back(&m);
      }
    }
    decision.availability_zone = compute::choose_launch_azs(open, members, 1).front();
    decision.activity.availability_zone = decision.availability_zone;
    decision.activity.start_time = now;
  }
  auto launched = launch_member(group, decision.availability_zone);
  if (launched) {
    decision.set_launched_instance(*launched);
  } else {
    decision.set_launch_failed(launched.error().message);
  }
  add_activity(group, std::move(decision.activity));
}

void Groups::add_activity(Group& group, compute::ScalingActivity activity) {
  group.activities.push_back(std::move(activity));
  if (group.activities.size() > kActivityHistory) {
    group.activities.pop_front();
  }
}

Result<void> Groups::add_launch_fault(const std::string& group, const std::string& fault_id,
                                      compute::LaunchFault fault) {
  auto it = groups_.find(group);
  if (it == groups_.end()) {
    return errors::not_found("AutoScalingGroup name not found - " + group);
  }
  it->second.launch_faults.add(fault_id, std::move(fault));
  return {};
}

void Groups::remove_launch_fault(const std::string& group, const std::string& fault_id) {
  if (auto it = groups_.find(group); it != groups_.end()) {
    it->second.launch_faults.remove(fault_id);
  }
}

void Groups::sync_registrations(Group& group) {
  for (const auto& lb_name : group.spec.load_balancers) {
    const auto* b = cloud_.kind<Balancers>().find(lb_name);
    if (!b) {
      continue;
    }
    for (const auto& id : group.members) {
      const auto* instance = cloud_.instances().find(id);
      if (instance && instance->state == compute::InstanceState::Running &&
          !registered(*b->lb, id)) {
        (void)b->lb->register_instance({id, instance->private_ip, instance->availability_zone});
      }
    }
  }
}

Result<void> Groups::set_instance_health(const std::string& instance, bool healthy) {
  for (auto& [name, group] : groups_) {
    if (group.members.count(instance) == 0) {
      continue;
    }
    if (healthy) {
      return {};
    }
    const auto* member = cloud_.instances().find(instance);
    const std::string zone = member ? member->availability_zone : "";
    terminate_member(group, instance);
    auto now = cloud_.clock().now();
    add_activity(group,
                 {.description = "Terminating EC2 instance: " + instance,
                  .cause = fmt::format("At {} an instance was taken out of service in response "
                                       "to a user health-check.",
                                       format_iso8601(now)),
                  .start_time = now,
                  .availability_zone = zone});
    return {};
  }
  return errors::not_found("instance " + instance + " is in no auto-scaling group");
}

std::unique_ptr<Kind> make_groups(Cloud& cloud) { return std::make_unique<Groups>(cloud); }

}  // namespace faultbox::cloud
