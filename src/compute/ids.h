// EC2-shaped identifiers: instance ids ("i-" + 17 hex digits) and instance ARNs.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <string_view>

namespace faultbox::compute {

// Draws instance ids from a seedable generator, so a lab run can be replayed with the same ids.
// Not unique by itself: the caller checks for (astronomically unlikely) collisions.
class IdGenerator {
 public:
  explicit IdGenerator(std::uint64_t seed) : engine_(seed) {}
  // "i-" followed by 17 lowercase hex digits, e.g. "i-0a1b2c3d4e5f60718".
  std::string instance_id();

 private:
  std::mt19937_64 engine_;
};

// True when `id` has the shape of an instance id.
bool is_instance_id(std::string_view id);

}  // namespace faultbox::compute
