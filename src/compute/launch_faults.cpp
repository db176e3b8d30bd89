// Which launch attempts an insufficient-capacity fault refuses, and EC2's words for it.
#include "compute/launch_faults.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "core/even_share.h"

namespace faultbox::compute {

void LaunchFaults::add(const std::string& id, LaunchFault fault) {
  faults_[id] = Held{std::move(fault), 0};
}

void LaunchFaults::remove(const std::string& id) { faults_.erase(id); }

bool LaunchFaults::next_launch_fails(const std::string& zone_name, const std::string& zone_id) {
  bool fails = false;
  for (auto& [id, held] : faults_) {
    const auto& zones = held.fault.zones;
    if (std::find(zones.begin(), zones.end(), zone_name) == zones.end() &&
        std::find(zones.begin(), zones.end(), zone_id) == zones.end()) {
      continue;
    }
    fails = in_even_share(held.attempts++, held.fault.percentage) || fails;
  }
  return fails;
}

std::string insufficient_capacity_message(const std::string& instance_type, const std::string& zone,
                                          const std::vector<std::string>& other_zones) {
  std::string message = fmt::format(
      "We currently do not have sufficient {0} capacity in the Availability Zone you requested "
      "({1}). Our system will be working on provisioning additional capacity.",
      instance_type, zone);
  if (!other_zones.empty()) {
    message += fmt::format(
        " You can currently get {} capacity by not specifying an Availability Zone in your "
        "request or choosing {}.",
        instance_type, fmt::join(other_zones, ", "));
  }
  return message;
}

}  // namespace faultbox::compute
