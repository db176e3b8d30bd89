#include "cloud/views.h"

#include "cloud/balancers/balancers.h"
#include "cloud/groups/groups.h"
#include "core/iso8601.h"

namespace faultbox::cloud {

nlohmann::json instance_view(const Cloud& cloud, const compute::Instance& i) {
  return {{"InstanceId", i.id},
          {"Arn", cloud.instances().arn(i)},
          {"State", {{"Name", state_name(i.state)}, {"Code", state_code(i.state)}}},
          {"StateReason", {{"Code", i.state_reason.code}, {"Message", i.state_reason.message}}},
          {"Status", status_name(i.status)},
          {"AvailabilityZone", i.availability_zone},
          {"PrivateIpAddress", i.private_ip},
          {"Port", i.port},
          {"ImageId", i.image_id},
          {"InstanceType", i.instance_type},
          {"LaunchTime", format_iso8601(i.launch_time)},
          {"Tags", i.tags},
          {"Pid", i.pid},
          {"ConsoleLog", cloud.instances().console_log(i.id).string()}};
}

nlohmann::json instances_view(const Cloud& cloud) {
  auto out = nlohmann::json::array();
  for (const auto* i : cloud.instances().list()) {
    out.push_back(instance_view(cloud, *i));
  }
  return out;
}

nlohmann::json groups_view(const Cloud& cloud) {
  auto out = nlohmann::json::array();
  for (const auto& [name, g] : cloud.kind<Groups>().all()) {
    auto activities = nlohmann::json::array();
    for (const auto& a : g.activities) {
      activities.push_back({{"Description", a.description},
                            {"Cause", a.cause},
                            {"StartTime", format_iso8601(a.start_time)},
                            {"StatusCode", a.failed ? "Failed" : "Successful"}});
    }
    out.push_back({{"AutoScalingGroupName", name},
                   {"AutoScalingGroupARN", cloud.kind<Groups>().arn(g)},
                   {"MinSize", g.spec.min_size},
                   {"MaxSize", g.spec.max_size},
                   {"DesiredCapacity", g.spec.desired_capacity},
                   {"AvailabilityZones", g.spec.availability_zones},
                   {"HealthCheckType",
                    g.spec.health_check_type == compute::HealthCheckType::Elb ? "ELB" : "EC2"},
                   {"LoadBalancerNames", g.spec.load_balancers},
                   {"Instances", g.members},
                   {"Activities", activities}});
  }
  return out;
}

nlohmann::json balancers_view(const Cloud& cloud) {
  auto out = nlohmann::json::array();
  for (const auto& [name, b] : cloud.kind<Balancers>().all()) {
    auto health = nlohmann::json::array();
    for (const auto& h : b.lb->describe_instance_health()) {
      health.push_back({{"InstanceId", h.instance_id},
                        {"State", h.state},
                        {"ReasonCode", h.reason_code},
                        {"Description", h.description}});
    }
    nlohmann::json totals = nlohmann::json::object();
    for (size_t m = 0; m < elb::kCounterCount; ++m) {
      uint64_t sum = 0;
      for (const auto& s : b.metrics) {
        sum += s.counts.counts[m];
      }
      totals[std::string(elb::kMetricNames[m])] = sum;
    }
    const auto& hc = b.lb->config().health_check;
    out.push_back({{"LoadBalancerName", name},
                   {"DNSName", b.dns_name},
                   {"Address", b.address},
                   {"HealthCheck",
                    {{"Target", hc.target},
                     {"Interval", hc.interval.count() / 1000},
                     {"Timeout", hc.timeout.count() / 1000},
                     {"HealthyThreshold", hc.healthy_threshold},
                     {"UnhealthyThreshold", hc.unhealthy_threshold}}},
                   {"InstanceHealth", health},
                   {"MetricTotals", totals}});
  }
  return out;
}

}  // namespace faultbox::cloud
