// Capacity per availability zone over a report's window: how many instances ran in each zone at
// the start, at the lowest point and at the end, and what the auto-scaling groups did there
// (launches, launches refused, terminations). Shows where a group put its replacements when a
// zone lost capacity.
#pragma once

#include <string>
#include <vector>

#include "report/report.h"

namespace faultbox::report {

struct ZoneCapacity {
  std::string availability_zone;
  int running_at_start = 0;
  int min_running = 0;
  int running_at_end = 0;
  int launches = 0;
  int launches_refused = 0;
  int terminations = 0;
};

// One entry per zone that had an instance or an activity, sorted by zone.
std::vector<ZoneCapacity> zone_capacity(const std::vector<InstanceStateChange>& states,
                                        const std::vector<ScalingEvent>& scaling);

}  // namespace faultbox::report
