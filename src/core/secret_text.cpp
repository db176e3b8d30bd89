#include "core/secret_text.h"

#include <sys/random.h>

#include <array>
#include <cerrno>
#include <stdexcept>

namespace faultbox {

std::string secret_text(std::size_t length, std::string_view alphabet) {
  // Bytes at or above the largest multiple of the alphabet's size are dropped, so that every
  // character is equally likely.
  const unsigned limit = 256 - 256 % alphabet.size();
  std::string out;
  out.reserve(length);
  std::array<unsigned char, 64> bytes{};
  while (out.size() < length) {
    auto got = getrandom(bytes.data(), bytes.size(), 0);
    if (got < 0) {
      if (errno == EINTR) {
        continue;
      }
      throw std::runtime_error("the kernel's random source failed");
    }
    for (ssize_t i = 0; i < got && out.size() < length; ++i) {
      if (bytes[static_cast<std::size_t>(i)] < limit) {
        out += alphabet[bytes[static_cast<std::size_t>(i)] % alphabet.size()];
      }
    }
  }
  return out;
}

}  // namespace faultbox
