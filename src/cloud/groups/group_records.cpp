// Groups as "auto_scaling_group" records: spec, members and history. A restored group goes on
// reconciling from its saved members (their grace period counted from their launch).
#include "cloud/cloud.h"
#include "cloud/groups/groups.h"
#include "core/uuid.h"

namespace faultbox::cloud {

using nlohmann::json;

namespace {
json group_json(const Group& g) {
  const auto& s = g.spec;
  json tags = json::array();
  for (const auto& t : s.tags) {
    tags.push_back({{"key", t.key}, {"value", t.value}, {"propagate", t.propagate_at_launch}});
  }
  json activities = json::array();
  for (const auto& a : g.activities) {
    json activity = {{"description", a.description},
                     {"cause", a.cause},
                     {"start_ms", a.start_time.time_since_epoch().count()}};
    if (a.failed) {
      activity["status_message"] = a.status_message;
    }
    if (!a.availability_zone.empty()) {
      activity["zone"] = a.availability_zone;
    }
    activities.push_back(std::move(activity));
  }
  return {{"name", s.name},
          {"region", g.region},
          {"min", s.min_size},
          {"max", s.max_size},
          {"desired", s.desired_capacity},
          {"azs", s.availability_zones},
          {"subnets", s.subnet_ids},
          {"lt_id", s.launch_template.id},
          {"lt_name", s.launch_template.name},
          {"lt_version", s.launch_template.version},
          {"elb_check", s.health_check_type == compute::HealthCheckType::Elb},
          {"grace_ms", s.health_check_grace_period.count()},
          {"lbs", s.load_balancers},
          {"tags", tags},
          {"members", g.members},
          {"od_base", s.distribution ? s.distribution->on_demand_base : -1},
          {"od_percent", s.distribution ? s.distribution->on_demand_percent_above_base : -1},
          {"activities", activities},
          {"uuid", g.uuid},
          {"created_ms", g.created.time_since_epoch().count()}};
}

compute::AutoScalingGroupSpec group_spec_from(const json& j) {
  compute::AutoScalingGroupSpec s;
  s.name = j.at("name");
  s.min_size = j.at("min");
  s.max_size = j.at("max");
  s.desired_capacity = j.at("desired");
  s.availability_zones = j.at("azs").get<std::vector<std::string>>();
  s.subnet_ids = j.value("subnets", std::vector<std::string>{});
  s.launch_template = {j.at("lt_id"), j.at("lt_name"), j.at("lt_version")};
  s.health_check_type =
      j.at("elb_check").get<bool>() ? compute::HealthCheckType::Elb : compute::HealthCheckType::Ec2;
  s.health_check_grace_period = Duration(j.at("grace_ms").get<long>());
  s.load_balancers = j.at("lbs").get<std::vector<std::string>>();
  for (const auto& t : j.at("tags")) {
    s.tags.push_back({t.at("key"), t.at("value"), t.at("propagate")});
  }
  if (j.value("od_base", -1) >= 0) {
    s.distribution = compute::InstancesDistribution{j.at("od_base"), j.at("od_percent")};
  }
  return s;
}
}  // namespace

void Groups::save(Records& out) const {
  auto& records = out["auto_scaling_group"];
  for (const auto& [name, g] : groups_) {
    records.emplace_back(name, group_json(g));
  }
}

Result<void> Groups::restore(const Records& saved) {
  for (const auto& [name, j] : records_of(saved, "auto_scaling_group")) {
    auto& g = groups_[name];
    g.spec = group_spec_from(j);
    g.region = j.at("region");
    g.members = j.at("members").get<std::set<std::string>>();
    // Labs saved before groups kept these get a new identity and creation time.
    g.uuid = j.value("uuid", random_uuid());
    g.created = j.contains("created_ms") ? TimePoint(Duration(j.at("created_ms").get<long>()))
                                         : cloud_.clock().now();
    for (const auto& a : j.at("activities")) {
      g.activities.push_back(
          {a.at("description"), a.at("cause"), TimePoint(Duration(a.at("start_ms").get<long>())),
           a.contains("status_message"), a.value("status_message", ""), a.value("zone", "")});
    }
  }
  return {};
}

}  // namespace faultbox::cloud
