#include "core/aws_regions.h"

#include <gtest/gtest.h>

namespace faultbox {
namespace {

TEST(AwsRegions, KnowsAwsRegionsAndNoOthers) {
  EXPECT_TRUE(is_aws_region("eu-west-2"));
  EXPECT_TRUE(is_aws_region("us-east-1"));
  EXPECT_TRUE(is_aws_region("us-gov-west-1"));
  EXPECT_FALSE(is_aws_region("xx-nowhere-9"));
  EXPECT_FALSE(is_aws_region("eu-west-2 "));
  EXPECT_FALSE(is_aws_region(""));
  auto refused = check_aws_region("mars-1", "the credential scope");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "ValidationException");
  EXPECT_NE(refused.error().message.find("the credential scope names the region \"mars-1\""),
            std::string::npos);
}

}  // namespace
}  // namespace faultbox
