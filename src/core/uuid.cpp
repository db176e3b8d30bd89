// 16 random bytes with the version (4) and variant (10xx) bits set, printed 8-4-4-4-12. The
// generator is seeded once per thread from the system's entropy.
#include "core/uuid.h"

#include <fmt/format.h>

#include <array>
#include <random>

namespace faultbox {

std::string random_uuid() {
  static thread_local std::mt19937_64 engine{std::random_device{}()};
  std::array<unsigned char, 16> b{};
  for (auto& byte : b) {
    byte = static_cast<unsigned char>(engine() & 0xFF);
  }
  b[6] = static_cast<unsigned char>((b[6] & 0x0F) | 0x40);
  b[8] = static_cast<unsigned char>((b[8] & 0x3F) | 0x80);
  return fmt::format("{:02x}{:02x}{:02x}{:02x}-{:02x}{:02x}-{:02x}{:02x}-{:02x}{:02x}-"
                     "{:02x}{:02x}{:02x}{:02x}{:02x}{:02x}",
                     b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11],
                     b[12], b[13], b[14], b[15]);
}

}  // namespace faultbox
