#include "report/zone_capacity.h"

#include <algorithm>
#include <map>

namespace faultbox::report {

std::vector<ZoneCapacity> zone_capacity(const std::vector<InstanceStateChange>& states,
                                        const std::vector<ScalingEvent>& scaling) {
  std::vector<InstanceStateChange> changes = states;
  std::stable_sort(changes.begin(), changes.end(),
                   [](const auto& a, const auto& b) { return a.at < b.at; });
  std::map<std::string, ZoneCapacity> zones;
  std::map<std::string, int> running;           // zone → instances running now
  std::map<std::string, std::string> state_of;  // instance → its state now
  auto zone = [&zones](const std::string& name) -> ZoneCapacity& {
    auto& z = zones[name];
    z.availability_zone = name;
    return z;
  };
  // The states at the window's start first, then every change in time order.
  for (const auto& c : changes) {
    if (!c.at_window_start) {
      continue;
    }
    state_of[c.instance_id] = c.state;
    if (c.state == "running") {
      ++running[c.availability_zone];
    }
    zone(c.availability_zone);
  }
  for (auto& [name, z] : zones) {
    z.running_at_start = z.min_running = running[name];
  }
  for (const auto& c : changes) {
    if (c.at_window_start) {
      continue;
    }
    auto& z = zone(c.availability_zone);
    const bool was = state_of[c.instance_id] == "running";
    const bool is = c.state == "running";
    state_of[c.instance_id] = c.state;
    running[c.availability_zone] += (is ? 1 : 0) - (was ? 1 : 0);
    z.min_running = std::min(z.min_running, running[c.availability_zone]);
  }
  for (const auto& e : scaling) {
    if (e.availability_zone.empty()) {
      continue;
    }
    auto& z = zone(e.availability_zone);
    const bool launch = e.description.rfind("Launching", 0) == 0;
    if (launch && e.failed) {
      ++z.launches_refused;
    } else if (launch) {
      ++z.launches;
    } else if (e.description.rfind("Terminating", 0) == 0) {
      ++z.terminations;
    }
  }
  std::vector<ZoneCapacity> out;
  for (auto& [name, z] : zones) {
    z.running_at_end = running[name];
    out.push_back(z);
  }
  return out;
}

}  // namespace faultbox::report
