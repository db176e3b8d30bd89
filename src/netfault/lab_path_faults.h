// Network faults on the paths the lab itself owns, for a lab that cannot change the kernel's
// packet filter (not root, or told to leave it alone): its load balancers' connections to
// instances, their health checks, and instances' requests to the metadata service. The same
// packet rules as on the kernel's path; each of those paths asks what they do to one TCP flow
// and waits, or gives up, as the packets would have made it.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "netfault/packet_filter.h"
#include "netfault/packet_rule.h"

namespace faultbox::netfault {

// One TCP flow between an instance (the target) and something the lab runs for it.
struct Flow {
  std::string target;             // the instance's address
  std::string peer;               // the other end's address
  std::uint16_t target_port = 0;  // 0: an ephemeral port, which no rule's port names
  std::uint16_t peer_port = 0;
};

// What the rules do to a flow's packets, both ways together: each step of the flow (the
// handshake, or a request and its answer) has packets going each way, so a rule on either
// direction meets it once.
struct FlowFault {
  int drop_percent = 0;  // the share of a step's tries that is lost, 0..100
  int delay_ms = 0;      // wall-clock milliseconds a step waits, plus or minus the jitter
  int jitter_ms = 0;
  bool any() const { return drop_percent > 0 || delay_ms > 0; }
  bool operator==(const FlowFault&) const = default;
};

FlowFault fault_on(const std::vector<PacketRule>& rules, const Flow& flow);

// How long one step waits on the network: the delay with a jitter drawn, and for each lost
// try TCP's retransmission timeout (1 s for a handshake, 200 ms after it, doubling, as Linux
// retransmits). nullopt: nothing gets through in six tries, and the caller's own timeout ends
// the step.
std::optional<std::chrono::milliseconds> hold_for(const FlowFault& fault, bool handshake,
                                                  std::mt19937& random);

class LabPathFaults final : public PacketFilter {
 public:
  Result<void> apply(const std::vector<PacketRule>& rules) override;
  Result<void> clear() override;

  // What the rules in force do to `flow`. Any thread.
  FlowFault fault_on(const Flow& flow) const;
  // Grows with every change of the rules: a path that copies faults knows when to look again.
  std::uint64_t version() const { return version_.load(std::memory_order_acquire); }

 private:
  mutable std::mutex mutex_;  // guards rules_
  std::vector<PacketRule> rules_;
  std::atomic<std::uint64_t> version_{0};
};

// Where the lab's own paths start from: its load balancers and health checks connect from the
// loopback address the kernel picks for them, and the metadata service is the lab's own port.
inline constexpr const char* kLabPathPeer = "127.0.0.1";

}  // namespace faultbox::netfault
