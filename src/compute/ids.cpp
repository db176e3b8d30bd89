// Instance id generation and ARN formatting.
#include "compute/ids.h"

#include <fmt/format.h>

namespace faultbox::compute {

namespace {
constexpr std::size_t kIdHexDigits = 17;
}  // namespace

std::string IdGenerator::instance_id() {
  // 17 hex digits are 68 bits: one 64-bit draw plus 4 bits of a second.
  const std::uint64_t low = engine_();
  const std::uint64_t high = engine_() & 0xF;
  return fmt::format("i-{:01x}{:016x}", high, low);
}

bool is_instance_id(std::string_view id) {
  if (id.size() != 2 + kIdHexDigits || id.substr(0, 2) != "i-") {
    return false;
  }
  for (char c : id.substr(2)) {
    const bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    if (!hex) {
      return false;
    }
  }
  return true;
}

}  // namespace faultbox::compute
