// Auto Scaling (query protocol, 2011-01-01): the groups of the request's region, their
// instances and activities, capacity and configuration changes, and SetInstanceHealth.
#include <fmt/format.h>

#include <algorithm>
#include <functional>

#include "api/operation_service.h"
#include "api/services/all_services.h"
#include "cloud/groups/groups.h"
#include "cloud/launch_templates/launch_templates.h"
#include "core/arn.h"
#include "core/aws_errors.h"
#include "core/iso8601.h"

namespace faultbox::api {

namespace {
using compute::InstanceState;
using nlohmann::json;

Error validation(std::string message) { return query_errors::validation(std::move(message)); }

// A stable UUID-shaped id from a text: an activity keeps its id between two describes.
std::string stable_uuid(const std::string& seed) {
  auto a = std::hash<std::string>{}(seed);
  auto b = std::hash<std::string>{}(seed + "#");
  return fmt::format("{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", a >> 32, (a >> 16) & 0xffff, a & 0xffff,
                     b >> 48, b & 0xffffffffffffULL);
}

std::string group_arn(const Call& call, const cloud::Group& g) {
  return call.cloud.kind<cloud::Groups>().arn(g);
}

Result<const cloud::Group*> group(const Call& call, const std::string& name) {
  const auto* g = call.cloud.kind<cloud::Groups>().find(name);
  if (!g || g->region != call.region) {
    return validation("AutoScalingGroup name not found - " + name);
  }
  return g;
}

// Auto Scaling's view of a member: lifecycle state and health.
std::pair<std::string, std::string> lifecycle(const compute::Instance& i) {
  switch (i.state) {
    case InstanceState::Pending:
      return {"Pending", "Healthy"};
    case InstanceState::Running:
      return {"InService", i.status == compute::StatusCheck::Impaired ? "Unhealthy" : "Healthy"};
    case InstanceState::Stopping:
    case InstanceState::Stopped:
      return {"InService", "Unhealthy"};  // until the group replaces it
    case InstanceState::ShuttingDown:
      return {"Terminating", "Unhealthy"};
    case InstanceState::Terminated:
      return {"Terminated", "Unhealthy"};
  }
  return {"InService", "Healthy"};
}

json launch_template_json(const Call& call, const cloud::Group& g, const std::string& version) {
  const auto& ref = g.spec.launch_template;
  const auto* lt =
      call.cloud.kind<cloud::LaunchTemplates>().find(ref.id.empty() ? ref.name : ref.id);
  return {{"LaunchTemplateId", lt ? lt->id : ref.id},
          {"LaunchTemplateName", lt ? lt->name : ref.name},
          {"Version", version}};
}

json member_json(const Call& call, const cloud::Group& g, const compute::Instance& i,
                 bool with_group) {
  auto [state, health] = lifecycle(i);
  auto colon = i.launch_template.rfind(':');
  auto version = colon == std::string::npos ? g.spec.launch_template.version
                                            : i.launch_template.substr(colon + 1);
  json m = {{"InstanceId", i.id},
            {"InstanceType", i.instance_type},
            {"AvailabilityZone", i.availability_zone},
            {"LifecycleState", state},
            {"HealthStatus", health},
            {"LaunchTemplate", launch_template_json(call, g, version)},
            {"ProtectedFromScaleIn", false}};
  if (with_group) {
    m["AutoScalingGroupName"] = g.spec.name;
  }
  return m;
}

json group_json(const Call& call, const cloud::Group& g) {
  json instances = json::array();
  for (const auto& id : g.members) {
    if (const auto* i = call.cloud.instances().find(id)) {
      instances.push_back(member_json(call, g, *i, false));
    }
  }
  json tags = json::array();
  for (const auto& t : g.spec.tags) {
    tags.push_back({{"ResourceId", g.spec.name},
                    {"ResourceType", "auto-scaling-group"},
                    {"Key", t.key},
                    {"Value", t.value},
                    {"PropagateAtLaunch", t.propagate_at_launch}});
  }
  std::vector<std::string> subnets = g.spec.subnet_ids;
  if (subnets.empty()) {
    for (const auto& az : g.spec.availability_zones) subnets.push_back("subnet-" + az);
  }
  json out = {
      {"AutoScalingGroupName", g.spec.name},
      {"AutoScalingGroupARN", group_arn(call, g)},
      {"LaunchTemplate", launch_template_json(call, g, g.spec.launch_template.version)},
      {"MinSize", g.spec.min_size},
      {"MaxSize", g.spec.max_size},
      {"DesiredCapacity", g.spec.desired_capacity},
      {"DefaultCooldown", 300},
      {"AvailabilityZones", g.spec.availability_zones},
      {"LoadBalancerNames", g.spec.load_balancers},
      {"TargetGroupARNs", json::array()},
      {"HealthCheckType",
       g.spec.health_check_type == compute::HealthCheckType::Elb ? "ELB" : "EC2"},
      {"HealthCheckGracePeriod",
       std::chrono::duration_cast<std::chrono::seconds>(g.spec.health_check_grace_period).count()},
      {"Instances", instances},
      {"CreatedTime", format_iso8601(g.created)},
      {"SuspendedProcesses", json::array()},
      {"VPCZoneIdentifier", fmt::format("{}", fmt::join(subnets, ","))},
      {"EnabledMetrics", json::array()},
      {"Tags", tags},
      {"TerminationPolicies", json::array({"Default"})},
      {"NewInstancesProtectedFromScaleIn", false},
      {"ServiceLinkedRoleARN",
       arn::autoscaling_service_linked_role(call.cloud.options().account_id)}};
  if (g.spec.distribution) {
    // A mixed instances policy holds the template instead of the group.
    out.erase("LaunchTemplate");
    out["MixedInstancesPolicy"] = {
        {"LaunchTemplate",
         {{"LaunchTemplateSpecification",
           launch_template_json(call, g, g.spec.launch_template.version)}}},
        {"InstancesDistribution",
         {{"OnDemandAllocationStrategy", "prioritized"},
          {"OnDemandBaseCapacity", g.spec.distribution->on_demand_base},
          {"OnDemandPercentageAboveBaseCapacity",
           g.spec.distribution->on_demand_percent_above_base},
          {"SpotAllocationStrategy", "price-capacity-optimized"}}}};
  }
  return out;
}

// NextToken: the index of the page's first item.
struct Page {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string next_token;
};

Result<Page> page_of(const Input& in, std::size_t total, long long fallback, long long max) {
  FAULTBOX_TRY(records, in.integer("MaxRecords"));
  long long n = records.value_or(fallback);
  if (n < 1 || n > max) {
    return validation(fmt::format("MaxRecords must be between 1 and {}.", max));
  }
  FAULTBOX_TRY(token, in.string("NextToken"));
  Page p;
  if (!token.empty()) {
    if (token.find_first_not_of("0123456789") != std::string::npos || std::stoull(token) > total) {
      return Error{"InvalidNextToken", "The NextToken value is invalid.", 400};
    }
    p.begin = std::stoull(token);
  }
  p.end = std::min(total, p.begin + static_cast<std::size_t>(n));
  if (p.end < total) {
    p.next_token = std::to_string(p.end);
  }
  return p;
}

// Filters: tag:<key>, tag-key, tag-value (any value of a filter matches; all filters must).
Result<bool> matches_filters(const cloud::Group& g, const std::vector<Input>& filters) {
  for (const auto& f : filters) {
    FAULTBOX_TRY(name, f.string("Name", true));
    FAULTBOX_TRY(values, f.strings("Values"));
    auto any_tag = [&](const std::function<bool(const compute::GroupTag&)>& pred) {
      return std::any_of(g.spec.tags.begin(), g.spec.tags.end(), pred);
    };
    auto listed = [&](const std::string& v) {
      return std::find(values.begin(), values.end(), v) != values.end();
    };
    bool ok = false;
    if (name.rfind("tag:", 0) == 0) {
      auto key = name.substr(4);
      ok = any_tag([&](const compute::GroupTag& t) { return t.key == key && listed(t.value); });
    } else if (name == "tag-key") {
      ok = any_tag([&](const compute::GroupTag& t) { return listed(t.key); });
    } else if (name == "tag-value") {
      ok = any_tag([&](const compute::GroupTag& t) { return listed(t.value); });
    } else {
      return validation("Filter name " + name +
                        " is not supported by the lab; use tag:<key>, tag-key or tag-value.");
    }
    if (!ok) {
      return false;
    }
  }
  return true;
}

Result<json> describe_groups(Call& call, const Input& in) {
  FAULTBOX_TRY(names, in.strings("AutoScalingGroupNames"));
  FAULTBOX_TRY(filters, in.structures("Filters"));
  std::vector<const cloud::Group*> selected;
  for (const auto& [name, g] : call.cloud.kind<cloud::Groups>().all()) {
    bool named = names.empty() || std::find(names.begin(), names.end(), name) != names.end();
    if (g.region != call.region || !named) {
      continue;
    }
    FAULTBOX_TRY(keep, matches_filters(g, filters));
    if (keep) {
      selected.push_back(&g);
    }
  }
  FAULTBOX_TRY(page, page_of(in, selected.size(), 50, 100));
  json list = json::array();
  for (auto n = page.begin; n < page.end; ++n) {
    list.push_back(group_json(call, *selected[n]));
  }
  json out = {{"AutoScalingGroups", list}};
  if (!page.next_token.empty()) {
    out["NextToken"] = page.next_token;
  }
  return out;
}

Result<json> describe_instances(Call& call, const Input& in) {
  FAULTBOX_TRY(ids, in.strings("InstanceIds"));
  std::vector<json> found;
  for (const auto& [name, g] : call.cloud.kind<cloud::Groups>().all()) {
    if (g.region != call.region) {
      continue;
    }
    for (const auto& id : g.members) {
      const auto* i = call.cloud.instances().find(id);
      if (i && (ids.empty() || std::find(ids.begin(), ids.end(), id) != ids.end())) {
        found.push_back(member_json(call, g, *i, true));
      }
    }
  }
  std::sort(found.begin(), found.end(),
            [](const json& a, const json& b) { return a["InstanceId"] < b["InstanceId"]; });
  FAULTBOX_TRY(page, page_of(in, found.size(), 50, 50));
  json list = json::array();
  for (auto n = page.begin; n < page.end; ++n) {
    list.push_back(found[n]);
  }
  json out = {{"AutoScalingInstances", list}};
  if (!page.next_token.empty()) {
    out["NextToken"] = page.next_token;
  }
  return out;
}

Result<void> put_spec(Call& call, compute::AutoScalingGroupSpec spec, const std::string& region) {
  auto done = call.cloud.kind<cloud::Groups>().put(std::move(spec), region);
  if (!done) {
    return validation(done.error().message);
  }
  return {};
}

Result<json> set_desired_capacity(Call& call, const Input& in) {
  FAULTBOX_TRY(name, in.string("AutoScalingGroupName", true));
  FAULTBOX_TRY(desired, in.integer("DesiredCapacity"));
  if (!desired) {
    return validation("The parameter DesiredCapacity is required.");
  }
  FAULTBOX_TRY(g, group(call, name));
  auto spec = g->spec;
  if (*desired > spec.max_size) {
    return validation(fmt::format(
        "New SetDesiredCapacity value {} is above max value {} for the AutoScalingGroup.", *desired,
        spec.max_size));
  }
  if (*desired < spec.min_size) {
    return validation(fmt::format(
        "New SetDesiredCapacity value {} is below min value {} for the AutoScalingGroup.", *desired,
        spec.min_size));
  }
  spec.desired_capacity = static_cast<int>(*desired);
  FAULTBOX_TRY_VOID(put_spec(call, std::move(spec), g->region));
  return json::object();
}

Result<json> update_group(Call& call, const Input& in) {
  FAULTBOX_TRY(name, in.string("AutoScalingGroupName", true));
  FAULTBOX_TRY(g, group(call, name));
  auto spec = g->spec;
  FAULTBOX_TRY(min, in.integer("MinSize"));
  FAULTBOX_TRY(max, in.integer("MaxSize"));
  FAULTBOX_TRY(desired, in.integer("DesiredCapacity"));
  FAULTBOX_TRY(grace, in.integer("HealthCheckGracePeriod"));
  FAULTBOX_TRY(check_type, in.string("HealthCheckType"));
  FAULTBOX_TRY(azs, in.strings("AvailabilityZones"));
  spec.min_size = static_cast<int>(min.value_or(spec.min_size));
  spec.max_size = static_cast<int>(max.value_or(spec.max_size));
  if (desired) {
    spec.desired_capacity = static_cast<int>(*desired);
  } else {  // as Auto Scaling does: new bounds pull the desired capacity along
    spec.desired_capacity =
        std::clamp(spec.desired_capacity, spec.min_size, std::max(spec.min_size, spec.max_size));
  }
  if (grace) {
    spec.health_check_grace_period = std::chrono::seconds(*grace);
  }
  if (!check_type.empty()) {
    auto parsed = compute::parse_health_check_type(check_type);
    if (!parsed) {
      return validation(parsed.error().message);
    }
    spec.health_check_type = *parsed;
  }
  if (!azs.empty()) {
    spec.availability_zones = azs;
  }
  if (in.has("LaunchTemplate")) {
    FAULTBOX_TRY(lt, in.structure("LaunchTemplate"));
    FAULTBOX_TRY(id, lt.string("LaunchTemplateId"));
    FAULTBOX_TRY(lt_name, lt.string("LaunchTemplateName"));
    FAULTBOX_TRY(version, lt.string("Version"));
    if (id.empty() == lt_name.empty()) {
      return validation("Valid requests must contain either LaunchTemplateId or "
                        "LaunchTemplateName.");
    }
    spec.launch_template = {id, lt_name, version.empty() ? "$Default" : version};
  }
  FAULTBOX_TRY_VOID(put_spec(call, std::move(spec), g->region));
  return json::object();
}

Result<json> describe_activities(Call& call, const Input& in) {
  FAULTBOX_TRY(name, in.string("AutoScalingGroupName"));
  FAULTBOX_TRY(ids, in.strings("ActivityIds"));
  std::vector<json> found;
  for (const auto& [group_name, g] : call.cloud.kind<cloud::Groups>().all()) {
    if (g.region != call.region || (!name.empty() && name != group_name)) {
      continue;
    }
    std::size_t n = 0;
    for (const auto& a : g.activities) {
      auto id = stable_uuid(fmt::format("{}/{}/{}/{}", group_name, n++,
                                        a.start_time.time_since_epoch().count(), a.description));
      if (!ids.empty() && std::find(ids.begin(), ids.end(), id) == ids.end()) {
        continue;
      }
      json activity = {{"ActivityId", id},
                       {"AutoScalingGroupName", group_name},
                       {"AutoScalingGroupARN", group_arn(call, g)},
                       {"Description", a.description},
                       {"Cause", a.cause},
                       {"StartTime", format_iso8601(a.start_time)},
                       {"EndTime", format_iso8601(a.start_time)},
                       {"StatusCode", a.failed ? "Failed" : "Successful"},
                       {"Progress", 100},
                       {"Details", "{}"}};
      if (a.failed) {
        activity["StatusMessage"] = a.status_message;
      }
      found.push_back(std::move(activity));
    }
  }
  std::stable_sort(found.begin(), found.end(), [](const json& a, const json& b) {
    return a["StartTime"].get<std::string>() > b["StartTime"].get<std::string>();  // newest first
  });
  FAULTBOX_TRY(page, page_of(in, found.size(), 100, 100));
  json list = json::array();
  for (auto n = page.begin; n < page.end; ++n) {
    list.push_back(found[n]);
  }
  json out = {{"Activities", list}};
  if (!page.next_token.empty()) {
    out["NextToken"] = page.next_token;
  }
  return out;
}

Result<json> set_instance_health(Call& call, const Input& in) {
  FAULTBOX_TRY(id, in.string("InstanceId", true));
  FAULTBOX_TRY(status, in.string("HealthStatus", true));
  if (status != "Healthy" && status != "Unhealthy") {
    return validation("The HealthStatus " + status + " is not valid: use Healthy or Unhealthy.");
  }
  const auto* i = call.cloud.instances().find(id);
  if (!i || i->region != call.region ||
      !call.cloud.kind<cloud::Groups>().set_instance_health(id, status == "Healthy")) {
    return validation("Instance Id not found - No managed instance found for instance ID: " + id);
  }
  return json::object();
}
}  // namespace

const Service& autoscaling_api() {
  static const OperationService s({"autoscaling",
                                   "Auto Scaling",
                                   {"autoscaling"},
                                   Protocol::Query,
                                   "2011-01-01",
                                   "http://autoscaling.amazonaws.com/doc/2011-01-01/",
                                   ""},
                                  WireOptions{},
                                  {{"DescribeAutoScalingGroups", describe_groups},
                                   {"DescribeAutoScalingInstances", describe_instances},
                                   {"SetDesiredCapacity", set_desired_capacity},
                                   {"UpdateAutoScalingGroup", update_group},
                                   {"DescribeScalingActivities", describe_activities},
                                   {"SetInstanceHealth", set_instance_health}});
  return s;
}

}  // namespace faultbox::api
