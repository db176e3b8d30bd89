// The rules that send delay rules' packets to the lab's packet delayer: one chain per lab in
// iptables' mangle table (named from its data directory, like the nftables table), jumped to
// from OUTPUT, each line `-j NFQUEUE --queue-num N --queue-bypass`. Written with
// iptables-nft(-restore) because nftables' own `queue` statement needs a kernel module that
// kernels without netem often lack too, while iptables' NFQUEUE target reaches the same queue.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "netfault/packet_rule.h"

namespace faultbox::netfault {

struct QueuedRule {
  PacketRule rule;  // one that delays
  int queue_number = 0;
};

// The iptables-restore text that makes `chain` hold exactly these rules. Checked.
Result<std::string> render_queue_chain(const std::string& chain,
                                       const std::vector<QueuedRule>& rules);

class IptablesQueueRules {
 public:
  // `iptables` is iptables-nft's full path; iptables-nft-restore is beside it.
  IptablesQueueRules(std::string iptables, std::string chain)
      : iptables_(std::move(iptables)), chain_(std::move(chain)) {}

  // Replaces the chain's rules (at once) and makes sure OUTPUT jumps to it.
  Result<void> apply(const std::vector<QueuedRule>& rules);
  // Removes the jump and the chain; none there is not an error.
  Result<void> clear();

 private:
  Result<void> run(const std::vector<std::string>& arguments, const std::string& input = {}) const;
  std::string iptables_;
  std::string chain_;
};

}  // namespace faultbox::netfault
