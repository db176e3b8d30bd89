// `faultbox instances | groups | lbs`: what the lab runs, as tables or JSON.
#include <iostream>

#include "cli/commands.h"
#include "cli/lab_connection.h"
#include "cli/table.h"
#include "core/json_text.h"

namespace faultbox::cli {

namespace {
// "tag:Panda=funky", "availability-zone=eu-west-2a", "instance-state-name=running".
bool matches(const nlohmann::json& i, const std::string& filter) {
  auto eq = filter.find('=');
  if (eq == std::string::npos) {
    fail(errors::validation("filter \"" + filter + "\" must look like NAME=VALUE"));
  }
  auto name = filter.substr(0, eq);
  auto value = filter.substr(eq + 1);
  if (name.rfind("tag:", 0) == 0) {
    auto tags = i.value("Tags", nlohmann::json::object());
    return tags.value(name.substr(4), std::string("\x01")) == value;
  }
  if (name == "availability-zone") {
    return i.value("AvailabilityZone", "") == value;
  }
  if (name == "instance-state-name") {
    return i["State"].value("Name", "") == value;
  }
  if (name == "instance-id") {
    return i.value("InstanceId", "") == value;
  }
  fail(errors::validation("unknown filter \"" + name +
                          "\" (tag:KEY, availability-zone, instance-state-name, instance-id)"));
}

std::string join(const nlohmann::json& list) {
  std::string out;
  for (const auto& v : list) {
    out += (out.empty() ? "" : ",") + v.get<std::string>();
  }
  return out;
}
}  // namespace

void add_view_commands(CLI::App& app, GlobalOptions& global) {
  auto filters = std::make_shared<std::vector<std::string>>();
  auto* instances = app.add_subcommand("instances", "List instances (EC2 states, AZ, IP, tags)");
  instances->add_option("--filter", *filters,
                        "Keep instances matching NAME=VALUE: tag:KEY, availability-zone, "
                        "instance-state-name, instance-id (repeatable; all must match)");
  set_examples(instances, {"faultbox instances --filter tag:Panda=funky --filter "
                           "availability-zone=eu-west-2a"});
  instances->callback([&global, filters] {
    auto all = lab_request(global, "GET", "/_faultbox/instances");
    auto kept = nlohmann::json::array();
    for (const auto& i : all) {
      bool ok = true;
      for (const auto& f : *filters) {
        ok = ok && matches(i, f);
      }
      if (ok) {
        kept.push_back(i);
      }
    }
    if (global.output == "json") {
      std::cout << json_text(kept, 2) << "\n";
      return;
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& i : kept) {
      std::string tags;
      for (const auto& [k, v] : i["Tags"].items()) {
        tags += (tags.empty() ? "" : ",") + k + "=" + v.get<std::string>();
      }
      rows.push_back({i["InstanceId"], i["State"]["Name"], i["Status"], i["AvailabilityZone"],
                      i["PrivateIpAddress"], tags});
    }
    std::cout << render_table({"ID", "STATE", "STATUS", "AZ", "IP", "TAGS"}, rows);
  });

  auto* groups = app.add_subcommand("groups", "List auto-scaling groups with recent activities");
  set_examples(groups, {"faultbox groups"});
  groups->callback([&global] {
    auto all = lab_request(global, "GET", "/_faultbox/groups");
    if (global.output == "json") {
      std::cout << json_text(all, 2) << "\n";
      return;
    }
    for (const auto& g : all) {
      std::cout << g["AutoScalingGroupName"].get<std::string>() << ": min " << g["MinSize"]
                << ", max " << g["MaxSize"] << ", desired " << g["DesiredCapacity"]
                << ", health check " << g["HealthCheckType"].get<std::string>() << ", AZs "
                << join(g["AvailabilityZones"]) << ", instances " << join(g["Instances"]) << "\n";
      const auto& acts = g["Activities"];
      for (size_t k = acts.size() > 10 ? acts.size() - 10 : 0; k < acts.size(); ++k) {
        std::cout << "  " << acts[k]["StartTime"].get<std::string>() << "  "
                  << acts[k]["Description"].get<std::string>() << "\n";
      }
    }
  });

  auto* lbs = app.add_subcommand("lbs", "List load balancers with per-instance health");
  set_examples(lbs, {"faultbox lbs", "faultbox --output json lbs"});
  lbs->callback([&global] {
    auto all = lab_request(global, "GET", "/_faultbox/lbs");
    if (global.output == "json") {
      std::cout << json_text(all, 2) << "\n";
      return;
    }
    for (const auto& b : all) {
      std::cout << b["LoadBalancerName"].get<std::string>() << "  http://"
                << b["DNSName"].get<std::string>() << "  health check "
                << b["HealthCheck"]["Target"].get<std::string>() << "\n";
      std::vector<std::vector<std::string>> rows;
      for (const auto& h : b["InstanceHealth"]) {
        rows.push_back({"  " + h["InstanceId"].get<std::string>(), h["State"], h["ReasonCode"],
                        h["Description"]});
      }
      std::cout << render_table({"  INSTANCE", "STATE", "REASON", "DESCRIPTION"}, rows);
    }
  });
}

}  // namespace faultbox::cli
