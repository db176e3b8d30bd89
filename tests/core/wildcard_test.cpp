// Glob matching for IAM policies and EC2 filters.
#include "core/wildcard.h"

#include <gtest/gtest.h>

namespace faultbox {
namespace {

TEST(WildcardTest, StarAndQuestionMark) {
  EXPECT_TRUE(wildcard_match("f*y", "funky"));
  EXPECT_TRUE(wildcard_match("*", ""));
  EXPECT_TRUE(wildcard_match("a*b*c", "axxbyyc"));
  EXPECT_FALSE(wildcard_match("a*b*c", "axxbyy"));
  EXPECT_TRUE(wildcard_match("eu-west-2?", "eu-west-2b"));
  EXPECT_FALSE(wildcard_match("eu-west-2?", "eu-west-2"));
  EXPECT_FALSE(wildcard_match("funky", "funky2"));
}

TEST(WildcardTest, IgnoreCaseForIamActions) {
  EXPECT_TRUE(wildcard_match("EC2:stop*", "ec2:StopInstances", {.ignore_case = true}));
  EXPECT_FALSE(wildcard_match("EC2:stop*", "ec2:StopInstances"));
}

TEST(WildcardTest, BackslashEscapesForEc2Filters) {
  WildcardOptions ec2{.backslash_escapes = true};
  EXPECT_TRUE(wildcard_match("a\\*b", "a*b", ec2));
  EXPECT_FALSE(wildcard_match("a\\*b", "axb", ec2));
  EXPECT_TRUE(wildcard_match("a\\?", "a?", ec2));
  EXPECT_TRUE(wildcard_match("a\\\\", "a\\", ec2));
  EXPECT_FALSE(wildcard_match("a\\*b", "a*b"));  // without escapes the backslash is literal
  EXPECT_TRUE(wildcard_match("a\\*b", "a\\xyzb"));
}

}  // namespace
}  // namespace faultbox
