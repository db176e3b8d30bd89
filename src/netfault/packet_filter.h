// Where the lab's packet rules take effect. The lab owns one filter; each apply replaces every
// rule it holds at once, and clear removes them all (at start, after a crash, and at exit).
#pragma once

#include <vector>

#include "core/result.h"
#include "netfault/packet_rule.h"

namespace faultbox::netfault {

class PacketFilter {
 public:
  virtual ~PacketFilter() = default;
  // Replaces the rules in force with `rules`, atomically. Errors: InternalError with the
  // filter's own message.
  virtual Result<void> apply(const std::vector<PacketRule>& rules) = 0;
  // Removes every rule this filter put in place; nothing in place is not an error.
  virtual Result<void> clear() = 0;
};

}  // namespace faultbox::netfault
