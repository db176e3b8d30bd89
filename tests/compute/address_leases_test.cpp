// Machine-wide address leases: one live owner per address, stale leases taken over, release only
// by the owner.
#include "compute/address_leases.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>

namespace faultbox::compute {
namespace {

class AddressLeasesTest : public ::testing::Test {
 protected:
  AddressLeasesTest()
      : dir_(std::filesystem::temp_directory_path() /
             ("faultbox-leases-test-" + std::to_string(::getpid()))) {}
  ~AddressLeasesTest() override { std::filesystem::remove_all(dir_); }

  // The PID of a process that has exited (and been reaped).
  static int dead_pid() {
    pid_t child = ::fork();
    if (child == 0) {
      ::_exit(0);
    }
    ::waitpid(child, nullptr, 0);
    return child;
  }

  std::filesystem::path dir_;
};

TEST_F(AddressLeasesTest, OneLiveOwnerPerAddress) {
  AddressLeases mine(dir_, ::getpid());
  AddressLeases init(dir_, 1);  // PID 1 is always alive
  EXPECT_TRUE(mine.claim("127.10.1.10"));
  EXPECT_TRUE(mine.claim("127.10.1.10"));  // already ours
  EXPECT_FALSE(init.claim("127.10.1.10"));
  EXPECT_TRUE(init.claim("127.10.1.11"));
  EXPECT_FALSE(mine.claim("127.10.1.11"));
}

TEST_F(AddressLeasesTest, ALeaseOfAGoneProcessIsTakenOver) {
  AddressLeases gone(dir_, dead_pid());
  ASSERT_TRUE(gone.claim("127.10.2.10"));
  AddressLeases mine(dir_, ::getpid());
  EXPECT_TRUE(mine.claim("127.10.2.10"));
  AddressLeases init(dir_, 1);
  EXPECT_FALSE(init.claim("127.10.2.10"));
}

TEST_F(AddressLeasesTest, OnlyTheOwnerReleases) {
  AddressLeases mine(dir_, ::getpid());
  AddressLeases init(dir_, 1);
  ASSERT_TRUE(mine.claim("127.10.3.10"));
  init.release("127.10.3.10");
  EXPECT_FALSE(init.claim("127.10.3.10"));
  mine.release("127.10.3.10");
  EXPECT_TRUE(init.claim("127.10.3.10"));
}

}  // namespace
}  // namespace faultbox::compute
