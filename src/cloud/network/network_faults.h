// Faults on the lab's instances' packets, turned into packet rules on the instances' current
// addresses and kept in force through the lab's packet filter: subnets that FIS experiments cut
// off (aws:network:disrupt-connectivity; an instance launched into one is cut off too), and the
// AWSFIS-Run-Network-* commands while they run on an instance (from the moment its agent takes
// one until it ends, is cancelled or fails; the oldest one when an instance has two). Kept in
// memory only: the lab clears its filter when it starts, so a lab that was killed leaves no rule
// behind once it runs again.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "cloud/kind.h"
#include "netfault/packet_filter.h"

namespace faultbox::cloud {

class Cloud;

class NetworkFaults final : public Kind {
 public:
  explicit NetworkFaults(Cloud& cloud) : cloud_(cloud) {}

  // Cuts the subnets off (scope "all" or "availability-zone"); what it cut off, in words.
  // Errors: InternalFailure when the lab has no packet filter or the filter refused the rules.
  Result<std::string> disrupt_subnets(const std::string& fault_id,
                                      const std::vector<std::string>& subnet_ids,
                                      const std::string& scope);
  void remove(const std::string& fault_id);

  // Where the faults act, as a sentence for experiment logs and command output: the kernel's
  // packet path, or only the lab's own paths (and why).
  std::string reach() const;

  // The rules the held faults give now.
  std::vector<netfault::PacketRule> rules() const;

  void save(Records&) const override {}
  Result<void> restore(const Records&) override { return {}; }
  // Follows instances that came, went or moved: applies the rules again when they changed.
  void tick(TimePoint) override;

 private:
  struct SubnetFault {
    std::vector<std::string> subnet_ids;
    std::string scope;
  };
  Result<void> sync();
  void add_command_rules(std::vector<netfault::PacketRule>& out) const;
  // A document's delay (lab milliseconds) as the packets wait it: at --speed N, N times less,
  // so that timeouts in lab time (health checks, clients' SDK timeouts) meet it as on AWS.
  int real_ms(int lab_ms) const;
  std::vector<std::string> addresses_in(const std::vector<std::string>& subnet_ids) const;

  Cloud& cloud_;
  std::map<std::string, SubnetFault> faults_;
  std::vector<netfault::PacketRule> applied_;
  std::string last_error_;  // logged once per distinct failure
};

}  // namespace faultbox::cloud
