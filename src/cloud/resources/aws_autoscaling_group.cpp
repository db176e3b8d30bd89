// aws_autoscaling_group: keeps N instances of a launch template spread over AZs, replaces the
// unhealthy ones, registers them with its classic load balancers.
#include <algorithm>

#include "cloud/groups/groups.h"
#include "cloud/resource_handler.h"

namespace faultbox::cloud::resources {

namespace {
std::vector<std::string> default_azs(const std::string& region) {
  return {region + "a", region + "b", region + "c"};
}

// The AZs of the subnets the group is placed in (vpc_zone_identifier), in order, each once; the
// subnets are the lab's aws_subnet records.
Result<std::vector<std::string>> subnet_azs(const Cloud& cloud, const ValueReader& r,
                                            const std::vector<std::string>& subnet_ids) {
  const auto& subnets = cloud.records("aws_subnet");
  std::vector<std::string> azs;
  for (const auto& id : subnet_ids) {
    auto it = subnets.find(id);
    if (it == subnets.end() ||
        !it->second.value("availability_zone", nlohmann::json()).is_string()) {
      return errors::validation(r.where() + ": vpc_zone_identifier: the subnet ID '" + id +
                                "' does not exist");
    }
    auto az = it->second["availability_zone"].get<std::string>();
    if (std::find(azs.begin(), azs.end(), az) == azs.end()) {
      azs.push_back(az);
    }
  }
  return azs;
}

// mixed_instances_policy: its launch template (launch_template_specification) and its
// instances_distribution (on-demand base and percentage above it; the rest spot). Instance type
// overrides are not modelled: every instance gets the template's type.
Result<void> read_mixed_policy(const ValueReader& policy, compute::AutoScalingGroupSpec& spec) {
  auto lts = policy.blocks("launch_template");
  auto specs =
      lts.empty() ? std::vector<ValueReader>{} : lts[0].blocks("launch_template_specification");
  if (specs.empty()) {
    return errors::validation(policy.where() +
                              ": launch_template.launch_template_specification is required");
  }
  FAULTBOX_TRY(lt_id, specs[0].string("launch_template_id"));
  FAULTBOX_TRY(lt_name, specs[0].string("launch_template_name"));
  FAULTBOX_TRY(lt_version, specs[0].string("version", "$Default"));
  spec.launch_template = {lt_id, lt_name, lt_version};
  compute::InstancesDistribution d;
  for (const auto& dist : policy.blocks("instances_distribution")) {
    FAULTBOX_TRY(base, dist.integer("on_demand_base_capacity", 0));
    FAULTBOX_TRY(percent, dist.integer("on_demand_percentage_above_base_capacity", 100));
    if (base < 0 || percent < 0 || percent > 100) {
      return errors::validation(dist.where() + ": on_demand_base_capacity must be >= 0 and "
                                               "on_demand_percentage_above_base_capacity 0 to 100");
    }
    d = {static_cast<int>(base), static_cast<int>(percent)};
  }
  spec.distribution = d;
  return {};
}

// `cloud` resolves vpc_zone_identifier's subnets; without it (validation, before the subnets may
// exist) the region's default AZs stand in.
Result<compute::AutoScalingGroupSpec> read(const ValueReader& r, const std::string& region,
                                           const std::string& fallback_name,
                                           const Cloud* cloud = nullptr) {
  compute::AutoScalingGroupSpec spec;
  FAULTBOX_TRY(name, r.string("name", fallback_name));
  spec.name = name;
  FAULTBOX_TRY(min, r.integer("min_size", 0));
  FAULTBOX_TRY(max, r.integer("max_size", 0));
  FAULTBOX_TRY(desired, r.integer("desired_capacity", min));
  spec.min_size = static_cast<int>(min);
  spec.max_size = static_cast<int>(max);
  spec.desired_capacity = static_cast<int>(desired);
  FAULTBOX_TRY(azs, r.strings("availability_zones"));
  FAULTBOX_TRY(subnets, r.strings("vpc_zone_identifier"));
  if (!azs.empty() && !subnets.empty()) {
    return errors::validation(r.where() +
                              ": set availability_zones or vpc_zone_identifier, not both");
  }
  if (!subnets.empty() && cloud != nullptr) {
    FAULTBOX_TRY(subnet_zones, subnet_azs(*cloud, r, subnets));
    azs = std::move(subnet_zones);
    spec.subnet_ids = subnets;
  }
  spec.availability_zones = azs.empty() ? default_azs(region) : azs;
  FAULTBOX_TRY(check_type, r.string("health_check_type", "EC2"));
  FAULTBOX_TRY(parsed_type, compute::parse_health_check_type(check_type));
  spec.health_check_type = parsed_type;
  FAULTBOX_TRY(grace, r.integer("health_check_grace_period", 300));
  spec.health_check_grace_period = std::chrono::seconds(grace);
  FAULTBOX_TRY(lbs, r.strings("load_balancers"));
  spec.load_balancers = lbs;
  auto templates = r.blocks("launch_template");
  auto mixed = r.blocks("mixed_instances_policy");
  if (templates.empty() == mixed.empty()) {
    return errors::validation(r.where() +
                              ": one launch_template or mixed_instances_policy block is required");
  }
  if (!templates.empty()) {
    FAULTBOX_TRY(lt_id, templates[0].string("id"));
    FAULTBOX_TRY(lt_name, templates[0].string("name"));
    FAULTBOX_TRY(lt_version, templates[0].string("version", "$Default"));
    spec.launch_template = {lt_id, lt_name, lt_version};
  } else {
    FAULTBOX_TRY_VOID(read_mixed_policy(mixed[0], spec));
  }
  for (const auto& tag : r.blocks("tag")) {
    FAULTBOX_TRY(key, tag.string("key"));
    FAULTBOX_TRY(value, tag.string("value"));
    FAULTBOX_TRY(propagate, tag.boolean("propagate_at_launch", false));
    spec.tags.push_back({key, value, propagate});
  }
  return spec;
}

Result<expr::Value> put(Cloud& cloud, const stack::ResourceChange& c) {
  FAULTBOX_TRY(spec, read(ValueReader(c.config, c.address), c.region, c.name, &cloud));
  FAULTBOX_TRY(group, cloud.kind<Groups>().put(std::move(spec), c.region));
  auto arn = cloud.kind<Groups>().arn(*group);
  return with_computed(c.config, {{"id", expr::Value::string(group->spec.name)},
                                  {"name", expr::Value::string(group->spec.name)},
                                  {"arn", expr::Value::string(arn)}});
}
}  // namespace

ResourceHandler aws_autoscaling_group() {
  return {
      .type = "aws_autoscaling_group",
      .modelled = {"name", "min_size", "max_size", "desired_capacity", "availability_zones",
                   "vpc_zone_identifier", "health_check_type", "health_check_grace_period",
                   "load_balancers", "launch_template", "mixed_instances_policy", "tag"},
      .computed = {"id", "arn"},
      .schema = {{"min_size", "number"},
                 {"max_size", "number"},
                 {"desired_capacity", "number"},
                 {"health_check_grace_period", "number"},
                 {"availability_zones", "set(string)"},
                 {"vpc_zone_identifier", "set(string)"},
                 {"load_balancers", "set(string)"},
                 {"target_group_arns", "set(string)"}},
      .validate = [](const Cloud&, const ValueReader& r) -> Result<void> {
        FAULTBOX_TRY(spec, read(r, "us-east-1", "x"));
        // Names may still be unknown here; only the sizes and shapes are checked.
        if (spec.name.empty()) {
          spec.name = "x";
        }
        if (spec.launch_template.id.empty() && spec.launch_template.name.empty()) {
          spec.launch_template.id = "unknown";
        }
        return compute::validate(spec);
      },
      .create = put,
      .update = put,
      .destroy = [](Cloud& cloud, const stack::ResourceChange& c) -> Result<void> {
        return cloud.kind<Groups>().remove(state_string(c.state, "name"));
      },
      .unique_name =
          UniqueName{
              .attribute = "name",
              .held = [](Cloud& cloud, const std::string&,
                         const std::string& name) { return cloud.kind<Groups>().find(name); },
              .already_exists =
                  [](const std::string& name) {
                    return Error("AlreadyExists",
                                 "AutoScalingGroup by this name already exists - A group with the "
                                 "name " +
                                     name + " already exists",
                                 400);
                  }},
  };
}

}  // namespace faultbox::cloud::resources
