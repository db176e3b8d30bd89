#include "image/write_files.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include "support/temp_dir.h"

namespace faultbox::image {
namespace {

TEST(WriteFiles, DecodesCreatesParentsAndSetsTheMode) {
  test::TempDir root;
  WriteFile file{.path = "/var/www/html/index.html",
                 .content = "aGVs\nbG8=",
                 .encoding = "b64",
                 .permissions = 0640u};
  auto note = write_file(file, root.path());
  ASSERT_TRUE(note) << note.error().message;
  const auto written = root.path() / "var/www/html/index.html";
  EXPECT_EQ(test::read_file(written), "hello");
  struct stat st {};
  ASSERT_EQ(::stat(written.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0640u);
}

TEST(WriteFiles, AppendsWhenAsked) {
  test::TempDir root;
  ASSERT_TRUE(write_file({.path = "/etc/motd", .content = "one\n"}, root.path()));
  ASSERT_TRUE(write_file({.path = "/etc/motd", .content = "two\n", .append = true}, root.path()));
  EXPECT_EQ(test::read_file(root.path() / "etc/motd"), "one\ntwo\n");
  ASSERT_TRUE(write_file({.path = "/etc/motd", .content = "three\n"}, root.path()));
  EXPECT_EQ(test::read_file(root.path() / "etc/motd"), "three\n");
}

TEST(WriteFiles, BadBase64AndUnknownOwnersAreErrors) {
  test::TempDir root;
  auto bad = write_file({.path = "/a", .content = "***", .encoding = "base64"}, root.path());
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("not valid base64"), std::string::npos);
  auto owner =
      write_file({.path = "/b", .content = "x", .owner = "no-such-user-here"}, root.path());
  ASSERT_FALSE(owner);
  EXPECT_NE(owner.error().message.find("unknown user \"no-such-user-here\""), std::string::npos);
}

}  // namespace
}  // namespace faultbox::image
