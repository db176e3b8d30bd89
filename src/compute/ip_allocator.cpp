// AZ name parsing and loopback address allocation.
#include "compute/ip_allocator.h"

#include <arpa/inet.h>
#include <fmt/format.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>

namespace faultbox::compute {

namespace {
constexpr int kFirstHost = 10;
constexpr int kLastHost = 254;
}  // namespace

Result<AzRef> parse_availability_zone(std::string_view az) {
  const bool shaped = az.size() >= 2 && az.back() >= 'a' && az.back() <= 'z' &&
                      std::isdigit(static_cast<unsigned char>(az[az.size() - 2])) != 0;
  if (!shaped) {
    return errors::validation(fmt::format(
        "Invalid availability zone: [{}]. Use a region name followed by a letter, e.g. eu-west-2a",
        az));
  }
  return AzRef{std::string(az.substr(0, az.size() - 1)), az.back() - 'a'};
}

Result<std::string> allocate_private_ip(int az_index, const std::set<std::string>& taken) {
  for (int n = kFirstHost; n <= kLastHost; ++n) {
    std::string ip = fmt::format("127.10.{}.{}", az_index + 1, n);
    if (taken.count(ip) == 0) {
      return Result<std::string>(boost::system::in_place_value, std::move(ip));
    }
  }
  return Error{"InsufficientInstanceCapacity",
               fmt::format("No free address left in subnet 127.10.{}.0/24", az_index + 1), 500};
}

bool tcp_address_in_use(const std::string& ip, int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) {
    return false;
  }
  int one = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  bool in_use = false;
  if (::inet_pton(AF_INET, ip.c_str(), &addr.sin_addr) == 1) {
    in_use =
        ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0 && errno == EADDRINUSE;
  }
  ::close(fd);
  return in_use;
}

}  // namespace faultbox::compute
