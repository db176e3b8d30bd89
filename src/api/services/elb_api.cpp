// Classic Elastic Load Balancing (query protocol, 2012-06-01): the load balancers of the
// request's region, their instances' health, registrations and health check.
#include <fmt/format.h>

#include <algorithm>

#include "api/operation_service.h"
#include "api/services/all_services.h"
#include "cloud/balancers/balancers.h"
#include "core/aws_errors.h"

namespace faultbox::api {

namespace {
using nlohmann::json;

Error not_found(const std::string& name) {
  return Error{"LoadBalancerNotFound",
               fmt::format("There is no ACTIVE Load Balancer named '{}'", name), 400};
}

Error invalid_instance(const std::vector<std::string>& ids) {
  return Error{"InvalidInstance",
               fmt::format("Could not find EC2 instance {}.", fmt::join(ids, ", ")), 400};
}

Result<const cloud::Balancer*> balancer(const Call& call, const std::string& name) {
  const auto* b = call.cloud.kind<cloud::Balancers>().find(name);
  if (!b || b->region != call.region) {
    return not_found(name);
  }
  return b;
}

Result<const cloud::Balancer*> named_balancer(const Call& call, const Input& in) {
  FAULTBOX_TRY(name, in.string("LoadBalancerName", true));
  return balancer(call, name);
}

// Instances.member.N.InstanceId
Result<std::vector<std::string>> instance_ids(const Input& in) {
  FAULTBOX_TRY(items, in.structures("Instances"));
  std::vector<std::string> ids;
  for (const auto& i : items) {
    FAULTBOX_TRY(id, i.string("InstanceId", true));
    ids.push_back(id);
  }
  return ids;
}

json instances_json(const elb::LoadBalancer& lb) {
  json out = json::array();
  for (const auto& h : lb.describe_instance_health()) {
    out.push_back({{"InstanceId", h.instance_id}});
  }
  return out;
}

json health_check_json(const elb::HealthCheckConfig& hc) {
  return {{"Target", hc.target},
          {"Interval", hc.interval.count() / 1000},
          {"Timeout", hc.timeout.count() / 1000},
          {"UnhealthyThreshold", hc.unhealthy_threshold},
          {"HealthyThreshold", hc.healthy_threshold}};
}

json description(const Call& call, const cloud::Balancer& b) {
  json listeners = json::array();
  for (const auto& l : b.lb->config().listeners) {
    listeners.push_back({{"Listener",
                          {{"Protocol", "HTTP"},
                           {"LoadBalancerPort", l.lb_port},
                           {"InstanceProtocol", "HTTP"},
                           {"InstancePort", l.instance_port}}},
                         {"PolicyNames", json::array()}});
  }
  json subnets = json::array();
  for (const auto& az : b.availability_zones) {
    subnets.push_back("subnet-" + az);  // as EC2's DescribeInstances names them
  }
  return {{"LoadBalancerName", b.name},
          {"DNSName", b.dns_name},
          {"CanonicalHostedZoneName", b.dns_name},
          {"CanonicalHostedZoneNameID", "Z3FAULTBOXLAB"},
          {"ListenerDescriptions", listeners},
          {"Policies",
           {{"AppCookieStickinessPolicies", json::array()},
            {"LBCookieStickinessPolicies", json::array()},
            {"OtherPolicies", json::array()}}},
          {"BackendServerDescriptions", json::array()},
          {"AvailabilityZones", b.availability_zones},
          {"Subnets", subnets},
          {"VPCId", "vpc-faultbox"},
          {"Instances", instances_json(*b.lb)},
          {"HealthCheck", health_check_json(b.lb->config().health_check)},
          {"SourceSecurityGroup",
           {{"OwnerAlias", call.cloud.options().account_id}, {"GroupName", "default"}}},
          {"SecurityGroups", json::array()},
          {"Scheme", "internet-facing"}};
}

Result<json> describe_load_balancers(Call& call, const Input& in) {
  FAULTBOX_TRY(names, in.strings("LoadBalancerNames"));
  FAULTBOX_TRY(page_size, in.integer("PageSize"));
  FAULTBOX_TRY(marker, in.string("Marker"));
  std::vector<const cloud::Balancer*> selected;
  if (names.empty()) {
    for (const auto& [name, b] : call.cloud.kind<cloud::Balancers>().all()) {
      if (b.region == call.region) {
        selected.push_back(&b);
      }
    }
  } else {
    for (const auto& name : names) {
      FAULTBOX_TRY(b, balancer(call, name));
      selected.push_back(b);
    }
  }
  long long size = page_size.value_or(400);
  if (size < 1 || size > 400) {
    return query_errors::validation("PageSize must be between 1 and 400.");
  }
  // The marker is the name to start from (names are unique and listed in order).
  std::size_t begin = 0;
  if (!marker.empty()) {
    while (begin < selected.size() && selected[begin]->name < marker) {
      ++begin;
    }
  }
  auto end = std::min(selected.size(), begin + static_cast<std::size_t>(size));
  json list = json::array();
  for (auto n = begin; n < end; ++n) {
    list.push_back(description(call, *selected[n]));
  }
  json out = {{"LoadBalancerDescriptions", list}};
  if (end < selected.size()) {
    out["NextMarker"] = selected[end]->name;
  }
  return out;
}

Result<json> describe_instance_health(Call& call, const Input& in) {
  FAULTBOX_TRY(b, named_balancer(call, in));
  FAULTBOX_TRY(wanted, instance_ids(in));
  auto health = b->lb->describe_instance_health();
  std::vector<std::string> unknown;
  for (const auto& id : wanted) {
    bool registered = std::any_of(health.begin(), health.end(),
                                  [&](const auto& h) { return h.instance_id == id; });
    if (!registered && !call.cloud.instances().find(id)) {
      unknown.push_back(id);
    }
  }
  if (!unknown.empty()) {
    return invalid_instance(unknown);
  }
  json states = json::array();
  auto state_json = [](const elb::InstanceHealth& h) {
    return json{{"InstanceId", h.instance_id},
                {"State", h.state},
                {"ReasonCode", h.reason_code},
                {"Description", h.description}};
  };
  if (wanted.empty()) {
    for (const auto& h : health) {
      states.push_back(state_json(h));
    }
  }
  for (const auto& id : wanted) {  // a known instance that is not registered: "Unknown"
    auto it = std::find_if(health.begin(), health.end(),
                           [&](const elb::InstanceHealth& h) { return h.instance_id == id; });
    states.push_back(it != health.end()
                         ? state_json(*it)
                         : json{{"InstanceId", id},
                                {"State", "Unknown"},
                                {"ReasonCode", "N/A"},
                                {"Description", "Instance is not currently registered with "
                                                "the LoadBalancer."}});
  }
  return json{{"InstanceStates", states}};
}

Result<json> change_registrations(Call& call, const Input& in, bool add) {
  FAULTBOX_TRY(b, named_balancer(call, in));
  FAULTBOX_TRY(ids, instance_ids(in));
  if (ids.empty()) {
    return query_errors::validation("The parameter Instances is required.");
  }
  std::vector<std::string> unknown;
  for (const auto& id : ids) {
    const auto* i = call.cloud.instances().find(id);
    if (!i || i->region != call.region) {
      unknown.push_back(id);
    }
  }
  if (!unknown.empty()) {
    return invalid_instance(unknown);
  }
  for (const auto& id : ids) {
    if (add) {
      FAULTBOX_TRY_VOID(call.cloud.kind<cloud::Balancers>().register_instance(b->name, id));
    } else {
      (void)call.cloud.kind<cloud::Balancers>().deregister_instance(
          b->name, id);  // not registered: no change
    }
  }
  return json{{"Instances", instances_json(*b->lb)}};
}

Result<json> configure_health_check(Call& call, const Input& in) {
  FAULTBOX_TRY(b, named_balancer(call, in));
  if (!in.has("HealthCheck")) {
    return query_errors::validation("The parameter HealthCheck is required.");
  }
  FAULTBOX_TRY(hc_in, in.structure("HealthCheck"));
  elb::HealthCheckConfig hc;
  FAULTBOX_TRY(target, hc_in.string("Target", true));
  FAULTBOX_TRY(interval, hc_in.integer("Interval"));
  FAULTBOX_TRY(timeout, hc_in.integer("Timeout"));
  FAULTBOX_TRY(healthy, hc_in.integer("HealthyThreshold"));
  FAULTBOX_TRY(unhealthy, hc_in.integer("UnhealthyThreshold"));
  if (!interval || !timeout || !healthy || !unhealthy) {
    return query_errors::validation(
        "HealthCheck needs Target, Interval, Timeout, HealthyThreshold and "
        "UnhealthyThreshold.");
  }
  hc.target = target;
  hc.interval = std::chrono::seconds(*interval);
  hc.timeout = std::chrono::seconds(*timeout);
  hc.healthy_threshold = static_cast<int>(*healthy);
  hc.unhealthy_threshold = static_cast<int>(*unhealthy);
  auto config = b->lb->config();
  config.health_check = hc;
  if (auto valid = elb::validate(config); !valid) {
    return query_errors::validation(valid.error().message);
  }
  if (b->lb->config().health_check.target == hc.target &&
      b->lb->config().health_check.interval == hc.interval &&
      b->lb->config().health_check.timeout == hc.timeout &&
      b->lb->config().health_check.healthy_threshold == hc.healthy_threshold &&
      b->lb->config().health_check.unhealthy_threshold == hc.unhealthy_threshold) {
    return json{{"HealthCheck", health_check_json(hc)}};  // unchanged: health states stay
  }
  auto updated = call.cloud.kind<cloud::Balancers>().configure_health_check(b->name, hc);
  if (!updated) {
    return query_errors::validation(updated.error().message);
  }
  return json{{"HealthCheck", health_check_json((*updated)->lb->config().health_check)}};
}
}  // namespace

const Service& elb_api() {
  static const OperationService s(
      {"elb",
       "Elastic Load Balancing",
       {"elasticloadbalancing"},
       Protocol::Query,
       "2012-06-01",
       "http://elasticloadbalancing.amazonaws.com/doc/2012-06-01/",
       ""},
      WireOptions{},
      {{"DescribeLoadBalancers", describe_load_balancers},
       {"DescribeInstanceHealth", describe_instance_health},
       {"RegisterInstancesWithLoadBalancer",
        [](Call& c, const Input& in) { return change_registrations(c, in, true); }},
       {"DeregisterInstancesFromLoadBalancer",
        [](Call& c, const Input& in) { return change_registrations(c, in, false); }},
       {"ConfigureHealthCheck", configure_health_check}});
  return s;
}

}  // namespace faultbox::api
