#include "core/json_text.h"

#include <gtest/gtest.h>

#include <string>

namespace faultbox {
namespace {

std::string nested_arrays(int depth) { return std::string(depth, '[') + std::string(depth, ']'); }

TEST(JsonText, WritesTextThatIsNotUtf8AsReplacementCharacters) {
  nlohmann::json doc = {{"path", "/x\xFF"}};
  // nlohmann's own dump() throws type_error.316 here; that exception once ended the lab.
  EXPECT_THROW((void)doc.dump(), nlohmann::json::type_error);
  EXPECT_EQ(json_text(doc), "{\"path\":\"/x\xEF\xBF\xBD\"}");
  EXPECT_EQ(json_text({{"a", 1}}, 2), "{\n  \"a\": 1\n}");
}

TEST(JsonText, ParsesDocumentsUpToTheNestingBound) {
  auto ok = parse_json(nested_arrays(kMaxJsonDepth), "the body");
  ASSERT_TRUE(ok) << ok.error().message;
  auto deep = parse_json(nested_arrays(kMaxJsonDepth + 1), "the body");
  ASSERT_FALSE(deep);
  EXPECT_EQ(deep.error().code, "ValidationException");
  EXPECT_EQ(deep.error().message, "the body nests arrays and objects more than 512 levels deep");
}

TEST(JsonText, RefusesAHundredThousandLevelsWithoutExhaustingTheStack) {
  auto deep = parse_json(std::string(100'000, '['), "main.tf.json");
  ASSERT_FALSE(deep);
  EXPECT_NE(deep.error().message.find("more than 512 levels"), std::string::npos);
}

TEST(JsonText, NamesTheDocumentInSyntaxErrors) {
  auto bad = parse_json("{\"a\": }", "main.tf.json");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message.rfind("main.tf.json: parse error at line 1, column 7", 0), 0u)
      << bad.error().message;
  auto not_utf8 = parse_json("\"\xFF\"", "the body");
  ASSERT_FALSE(not_utf8);
  EXPECT_NE(not_utf8.error().message.find("ill-formed UTF-8"), std::string::npos)
      << not_utf8.error().message;
  EXPECT_NO_THROW((void)nlohmann::json(not_utf8.error().message).dump());
}

}  // namespace
}  // namespace faultbox
