// Private IPs on loopback: each AZ owns 127.10.<az index + 1>.0/24, hosts numbered from .10.
#pragma once

#include <set>
#include <string>
#include <string_view>

#include "core/result.h"

namespace faultbox::compute {

struct AzRef {
  std::string region;  // "eu-west-2"
  int index = 0;       // 'a' -> 0, 'b' -> 1, ...
};

// Splits "eu-west-2a" into its region and AZ index. ValidationException for other shapes.
Result<AzRef> parse_availability_zone(std::string_view az);

// The lowest free address 127.10.<az_index + 1>.<n>, n in [10, 254], not in `taken`.
// InsufficientInstanceCapacity when the AZ's subnet is full.
Result<std::string> allocate_private_ip(int az_index, const std::set<std::string>& taken);

// True when something on this machine (another lab, say) already listens on ip:port over TCP.
bool tcp_address_in_use(const std::string& ip, int port);

}  // namespace faultbox::compute
