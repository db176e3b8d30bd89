#include "core/result.h"

#include <gtest/gtest.h>

namespace faultbox {
namespace {

Result<int> half(int x) {
  if (x % 2 != 0) {
    return errors::validation("odd number " + std::to_string(x));
  }
  return x / 2;
}

Result<int> quarter(int x) {
  FAULTBOX_TRY(h, half(x));
  return half(h);
}

TEST(Result, CarriesValueOrError) {
  auto ok = half(8);
  ASSERT_TRUE(ok);
  EXPECT_EQ(*ok, 4);
  auto bad = half(3);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, "ValidationException");
  EXPECT_EQ(bad.error().http_status, 400);
  EXPECT_EQ(bad.error().to_string(), "ValidationException: odd number 3");
}

TEST(Result, TryPropagatesTheFirstError) {
  EXPECT_EQ(*quarter(8), 2);
  EXPECT_EQ(quarter(6).error().message, "odd number 3");
  EXPECT_EQ(quarter(5).error().message, "odd number 5");
}

TEST(Result, ValueOnErrorThrowsWithTheMessage) {
  auto bad = half(1);
  EXPECT_THROW((void)bad.value(), ErrorException);
}

TEST(Errors, HelpersUseAwsCodesAndStatuses) {
  EXPECT_EQ(errors::not_found("x").code, "ResourceNotFoundException");
  EXPECT_EQ(errors::not_found("x").http_status, 404);
  EXPECT_EQ(errors::conflict("x").http_status, 409);
  EXPECT_EQ(errors::access_denied("x").code, "AccessDeniedException");
  EXPECT_EQ(errors::internal("x").http_status, 500);
}

}  // namespace
}  // namespace faultbox
