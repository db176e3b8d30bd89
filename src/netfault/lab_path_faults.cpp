#include "netfault/lab_path_faults.h"

#include <algorithm>
#include <boost/asio/ip/address_v4.hpp>
#include <boost/asio/ip/network_v4.hpp>
#include <cmath>

namespace faultbox::netfault {

namespace {

namespace ip = boost::asio::ip;

// A peer as rules name it: an address or a CIDR block (checked by check_rule).
bool peer_matches(const std::string& peer, const ip::address_v4& address) {
  boost::system::error_code ec;
  const auto block = peer.find('/') == std::string::npos
                         ? ip::network_v4(ip::make_address_v4(peer, ec), 32)
                         : ip::make_network_v4(peer, ec);
  if (ec) return false;
  return (address.to_uint() & block.netmask().to_uint()) == block.network().to_uint();
}

bool contains(const std::vector<std::string>& items, const std::string& item) {
  return std::find(items.begin(), items.end(), item) != items.end();
}

bool matches(const PacketRule& rule, const Flow& flow, const ip::address_v4& peer) {
  if (!contains(rule.targets, flow.target)) return false;
  if (!rule.protocol.empty() && rule.protocol != "tcp") return false;
  if (rule.peers_outside_targets) {
    if (contains(rule.targets, flow.peer)) return false;
  } else if (!rule.peers.empty() &&
             std::none_of(rule.peers.begin(), rule.peers.end(),
                          [&](const std::string& p) { return peer_matches(p, peer); })) {
    return false;
  }
  // The target's own port for what arrives at it, the peer's for what it sends.
  const auto port = rule.direction == Direction::Ingress ? flow.target_port : flow.peer_port;
  return rule.port == 0 || rule.port == port;
}

constexpr int kMaxTries = 6;
constexpr std::chrono::milliseconds kHandshakeRetransmit{1000};
constexpr std::chrono::milliseconds kRetransmit{200};

}  // namespace

FlowFault fault_on(const std::vector<PacketRule>& rules, const Flow& flow) {
  boost::system::error_code ec;
  const auto peer = ip::make_address_v4(flow.peer, ec);
  if (ec) return {};
  FlowFault out;
  double passes = 1.0;  // the share of a step's tries that gets through every dropping rule
  for (const auto& rule : rules) {
    if (!matches(rule, flow, peer)) continue;
    if (rule.delays()) {
      out.delay_ms += rule.delay_ms;
      out.jitter_ms += rule.jitter_ms;
    } else {
      passes *= 1.0 - rule.drop_percent / 100.0;
    }
  }
  out.drop_percent = static_cast<int>(std::lround((1.0 - passes) * 100.0));
  return out;
}

std::optional<std::chrono::milliseconds> hold_for(const FlowFault& fault, bool handshake,
                                                  std::mt19937& random) {
  std::chrono::milliseconds held{0};
  auto retransmit = handshake ? kHandshakeRetransmit : kRetransmit;
  std::uniform_int_distribution<int> percent(0, 99);
  for (int tries = 1; fault.drop_percent > 0 && percent(random) < fault.drop_percent; ++tries) {
    if (tries == kMaxTries) return std::nullopt;
    held += retransmit;
    retransmit *= 2;
  }
  if (fault.delay_ms > 0) {
    std::uniform_int_distribution<int> jitter(-fault.jitter_ms, fault.jitter_ms);
    held += std::chrono::milliseconds(std::max(0, fault.delay_ms + jitter(random)));
  }
  return held;
}

Result<void> LabPathFaults::apply(const std::vector<PacketRule>& rules) {
  for (const auto& rule : rules) FAULTBOX_TRY_VOID(check_rule(rule));
  std::lock_guard lock(mutex_);
  rules_ = rules;
  version_.fetch_add(1, std::memory_order_release);
  return {};
}

Result<void> LabPathFaults::clear() { return apply({}); }

FlowFault LabPathFaults::fault_on(const Flow& flow) const {
  std::lock_guard lock(mutex_);
  return netfault::fault_on(rules_, flow);
}

}  // namespace faultbox::netfault
