#include "core/page_token.h"

#include <gtest/gtest.h>

namespace faultbox {
namespace {

TEST(PageToken, CarriesTheKeyItsPageStartsAt) {
  auto token = make_page_token("i-0123456789abcdef0");
  EXPECT_EQ(token.find_first_not_of("0123456789abcdef"), std::string::npos) << token;
  EXPECT_EQ(read_page_token(token), "i-0123456789abcdef0");
  EXPECT_EQ(read_page_token(make_page_token("")), "");
}

TEST(PageToken, RefusesTokensTheLabDidNotMake) {
  EXPECT_FALSE(read_page_token("junk"));
  EXPECT_FALSE(read_page_token("i-0123456789abcdef0"));  // a key is not a token
  EXPECT_FALSE(read_page_token("abc"));
  EXPECT_FALSE(read_page_token("6869"));  // hex, but not the lab's
}

}  // namespace
}  // namespace faultbox
