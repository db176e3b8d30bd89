// The seam between a load balancer's health-check schedule and the network: one probe at a time.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "core/clock.h"
#include "elb/health_target.h"
#include "netfault/lab_path_faults.h"

namespace faultbox::elb {

struct ProbeRequest {
  std::uint64_t probe_id = 0;  // unique per load balancer; a late result for an old id is dropped
  std::string instance_id;
  std::string address;  // the instance's IP; the port comes from the target
  HealthTarget target;
  Duration timeout{5000};  // lab time
  // The lab's network faults on the way to the instance, when it applies them on its own paths.
  netfault::FlowFault fault;
};

struct ProbeResult {
  bool healthy = false;
  std::string detail;  // why it failed (or the status seen), for logs and the console
};

class HealthProber {
 public:
  virtual ~HealthProber() = default;
  // Starts one probe and returns at once. `done` is called exactly once, on the control plane,
  // unless the prober's io_contexts are stopped first.
  virtual void probe(const ProbeRequest& request, std::function<void(ProbeResult)> done) = 0;
};

}  // namespace faultbox::elb
