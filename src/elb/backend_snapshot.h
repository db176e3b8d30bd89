// The InService backends of a load balancer, published by the control plane to its proxies as an
// immutable snapshot; the data plane reads it without blocking.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "netfault/lab_path_faults.h"

namespace faultbox::elb {

struct PortFault {
  std::uint16_t port = 0;
  netfault::FlowFault fault;
};

struct Backend {
  std::string instance_id;
  std::string address;     // IPv4/IPv6 literal, e.g. "127.10.1.5"
  std::uint16_t port = 0;  // 0: the listener's instance port (the proxy's instance_port)
  std::string az;
  // What the lab's network faults do on the way to the instance, per instance port with a
  // fault, when the lab applies them on its own paths (netfault/lab_path_faults.h). Empty on
  // the kernel's path, where the packets themselves meet them.
  std::vector<PortFault> path_faults;
};

struct BackendSnapshot {
  std::uint64_t version = 0;  // grows with every publication of one load balancer
  std::vector<Backend> backends;
};

// Receives each new snapshot. Called on the control plane; implementations must only swap a
// pointer (or post), never block.
class BackendSink {
 public:
  virtual ~BackendSink() = default;
  virtual void publish(std::shared_ptr<const BackendSnapshot> snapshot) = 0;
  // An active health check of an InService instance passed: a proxy that took the instance out
  // of rotation on its own (passive check) puts it back. Control plane; must not block.
  virtual void health_check_passed(const std::string& instance_id) { (void)instance_id; }
};

}  // namespace faultbox::elb
