#include "core/absolute_path.h"

#include <gtest/gtest.h>

namespace faultbox {
namespace {

TEST(AbsolutePath, EverySpellingOfADirectoryIsOne) {
  auto cwd = std::filesystem::current_path().string();
  EXPECT_EQ(absolute_path("lab"), cwd + "/lab");
  EXPECT_EQ(absolute_path("./lab/"), cwd + "/lab");
  EXPECT_EQ(absolute_path("/a/b/../c/"), "/a/c");
  EXPECT_EQ(absolute_path("/labs/./a/"), "/labs/a");
  EXPECT_EQ(absolute_path("/"), "/");
}

}  // namespace
}  // namespace faultbox
