// EC2 (ec2 query protocol, 2016-11-15): instances of the request's region as DescribeInstances
// shows them, their status, state changes, console output, availability zones and tags.
#include <fmt/format.h>

#include <fstream>
#include <set>

#include "api/query_service.h"
#include "api/services/all_services.h"
#include "api/services/ec2_filters.h"
#include "cloud/network/subnets.h"
#include "compute/ids.h"
#include "core/aws_errors.h"
#include "core/base64.h"
#include "core/iso8601.h"
#include "core/zone_ids.h"

namespace faultbox::api {

namespace {
using compute::Instance;

Error invalid(std::string message) {
  return ec2_errors::invalid_parameter_value(std::move(message));
}

std::vector<const Instance*> region_instances(const Call& call) {
  std::vector<const Instance*> out;
  for (const auto* i : call.cloud.instances().list()) {
    if (i->region == call.region) {
      out.push_back(i);
    }
  }
  return out;  // ordered by id
}

// InstanceId.N: each must exist in the region (EC2 refuses the whole request otherwise).
Result<std::vector<const Instance*>> named_instances(const Call& call) {
  std::vector<const Instance*> out;
  std::vector<std::string> missing;
  for (const auto& id : call.params.list("InstanceId")) {
    if (!compute::is_instance_id(id)) {
      return ec2_errors::malformed_instance_id(id);
    }
    const auto* i = call.cloud.instances().find(id);
    if (!i || i->region != call.region) {
      missing.push_back(id);
    } else {
      out.push_back(i);
    }
  }
  if (!missing.empty()) {
    return ec2_errors::instance_not_found(
        fmt::format("The instance ID{} '{}' do{} not exist", missing.size() > 1 ? "s" : "",
                    fmt::join(missing, ", "), missing.size() > 1 ? "" : "es"));
  }
  return out;
}

void write_state(XmlWriter& w, const char* element, compute::InstanceState s) {
  w.open(element);
  w.number("code", compute::state_code(s));
  w.leaf("name", compute::state_name(s));
  w.close();
}

void write_tags(XmlWriter& w, const compute::Tags& tags) {
  w.open("tagSet");
  for (const auto& [k, v] : tags) {
    w.open("item");
    w.leaf("key", k);
    w.leaf("value", v);
    w.close();
  }
  w.close();
}

void write_instance(XmlWriter& w, const cloud::Cloud& cloud, const Instance& i) {
  w.open("item");
  w.leaf("instanceId", i.id);
  w.leaf("imageId", i.image_id);
  write_state(w, "instanceState", i.state);
  w.leaf("privateDnsName", i.private_dns_name());
  w.leaf("dnsName", "");
  w.leaf("reason", i.state_transition_reason);
  w.number("amiLaunchIndex", 0);
  w.leaf("instanceType", i.instance_type);
  w.leaf("launchTime", format_iso8601(i.launch_time));
  if (i.market.spot) {
    w.leaf("instanceLifecycle", "spot");
    w.leaf("spotInstanceRequestId", "sir-" + i.id.substr(2, 8));
  }
  w.open("placement");
  w.leaf("availabilityZone", i.availability_zone);
  w.leaf("groupName", "");
  w.leaf("tenancy", "default");
  w.close();
  w.open("monitoring");
  w.leaf("state", "disabled");
  w.close();
  // The same subnet and VPC the FIS target filters see (cloud/fis_environment.cpp).
  w.leaf("subnetId", cloud::subnet_of(i));
  w.leaf("vpcId", cloud::vpc_of(cloud, i));
  w.leaf("privateIpAddress", i.private_ip);
  w.boolean("sourceDestCheck", true);
  w.open("groupSet");
  w.close();
  if (!i.state_reason.code.empty()) {
    w.open("stateReason");
    w.leaf("code", i.state_reason.code);
    w.leaf("message", i.state_reason.message);
    w.close();
  }
  w.leaf("architecture", "x86_64");
  w.leaf("rootDeviceType", "ebs");
  w.leaf("rootDeviceName", "/dev/xvda");
  w.open("blockDeviceMapping");
  w.close();
  w.leaf("virtualizationType", "hvm");
  write_tags(w, i.tags);
  w.leaf("hypervisor", "xen");
  w.boolean("ebsOptimized", false);
  w.boolean("enaSupport", true);
  w.close();
}

// The instances a Describe* call selects: InstanceId.N or all of the region, then filters.
Result<std::vector<const Instance*>> select_instances(const Call& call,
                                                      const std::vector<ec2::Filter>& filters) {
  std::vector<const Instance*> candidates;
  if (call.params.indices("InstanceId").empty()) {
    candidates = region_instances(call);
  } else {
    FAULTBOX_TRY(named, named_instances(call));
    candidates = std::move(named);
    std::sort(candidates.begin(), candidates.end(),
              [](const Instance* a, const Instance* b) { return a->id < b->id; });
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  }
  std::vector<const Instance*> out;
  for (const auto* i : candidates) {
    bool keep =
        ec2::matches(filters, [&](const std::string& n) { return ec2::instance_field(*i, n); });
    if (keep) {
      out.push_back(i);
    }
  }
  return out;
}

std::vector<std::string> ids_of(const std::vector<const Instance*>& instances) {
  std::vector<std::string> ids;
  for (const auto* i : instances) {
    ids.push_back(i->id);
  }
  return ids;
}

Result<void> describe_instances(Call& call, XmlWriter& w) {
  FAULTBOX_TRY(filters, ec2::parse_filters(call.params, ec2::is_instance_filter));
  if (call.params.get("MaxResults") && !call.params.indices("InstanceId").empty()) {
    return ec2_errors::invalid_parameter_combination(
        "The parameter instancesSet cannot be used with the parameter maxResults");
  }
  FAULTBOX_TRY(selected, select_instances(call, filters));
  FAULTBOX_TRY(page, ec2::paginate(ids_of(selected), call.params, 5, 1000));
  const auto& account = call.cloud.options().account_id;
  w.open("reservationSet");
  for (size_t n = page.begin; n < page.end; ++n) {
    // The lab launches instances one at a time: one reservation each, named after it.
    const auto& i = *selected[n];
    w.open("item");
    w.leaf("reservationId", "r-" + i.id.substr(2));
    w.leaf("ownerId", account);
    w.open("groupSet");
    w.close();
    w.open("instancesSet");
    write_instance(w, call.cloud, i);
    w.close();
    w.close();
  }
  w.close();
  if (!page.next_token.empty()) {
    w.leaf("nextToken", page.next_token);
  }
  return {};
}

bool is_status_filter(const std::string& name) {
  return name == "availability-zone" || name == "instance-state-name" ||
         name == "instance-state-code" || name == "instance-status.status" ||
         name == "instance-status.reachability" || name == "system-status.status" ||
         name == "system-status.reachability";
}

// The status check as DescribeInstanceStatus words it: summary and reachability detail.
std::pair<std::string, std::string> instance_check(const Instance& i) {
  if (i.state != compute::InstanceState::Running) {
    return {"not-applicable", ""};
  }
  switch (i.status) {
    case compute::StatusCheck::Ok:
      return {"ok", "passed"};
    case compute::StatusCheck::Impaired:
      return {"impaired", "failed"};
    case compute::StatusCheck::NotApplicable:
      return {"initializing", "initializing"};
  }
  return {"not-applicable", ""};
}

std::vector<std::string> status_field(const Instance& i, const std::string& name) {
  auto [summary, detail] = instance_check(i);
  bool running = i.state == compute::InstanceState::Running;
  if (name == "instance-status.status") return {summary};
  if (name == "instance-status.reachability") return {detail};
  if (name == "system-status.status") return {running ? "ok" : "not-applicable"};
  if (name == "system-status.reachability") return {running ? "passed" : ""};
  return ec2::instance_field(i, name);
}

void write_check(XmlWriter& w, const char* element, const std::string& summary,
                 const std::string& detail) {
  w.open(element);
  w.leaf("status", summary);
  w.open("details");
  if (!detail.empty()) {
    w.open("item");
    w.leaf("name", "reachability");
    w.leaf("status", detail);
    w.close();
  }
  w.close();
  w.close();
}

Result<void> describe_instance_status(Call& call, XmlWriter& w) {
  FAULTBOX_TRY(filters, ec2::parse_filters(call.params, is_status_filter));
  std::vector<const Instance*> candidates;
  if (call.params.indices("InstanceId").empty()) {
    candidates = region_instances(call);
  } else {
    FAULTBOX_TRY(named, named_instances(call));
    candidates = std::move(named);
  }
  bool include_all = call.params.get_or("IncludeAllInstances", "false") == "true";
  std::vector<const Instance*> selected;
  for (const auto* i : candidates) {
    if (!include_all && i->state != compute::InstanceState::Running) {
      continue;
    }
    bool keep = ec2::matches(filters, [&](const std::string& n) { return status_field(*i, n); });
    if (keep) {
      selected.push_back(i);
    }
  }
  FAULTBOX_TRY(page, ec2::paginate(ids_of(selected), call.params, 5, 1000));
  w.open("instanceStatusSet");
  for (size_t n = page.begin; n < page.end; ++n) {
    const auto& i = *selected[n];
    auto [summary, detail] = instance_check(i);
    bool running = i.state == compute::InstanceState::Running;
    w.open("item");
    w.leaf("instanceId", i.id);
    w.leaf("availabilityZone", i.availability_zone);
    write_state(w, "instanceState", i.state);
    write_check(w, "systemStatus", running ? "ok" : "not-applicable", running ? "passed" : "");
    write_check(w, "instanceStatus", summary, detail);
    w.close();
  }
  w.close();
  if (!page.next_token.empty()) {
    w.leaf("nextToken", page.next_token);
  }
  return {};
}

// Start / Stop / Terminate: each instance's state before and after, as EC2 reports them.
using Transition = Result<void> (compute::InstanceManager::*)(const std::string&);
Result<void> change_states(Call& call, XmlWriter& w, Transition transition) {
  if (call.params.indices("InstanceId").empty()) {
    return ec2_errors::missing_parameter("InstanceId");
  }
  FAULTBOX_TRY(instances, named_instances(call));
  auto& manager = call.cloud.instances();
  std::vector<std::pair<std::string, compute::InstanceState>> before;
  for (const auto* i : instances) {
    before.emplace_back(i->id, i->state);
  }
  for (const auto& [id, state] : before) {
    FAULTBOX_TRY_VOID((manager.*transition)(id));
  }
  w.open("instancesSet");
  for (const auto& [id, state] : before) {
    w.open("item");
    w.leaf("instanceId", id);
    write_state(w, "currentState", manager.find(id)->state);
    write_state(w, "previousState", state);
    w.close();
  }
  w.close();
  return {};
}

Result<void> reboot_instances(Call& call, XmlWriter& w) {
  if (call.params.indices("InstanceId").empty()) {
    return ec2_errors::missing_parameter("InstanceId");
  }
  FAULTBOX_TRY(instances, named_instances(call));
  for (const auto* i : instances) {
    FAULTBOX_TRY_VOID(call.cloud.instances().reboot(i->id));
  }
  w.boolean("return", true);
  return {};
}

// The instance's console log (the boot and cloud-init output), base64 as EC2 sends it: the last
// 64 KiB, which is what EC2 keeps.
Result<void> get_console_output(Call& call, XmlWriter& w) {
  auto id = call.params.get("InstanceId");
  if (!id) {
    return ec2_errors::missing_parameter("InstanceId");
  }
  const auto* instance = call.cloud.instances().find(*id);
  if (!instance || instance->region != call.region) {
    return ec2_errors::instance_not_found("The instance ID '" + *id + "' does not exist");
  }
  constexpr std::streamoff kKept = 64 * 1024;
  std::ifstream in(call.cloud.instances().console_log(*id), std::ios::binary | std::ios::ate);
  std::string output;
  if (in) {
    const auto size = static_cast<std::streamoff>(in.tellg());
    in.seekg(std::max<std::streamoff>(0, size - kKept));
    output.assign(std::istreambuf_iterator<char>(in), {});
  }
  w.leaf("instanceId", instance->id);
  w.leaf("timestamp", format_iso8601(call.cloud.clock().now()));
  w.leaf("output", base64_encode(output));
  return {};
}

Result<void> describe_availability_zones(Call& call, XmlWriter& w) {
  auto known = [](const std::string& n) {
    return n == "zone-name" || n == "zone-id" || n == "region-name" || n == "state" ||
           n == "zone-type" || n == "group-name" || n == "opt-in-status";
  };
  FAULTBOX_TRY(filters, ec2::parse_filters(call.params, known));
  // Three zones per region, as most regions have, plus any other zone in use there.
  std::set<std::string> zones;
  for (char c : {'a', 'b', 'c'}) {
    zones.insert(call.region + c);
  }
  for (const auto* i : region_instances(call)) {
    zones.insert(i->availability_zone);
  }
  auto wanted = call.params.list("ZoneName");
  auto wanted_ids = call.params.list("ZoneId");
  w.open("availabilityZoneInfo");
  for (const auto& z : zones) {
    auto id = zone_id(z);
    if ((!wanted.empty() && std::find(wanted.begin(), wanted.end(), z) == wanted.end()) ||
        (!wanted_ids.empty() &&
         std::find(wanted_ids.begin(), wanted_ids.end(), id) == wanted_ids.end())) {
      continue;
    }
    bool keep = ec2::matches(filters, [&](const std::string& n) {
      if (n == "zone-name") return std::vector<std::string>{z};
      if (n == "zone-id") return std::vector<std::string>{id};
      if (n == "region-name" || n == "group-name") return std::vector{call.region};
      if (n == "state") return std::vector<std::string>{"available"};
      if (n == "zone-type") return std::vector<std::string>{"availability-zone"};
      return std::vector<std::string>{"opt-in-not-required"};
    });
    if (!keep) {
      continue;
    }
    w.open("item");
    w.leaf("zoneName", z);
    w.leaf("zoneState", "available");
    w.leaf("regionName", call.region);
    w.leaf("zoneId", id);
    w.leaf("optInStatus", "opt-in-not-required");
    w.leaf("groupName", call.region);
    w.leaf("networkBorderGroup", call.region);
    w.leaf("zoneType", "availability-zone");
    w.open("messageSet");
    w.close();
    w.close();
  }
  w.close();
  return {};
}

// ResourceId.N: only instances carry tags in the lab.
Result<std::vector<std::string>> tag_resources(const Call& call, const std::string& prefix) {
  auto ids = call.params.list(prefix);
  if (ids.empty()) {
    return ec2_errors::missing_parameter("resourceIdSet");
  }
  for (const auto& id : ids) {
    if (!compute::is_instance_id(id)) {
      return ec2_errors::invalid_id(id);
    }
    const auto* i = call.cloud.instances().find(id);
    if (!i || i->region != call.region) {
      return ec2_errors::instance_not_found("The instance ID '" + id + "' does not exist");
    }
  }
  return ids;
}

Result<void> create_tags(Call& call, XmlWriter& w) {
  FAULTBOX_TRY(ids, tag_resources(call, "ResourceId"));
  compute::Tags add;
  for (int n : call.params.indices("Tag")) {
    auto key = call.params.get_or(fmt::format("Tag.{}.Key", n), "");
    if (key.empty()) {
      return invalid("Tag keys must not be empty");
    }
    if (key.rfind("aws:", 0) == 0) {
      return invalid("Tag keys starting with 'aws:' are reserved for internal use");
    }
    add[key] = call.params.get_or(fmt::format("Tag.{}.Value", n), "");
  }
  if (add.empty()) {
    return ec2_errors::missing_parameter("Tag");
  }
  for (const auto& id : ids) {
    auto tags = call.cloud.instances().find(id)->tags;
    for (const auto& [k, v] : add) {
      tags[k] = v;
    }
    FAULTBOX_TRY_VOID(call.cloud.instances().set_tags(id, std::move(tags)));
  }
  w.boolean("return", true);
  return {};
}

Result<void> delete_tags(Call& call, XmlWriter& w) {
  FAULTBOX_TRY(ids, tag_resources(call, "ResourceId"));
  // Key without Value: delete whatever the value; Key with Value: only when it matches.
  std::vector<std::pair<std::string, std::optional<std::string>>> remove;
  for (int n : call.params.indices("Tag")) {
    auto key = call.params.get_or(fmt::format("Tag.{}.Key", n), "");
    if (key.rfind("aws:", 0) == 0) {
      return invalid("Tag keys starting with 'aws:' are reserved for internal use");
    }
    remove.emplace_back(key, call.params.get(fmt::format("Tag.{}.Value", n)));
  }
  for (const auto& id : ids) {
    auto tags = call.cloud.instances().find(id)->tags;
    for (auto it = tags.begin(); it != tags.end();) {
      bool user = it->first.rfind("aws:", 0) != 0;
      bool drop = remove.empty() && user;  // no Tag.N: every user tag goes
      for (const auto& [key, value] : remove) {
        drop = drop || (key == it->first && (!value || *value == it->second));
      }
      it = drop ? tags.erase(it) : std::next(it);
    }
    FAULTBOX_TRY_VOID(call.cloud.instances().set_tags(id, std::move(tags)));
  }
  w.boolean("return", true);
  return {};
}

Result<void> describe_tags(Call& call, XmlWriter& w) {
  auto known = [](const std::string& n) {
    return n == "resource-id" || n == "resource-type" || n == "key" || n == "value" ||
           n.rfind("tag:", 0) == 0;
  };
  FAULTBOX_TRY(filters, ec2::parse_filters(call.params, known));
  struct Row {
    std::string resource_id, key, value;
  };
  std::vector<Row> rows;
  std::vector<std::string> keys;  // "<resource id>\x1f<key>", ordered, for paging
  for (const auto* i : region_instances(call)) {
    for (const auto& tag : i->tags) {
      const auto& k = tag.first;  // named, not bound: clang 14's lambdas cannot capture bindings
      const auto& v = tag.second;
      bool keep = ec2::matches(filters, [&](const std::string& n) {
        if (n == "resource-id") return std::vector{i->id};
        if (n == "resource-type") return std::vector<std::string>{"instance"};
        if (n == "key") return std::vector{k};
        if (n == "value") return std::vector{v};
        return ec2::instance_field(*i, n);
      });
      if (keep) {
        rows.push_back({i->id, k, v});
        keys.push_back(i->id + '\x1f' + k);
      }
    }
  }
  FAULTBOX_TRY(page, ec2::paginate(keys, call.params, 5, 1000));
  w.open("tagSet");
  for (size_t n = page.begin; n < page.end; ++n) {
    w.open("item");
    w.leaf("resourceId", rows[n].resource_id);
    w.leaf("resourceType", "instance");
    w.leaf("key", rows[n].key);
    w.leaf("value", rows[n].value);
    w.close();
  }
  w.close();
  if (!page.next_token.empty()) {
    w.leaf("nextToken", page.next_token);
  }
  return {};
}
}  // namespace

const Service& ec2_api() {
  static const QueryService s({"ec2",
                               "EC2",
                               {"ec2"},
                               Protocol::Ec2,
                               "2016-11-15",
                               "http://ec2.amazonaws.com/doc/2016-11-15/",
                               ""},
                              {
                                  {"DescribeInstances", describe_instances},
                                  {"DescribeInstanceStatus", describe_instance_status},
                                  {"StartInstances",
                                   [](Call& c, XmlWriter& w) {
                                     return change_states(c, w, &compute::InstanceManager::start);
                                   }},
                                  {"StopInstances",
                                   [](Call& c, XmlWriter& w) {
                                     return change_states(c, w, &compute::InstanceManager::stop);
                                   }},
                                  {"TerminateInstances",
                                   [](Call& c, XmlWriter& w) {
                                     return change_states(c, w,
                                                          &compute::InstanceManager::terminate);
                                   }},
                                  {"RebootInstances", reboot_instances},
                                  {"GetConsoleOutput", get_console_output},
                                  {"DescribeAvailabilityZones", describe_availability_zones},
                                  {"CreateTags", create_tags},
                                  {"DeleteTags", delete_tags},
                                  {"DescribeTags", describe_tags},
                              });
  return s;
}

}  // namespace faultbox::api
