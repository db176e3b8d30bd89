// The lab's packet filter on the kernel's path: drops through its nftables table, delays
// through NFQUEUE rules (iptables_queue_rules.h) and the lab's own packet delayer, for kernels
// without tc's netem (such as the ones these labs run on). Either part may be missing: without
// the delay part, rules that drop still apply and rules that delay fail saying why.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "netfault/iptables_queue_rules.h"
#include "netfault/nft_packet_filter.h"
#include "netfault/packet_delayer.h"
#include "netfault/packet_filter.h"

namespace faultbox::netfault {

// A lab's delay rules use queue numbers first .. first + kQueuesPerLab - 1.
inline constexpr int kQueuesPerLab = 256;

class KernelPacketPath final : public PacketFilter {
 public:
  struct DelayPart {
    std::unique_ptr<IptablesQueueRules> rules;
    std::unique_ptr<PacketDelayer> delayer;
    int first_queue = 0;
  };
  KernelPacketPath(std::unique_ptr<NftPacketFilter> drops, std::unique_ptr<DelayPart> delays,
                   std::string delay_problem)
      : drops_(std::move(drops)),
        delays_(std::move(delays)),
        delay_problem_(std::move(delay_problem)) {}

  Result<void> apply(const std::vector<PacketRule>& rules) override;
  Result<void> clear() override;

 private:
  std::unique_ptr<NftPacketFilter> drops_;
  std::unique_ptr<DelayPart> delays_;
  std::string delay_problem_;
};

// The first queue number of the lab with this data directory (from its fingerprint, so two labs
// on one machine are unlikely to share one; binding a queue another holds fails saying so).
int first_queue_for(const std::filesystem::path& data_dir);

struct KernelFilterProbe {
  std::unique_ptr<KernelPacketPath> filter;  // null when the kernel path is not available
  std::string problem;                       // why not, for the lab's log; "" when it is
  std::string delay_problem;                 // why it cannot delay packets; "" when it can
};

// The kernel filter for a lab with this data directory, when this process may use one: `nft` is
// installed and it may change the kernel's rules (CAP_NET_ADMIN, i.e. root); for delays also
// iptables-nft and the kernel's packet queues. Tried once at start by removing what a previous
// run of the lab left.
KernelFilterProbe probe_kernel_filter(const std::filesystem::path& data_dir);

}  // namespace faultbox::netfault
