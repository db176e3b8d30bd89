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
  int drop_percent = 100;  // 1..100
  bool operator==(const PacketRule&) const = default;
};

// ValidationException unless `text` is an IPv4 address or an IPv4 CIDR ("10.0.0.0/16").
Result<void> check_ipv4_peer(std::string_view text);

// The whole nftables table (`table ip <name> { ... }`) that applies `rules`, for `nft -f`.
// Rules without targets are left out. Every value in the text has been checked, so nothing
// from a request reaches nft's parser unchecked.
Result<std::string> render_nft_table(std::string_view table_name,
                                     const std::vector<PacketRule>& rules);

}  // namespace faultbox::netfault
