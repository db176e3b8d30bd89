#include "compute/ip_allocator.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace faultbox::compute {
namespace {

TEST(ParseAvailabilityZone, SplitsRegionAndIndex) {
  auto a = parse_availability_zone("eu-west-2a");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->region, "eu-west-2");
  EXPECT_EQ(a->index, 0);
  auto c = parse_availability_zone("us-east-1c");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->region, "us-east-1");
  EXPECT_EQ(c->index, 2);
}

TEST(ParseAvailabilityZone, RejectsOtherShapes) {
  for (const char* bad : {"", "a", "eu-west-2", "eu-west-2A", "eu-west-a"}) {
    auto r = parse_availability_zone(bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().code, "ValidationException");
  }
}

TEST(AllocatePrivateIp, LowestFreeHostFromTenInTheAzSubnet) {
  auto first = allocate_private_ip(0, {});
  ASSERT_TRUE(first);
  EXPECT_EQ(*first, "127.10.1.10");
  auto gap = allocate_private_ip(1, {"127.10.2.10", "127.10.2.12", "127.10.1.11"});
  ASSERT_TRUE(gap);
  EXPECT_EQ(*gap, "127.10.2.11");
}

TEST(AllocatePrivateIp, FullSubnetIsInsufficientCapacity) {
  std::set<std::string> taken;
  for (int n = 10; n <= 254; ++n) {
    taken.insert("127.10.3." + std::to_string(n));
  }
  auto r = allocate_private_ip(2, taken);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "InsufficientInstanceCapacity");
}

}  // namespace
}  // namespace faultbox::compute

namespace faultbox::compute {
namespace {

TEST(TcpAddressInUse, SeesAListenerAndAFreePort) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = 0;
  ::inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)), 0);
  ASSERT_EQ(::listen(fd, 1), 0);
  socklen_t len = sizeof(addr);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  int port = ntohs(addr.sin_port);
  EXPECT_TRUE(tcp_address_in_use("127.0.0.1", port));
  ::close(fd);
  EXPECT_FALSE(tcp_address_in_use("127.0.0.1", port));
}

}  // namespace
}  // namespace faultbox::compute
