// Auto-scaling groups in the Cloud: keep each at capacity with compute::decide, launch members
// from their launch template, and keep their load-balancer registrations in step.
#include <algorithm>

#include "cloud/cloud.h"

namespace faultbox::cloud {

namespace {
constexpr size_t kActivityHistory = 200;

bool registered(const elb::LoadBalancer& lb, const std::string& id) {
  auto health = lb.describe_instance_health();
  return std::any_of(health.begin(), health.end(),
                     [&id](const elb::InstanceHealth& h) { return h.instance_id == id; });
}
}  // namespace

Result<const Group*> Cloud::put_group(compute::AutoScalingGroupSpec spec,
                                      const std::string& region) {
  FAULTBOX_TRY_VOID(compute::validate(spec));
  const auto& ref = spec.launch_template;
  if (!find_launch_template(ref.id.empty() ? ref.name : ref.id)) {
    return errors::validation("auto-scaling group " + spec.name + ": launch template " +
                              (ref.id.empty() ? ref.name : ref.id) + " does not exist");
  }
  for (const auto& lb : spec.load_balancers) {
    if (!find_balancer(lb)) {
      return errors::validation("auto-scaling group " + spec.name + ": load balancer " + lb +
                                " does not exist");
    }
  }
  bool fresh = groups_.count(spec.name) == 0;
  auto& group = groups_[spec.name];
  if (fresh) {
    group.created = clock_.now();
  }
  group.spec = std::move(spec);
  group.region = region;
  return &group;
}

Result<void> Cloud::remove_group(const std::string& name) {
  auto it = groups_.find(name);
  if (it == groups_.end()) {
    return errors::not_found("auto-scaling group " + name + " does not exist");
  }
  for (const auto& id : it->second.members) {
    for (const auto& lb : it->second.spec.load_balancers) {
      if (auto b = balancers_.find(lb); b != balancers_.end()) {
        (void)b->second.lb->deregister_instance(id);
      }
    }
    (void)instances_.terminate(id);
  }
  groups_.erase(it);
  return {};
}

const Group* Cloud::find_group(const std::string& name) const {
  auto it = groups_.find(name);
  return it == groups_.end() ? nullptr : &it->second;
}

compute::GroupView Cloud::view_of(const Group& group) const {
  compute::GroupView view;
  view.spec = group.spec;
  const auto* lt = find_launch_template(group.spec.launch_template.id.empty()
                                            ? group.spec.launch_template.name
                                            : group.spec.launch_template.id);
  view.current_template_version = lt ? std::to_string(lt->version) : "1";
  for (const auto& id : group.members) {
    const auto* instance = instances_.find(id);
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
      auto b = balancers_.find(lb_name);
      if (b == balancers_.end()) {
        continue;
      }
      for (const auto& h : b->second.lb->describe_instance_health()) {
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

Result<std::string> Cloud::launch_member(Group& group, const std::string& az) {
  const auto& ref = group.spec.launch_template;
  const auto* lt = find_launch_template(ref.id.empty() ? ref.name : ref.id);
  if (!lt) {
    return errors::validation("launch template " + ref.id + ref.name + " no longer exists");
  }
  compute::LaunchSpec spec;
  spec.availability_zone = az;
  spec.image_id = lt->image_id.empty() ? compute::kWebImageId : lt->image_id;
  spec.instance_type = lt->instance_type.empty() ? "t3.micro" : lt->instance_type;
  spec.port = effective_port(80);
  spec.tags = lt->instance_tags;
  for (const auto& [k, v] : compute::launch_tags(group.spec)) {
    spec.tags[k] = v;
  }
  spec.user_data = lt->user_data;
  spec.metadata = lt->metadata;
  spec.launch_template = lt->id + ":" + std::to_string(lt->version);
  FAULTBOX_TRY(instance, instances_.run_instance(spec));
  group.members.insert(instance->id);
  return instance->id;
}

void Cloud::reconcile_group(Group& group, TimePoint now) {
  std::erase_if(group.members, [this](const std::string& id) { return !instances_.find(id); });
  for (auto& decision : compute::decide(view_of(group), now)) {
    if (decision.action == compute::ScalingAction::Terminate) {
      for (const auto& lb : group.spec.load_balancers) {
        if (auto b = balancers_.find(lb); b != balancers_.end()) {
          (void)b->second.lb->deregister_instance(decision.instance_id);
        }
      }
      (void)instances_.terminate(decision.instance_id);
      group.members.erase(decision.instance_id);
    } else {
      auto launched = launch_member(group, decision.availability_zone);
      if (!launched) {
        decision.activity.description += " (failed: " + launched.error().message + ")";
      } else {
        decision.set_launched_instance(*launched);
      }
    }
    group.activities.push_back(decision.activity);
    if (group.activities.size() > kActivityHistory) {
      group.activities.pop_front();
    }
  }
  sync_registrations(group);
}

void Cloud::sync_registrations(Group& group) {
  for (const auto& lb_name : group.spec.load_balancers) {
    auto b = balancers_.find(lb_name);
    if (b == balancers_.end()) {
      continue;
    }
    for (const auto& id : group.members) {
      const auto* instance = instances_.find(id);
      if (instance && instance->state == compute::InstanceState::Running &&
          !registered(*b->second.lb, id)) {
        (void)b->second.lb->register_instance(
            {id, instance->private_ip, instance->availability_zone});
      }
    }
  }
}

}  // namespace faultbox::cloud
