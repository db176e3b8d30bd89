// Digests, uuid, timestamp and yamlencode, against Terraform's documented results.
#include <regex>

#include "expr/function_registry.h"
#include "expr_test_support.h"

namespace faultbox::expr {
namespace {

using testing::check_expressions;
using testing::eval;

TEST(DigestFunctions, HexAndBase64OfUtf8) {
  check_expressions({
      {"md5(\"hello world\")", R"("5eb63bbbe01eeed093cb22bb8f5acdc3")"},
      {"sha1(\"hello world\")", R"("2aae6c35c94fcfb415dbe95f408b9ce91ee846ed")"},
      {"sha256(\"hello world\")",
       R"("b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9")"},
      {"sha512(\"hello world\")",
       R"("309ecc489c12d6eb4cc40f50c902f2b4d0ed77ee511a7c7a9bcd3ca86d4cd86f989dd35bc5ff499670da34255b45b0cfd830e81f605dcf7dc5542e93ae9cd76f")"},
      {"base64sha256(\"hello world\")", R"("uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek=")"},
      {"md5(\"ü\")", R"("c03410a5204b21cd8229ff754688d743")"},
      {"md5(5)", R"("e4da3b7fbbce2345d7772b0674a318d5")"},
      {"md5([])", "error: md5(): argument 1 must be a string"},
      {"sha256(pending)", "unknown"},
  });
}

TEST(DigestFunctions, UuidIsRandomVersion4) {
  std::regex v4("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
  auto a = eval("uuid()");
  auto b = eval("uuid()");
  ASSERT_TRUE(a && b);
  EXPECT_TRUE(std::regex_match(a->as_string(), v4)) << a->as_string();
  EXPECT_TRUE(std::regex_match(b->as_string(), v4)) << b->as_string();
  EXPECT_NE(a->as_string(), b->as_string());
  EXPECT_FALSE(eval("uuid(1)"));
}

TEST(TimeFunctions, TimestampIsRfc3339UtcFromTheRegistryClock) {
  ManualClock clock;  // 1'700'000'000'000 ms = 2023-11-14T22:13:20Z
  clock.advance(Duration(999));
  FunctionRegistry functions = standard_functions(".");
  functions.set_clock(&clock);
  MapScope scope({}, &functions);
  auto t = eval("timestamp()", scope);
  ASSERT_TRUE(t) << t.error().message;
  EXPECT_EQ(t->as_string(), "2023-11-14T22:13:20Z");
  auto unset = eval("timestamp()");
  ASSERT_TRUE(unset);
  EXPECT_TRUE(
      std::regex_match(unset->as_string(), std::regex(R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$)")));
}

TEST(YamlFunctions, TerraformBlockStyle) {
  check_expressions({
      {R"(yamlencode({"a":"b", "c":"d"}))", R"("\"a\": \"b\"\n\"c\": \"d\"\n")"},
      {R"(yamlencode({"foo":[1, 2, 3], "bar": "baz"}))",
       R"("\"bar\": \"baz\"\n\"foo\":\n- 1\n- 2\n- 3\n")"},
      {R"(yamlencode({"foo":[1, {"a":"b","c":"d"}, 3], "bar": "baz"}))",
       R"("\"bar\": \"baz\"\n\"foo\":\n- 1\n- \"a\": \"b\"\n  \"c\": \"d\"\n- 3\n")"},
      {R"(yamlencode({a = {b = {c = true}}, e = {}, l = []}))",
       R"("\"a\":\n  \"b\":\n    \"c\": true\n\"e\": {}\n\"l\": []\n")"},
      {R"(yamlencode([[1, 2], null, "x\ny \"q\""]))",
       R"("- - 1\n  - 2\n- null\n- \"x\\ny \\\"q\\\"\"\n")"},
      {"yamlencode(\"hello\")", R"("\"hello\"\n")"},
      {"yamlencode(true)", R"("true\n...\n")"},
      {"yamlencode(null)", R"("null\n...\n")"},
      {"yamlencode(1.5)", R"("1.5\n...\n")"},
  });
}

}  // namespace
}  // namespace faultbox::expr
