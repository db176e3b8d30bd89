// What a report reads from the lab besides the experiment: per-second load-balancer traffic with
// the desired capacity behind each balancer, and instance states over a window.
#pragma once

#include <string>
#include <vector>

#include "cloud/cloud.h"
#include "report/report.h"

namespace faultbox::cloud {

// Each load balancer of the region: RequestCount, HTTPCode_ELB_5XX, HTTPCode_Backend_5XX (Sum)
// and HealthyHostCount (Minimum) per second in [from, to), and the summed desired capacity of
// the groups whose load_balancers include it.
std::vector<report::BalancerTraffic> balancer_traffic(Cloud& cloud, const std::string& region,
                                                      TimePoint from, TimePoint to);

// The region's instances: each one's state at `from` (from the state history, or for an instance
// the history no longer covers, its current state when unchanged since before `from`), then
// every change in [from, to).
std::vector<report::InstanceStateChange> instance_states(const Cloud& cloud,
                                                         const std::string& region, TimePoint from,
                                                         TimePoint to);

// The region's auto-scaling groups' activities in [from, to), in time order.
std::vector<report::ScalingEvent> scaling_events(const Cloud& cloud, const std::string& region,
                                                 TimePoint from, TimePoint to);

}  // namespace faultbox::cloud
