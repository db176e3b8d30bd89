#include "core/caller_rights.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "support/temp_dir.h"

namespace faultbox {
namespace {

namespace fs = std::filesystem;
constexpr uid_t kNobody = 65534;

// A file only its owner may read, in a directory only its owner may write.
struct PrivateFiles {
  PrivateFiles() {
    fs::permissions(dir.path(), fs::perms::owner_all | fs::perms::group_exec |
                                    fs::perms::others_read | fs::perms::others_exec);
    std::ofstream(secret) << "secret";
    fs::permissions(secret, fs::perms::owner_read | fs::perms::owner_write);
    std::ofstream(open_file) << "open";
    fs::permissions(open_file,
                    fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
  }
  test::TempDir dir;
  fs::path secret = dir.path() / "secret";
  fs::path open_file = dir.path() / "open";
};

TEST(CallerRights, OutsideARequestFilesAreOpenedWithTheProcesssOwnRights) {
  PrivateFiles files;
  auto read = read_file_as_caller(files.secret);
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_EQ(*read, "secret");
  EXPECT_TRUE(regular_file_as_caller(files.secret));
}

TEST(CallerRights, TheProcesssOwnUserReadsItsFiles) {
  PrivateFiles files;
  ActingFor acting(geteuid());
  auto read = read_file_as_caller(files.secret);
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_EQ(*read, "secret");
}

TEST(CallerRights, AnUnknownCallerGetsNoFile) {
  PrivateFiles files;
  ActingFor acting(std::nullopt, "no such connection");
  auto read = read_file_as_caller(files.open_file);
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().code, "AccessDeniedException");
  EXPECT_NE(read.error().message.find("no such connection"), std::string::npos);
  EXPECT_FALSE(regular_file_as_caller(files.open_file));
}

// Run as root (CI), the lab takes another user's rights for each opening and gives them back;
// run as a user, it refuses to open files for anyone else.
TEST(CallerRights, AnotherUserReadsAndWritesOnlyWhatThatUserMay) {
  PrivateFiles files;
  const bool root = geteuid() == 0;
  {
    ActingFor acting(geteuid() == kNobody ? kNobody - 1 : kNobody);  // a user other than this one
    auto secret = read_file_as_caller(files.secret, "file()");
    ASSERT_FALSE(secret);
    if (root) {
      EXPECT_NE(secret.error().message.find("Permission denied"), std::string::npos)
          << secret.error().message;
      EXPECT_NE(secret.error().message.find("file(): "), std::string::npos);
      auto open = read_file_as_caller(files.open_file);
      ASSERT_TRUE(open) << open.error().message;
      EXPECT_EQ(*open, "open");
      auto written = write_file_as_caller(files.dir.path() / "planted", "x");
      ASSERT_FALSE(written);
      EXPECT_FALSE(fs::exists(files.dir.path() / "planted"));
      auto state = read_file_if_any_as_caller(files.dir.path() / "missing");
      ASSERT_TRUE(state) << state.error().message;
      EXPECT_FALSE(state->has_value());
    } else {
      EXPECT_EQ(secret.error().code, "AccessDeniedException");
      EXPECT_NE(secret.error().message.find("use a lab of your own"), std::string::npos);
    }
  }
  // The rights come back with the request's end.
  auto again = read_file_as_caller(files.secret);
  ASSERT_TRUE(again) << again.error().message;
  auto written = write_file_as_caller(files.dir.path() / "mine", "y");
  EXPECT_TRUE(written);
}

}  // namespace
}  // namespace faultbox
