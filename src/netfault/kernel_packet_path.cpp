#include "netfault/kernel_packet_path.h"

#include <algorithm>
#include <map>

#include "core/error.h"
#include "core/lab_fingerprint.h"
#include "core/program_path.h"

namespace faultbox::netfault {

Result<void> KernelPacketPath::apply(const std::vector<PacketRule>& rules) {
  std::vector<QueuedRule> queued;
  std::map<int, DelayQueueSpec> queues;
  for (const auto& rule : rules) {
    if (!rule.delays() || rule.targets.empty()) continue;
    if (!delays_) return errors::internal("the lab cannot delay packets: " + delay_problem_);
    if (queued.size() == kQueuesPerLab) {
      return errors::internal("the lab delays at most " + std::to_string(kQueuesPerLab) +
                              " instances' packets at once");
    }
    const int number = delays_->first_queue + static_cast<int>(queued.size());
    FAULTBOX_TRY_VOID(check_rule(rule));
    queued.push_back({rule, number});
    queues[number] = {std::chrono::milliseconds(rule.delay_ms),
                      std::chrono::milliseconds(rule.jitter_ms)};
  }
  if (delays_) {
    // The delayer listens before the kernel queues to it; either way round, --queue-bypass lets
    // a packet with no listener pass.
    FAULTBOX_TRY_VOID(delays_->delayer->serve(queues));
    FAULTBOX_TRY_VOID(delays_->rules->apply(queued));
  }
  return drops_->apply(rules);
}

Result<void> KernelPacketPath::clear() {
  if (delays_) {
    FAULTBOX_TRY_VOID(delays_->rules->clear());
    FAULTBOX_TRY_VOID(delays_->delayer->serve({}));
  }
  return drops_->clear();
}

int first_queue_for(const std::filesystem::path& data_dir) {
  const auto slot = std::stoi(lab_fingerprint(data_dir).substr(0, 4), nullptr, 16) % 255;
  return kQueuesPerLab * (1 + slot);  // 256 .. 65280, clear of the small numbers others use
}

namespace {
constexpr std::string_view kWithoutDelays =
    "the latency documents (AWSFIS-Run-Network-Latency and -Latency-Sources) fail in this lab";

// The delay part, or why there is none.
std::unique_ptr<KernelPacketPath::DelayPart> probe_delays(const std::filesystem::path& data_dir,
                                                          std::string& problem) {
  const auto iptables = find_on_path("iptables-nft");
  if (iptables.empty()) {
    problem =
        "iptables-nft is not installed (apt-get install iptables): " + std::string(kWithoutDelays);
    return nullptr;
  }
  auto delayer = PacketDelayer::open();
  if (!delayer) {
    problem = delayer.error().message + ": " + std::string(kWithoutDelays);
    return nullptr;
  }
  auto part = std::make_unique<KernelPacketPath::DelayPart>();
  part->rules = std::make_unique<IptablesQueueRules>(iptables, table_name_for(data_dir));
  part->delayer = std::move(*delayer);
  part->first_queue = first_queue_for(data_dir);
  if (auto cleared = part->rules->clear(); !cleared) {
    problem = cleared.error().message + ": " + std::string(kWithoutDelays);
    return nullptr;
  }
  return part;
}
}  // namespace

KernelFilterProbe probe_kernel_filter(const std::filesystem::path& data_dir) {
  const auto nft = find_on_path("nft");
  if (nft.empty()) {
    return {nullptr, "nft is not installed (apt-get install nftables)", ""};
  }
  auto drops = std::make_unique<NftPacketFilter>(nft, table_name_for(data_dir));
  if (auto cleared = drops->clear(); !cleared) {
    return {nullptr,
            "the kernel's packet filter cannot be changed (" + cleared.error().message +
                "; run the lab as root for CAP_NET_ADMIN)",
            ""};
  }
  std::string delay_problem;
  auto delays = probe_delays(data_dir, delay_problem);
  return {std::make_unique<KernelPacketPath>(std::move(drops), std::move(delays), delay_problem),
          "", delay_problem};
}

}  // namespace faultbox::netfault
