#include "core/base64.h"

#include <gtest/gtest.h>

namespace faultbox {
namespace {

TEST(Base64, RoundTrips) {
  for (std::string s : {"", "f", "fo", "foo", "#!/bin/sh\necho hi\n"}) {
    auto decoded = base64_decode(base64_encode(s));
    ASSERT_TRUE(decoded) << s;
    EXPECT_EQ(*decoded, s);
  }
  EXPECT_EQ(base64_encode("foob"), "Zm9vYg==");
}

TEST(Base64, RejectsInvalidText) {
  EXPECT_FALSE(base64_decode("abc"));
  EXPECT_FALSE(base64_decode("ab!="));
}

}  // namespace
}  // namespace faultbox
