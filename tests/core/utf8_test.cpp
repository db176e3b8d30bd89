#include "core/utf8.h"

#include <gtest/gtest.h>

namespace faultbox {
namespace {

TEST(Utf8, AcceptsWellFormedText) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("plain ascii"));
  EXPECT_TRUE(is_valid_utf8("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x90\xBC"));  // é € 🐼
  EXPECT_TRUE(is_valid_utf8("\xF4\x8F\xBF\xBF"));                           // U+10FFFF
}

TEST(Utf8, FindsTheFirstIllFormedByte) {
  EXPECT_EQ(first_invalid_utf8("/x\xFF"), 2u);
  EXPECT_EQ(first_invalid_utf8("ab\xC0\x80"), 2u);        // overlong NUL
  EXPECT_EQ(first_invalid_utf8("\xE0\x80\xAF"), 0u);      // overlong '/'
  EXPECT_EQ(first_invalid_utf8("a\xED\xA0\x80"), 1u);     // a UTF-16 surrogate
  EXPECT_EQ(first_invalid_utf8("\xF4\x90\x80\x80"), 0u);  // above U+10FFFF
  EXPECT_EQ(first_invalid_utf8("ok\xE2\x82"), 2u);        // cut short
  EXPECT_EQ(first_invalid_utf8("\x80"), 0u);              // a lone continuation byte
}

TEST(Utf8, ReplacesWhatIsIllFormed) {
  EXPECT_EQ(to_valid_utf8("a\xFF"
                          "b"),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(to_valid_utf8("caf\xC3\xA9"), "caf\xC3\xA9");
  EXPECT_TRUE(is_valid_utf8(to_valid_utf8("\xC0\x80\xED\xA0\x80\xF8")));
}

TEST(Utf8, DescribesWhereTextStopsBeingUtf8) {
  EXPECT_EQ(describe_invalid_utf8("/x\xFF"), "byte 0xFF at offset 2");
  EXPECT_EQ(describe_invalid_utf8("fine"), "");
}

}  // namespace
}  // namespace faultbox
