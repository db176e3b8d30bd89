// A fault on instances' packets, as the kernel's packet filter applies it: which packets (to or
// from the target addresses, from or to which peers, which protocol and port) and what share of
// them is dropped. Instances share the host's loopback network (127.10.x.y), so a rule matches
// an instance by its own address and every client, protocol and path sees the fault.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace faultbox::netfault {

// Seen from the target addresses: packets that arrive at them, or that they send.
enum class Direction { Ingress, Egress };

struct PacketRule {
  std::vector<std::string> targets;  // IPv4 addresses; a rule without targets matches nothing
  Direction direction = Direction::Ingress;
  // The other end of the packets: IPv4 addresses or CIDRs. Empty: any address.
  std::vector<std::string> peers;
  // The other end is any address that is not one of the targets (a subnet cut off from all but
  // itself); `peers` is then unused.
  bool peers_outside_targets = false;
  std::string protocol;  // "tcp", "udp", or "" for every protocol
  // The port on the target (ingress) or on the peer (egress); 0: any. Needs a protocol.
  int port = 0;
  int drop_percent = 100;  // 1..100; unused when the rule delays
  // A rule with a delay holds its packets that long (plus or minus the jitter, in order) and
  // lets them go, instead of dropping them. Wall-clock milliseconds (the lab converts its
  // lab-time delays at its speed), 1..60000, and a jitter of 0..delay.
  int delay_ms = 0;
  int jitter_ms = 0;
  bool delays() const { return delay_ms > 0; }
  bool operator==(const PacketRule&) const = default;
};

// The longest delay a rule holds packets for (a minute, as the documents' own bounds).
inline constexpr int kMaxDelayMs = 60'000;

// ValidationException unless `text` is an IPv4 address or an IPv4 CIDR ("10.0.0.0/16").
Result<void> check_ipv4_peer(std::string_view text);

// The checks every rule passes before it reaches a filter: addresses, protocol and port, the
// share dropped or the delay. ValidationException naming what is wrong.
Result<void> check_rule(const PacketRule& rule);

// What matches a rule's packets, in iptables' words ("-d 127.10.1.5/32 -p tcp --dport 80"),
// one line per target and peer block (an iptables rule matches one of each). Checked.
Result<std::vector<std::string>> iptables_matches(const PacketRule& rule);

// The whole nftables table (`table ip <name> { ... }`) that applies `rules`' drops, for `nft -f`.
// Rules without targets, and rules that delay, are left out. Every value in the text has been
// checked, so nothing from a request reaches nft's parser unchecked.
Result<std::string> render_nft_table(std::string_view table_name,
                                     const std::vector<PacketRule>& rules);

}  // namespace faultbox::netfault
