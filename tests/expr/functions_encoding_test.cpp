// Encoding, type conversion and error-handling functions.
#include "expr_test_support.h"

namespace faultbox::expr {
namespace {

using testing::check_expressions;

TEST(EncodingFunctions, Json) {
  check_expressions({
      {"jsonencode({b = [1, \"x\", true, null], a = 1.5})",
       R"("{\"a\":1.5,\"b\":[1,\"x\",true,null]}")"},
      {"jsonencode(\"<a&b>\")", R"("\"\\u003ca\\u0026b\\u003e\"")"},
      {"jsonencode(null)", R"("null")"},
      {"jsondecode(\"{\\\"a\\\": [1, 2]}\").a[1]", "2"},
      {"jsondecode(\"true\")", "true"},
      {"jsondecode(\"{\")", "error: jsondecode(): invalid JSON"},
      {"jsondecode(jsonencode(var.tags))", R"({"Env": "dev", "Team": "sre"})"},
  });
}

TEST(EncodingFunctions, Base64AndUrl) {
  check_expressions({
      {"base64encode(\"hello\")", R"("aGVsbG8=")"},
      {"base64encode(\"hi\")", R"("aGk=")"},
      {"base64encode(\"\")", R"("")"},
      {"base64decode(\"aGVsbG8=\")", R"("hello")"},
      {"base64decode(base64encode(\"any text!\"))", R"("any text!")"},
      {"base64decode(\"a===\")", "error: is not valid base64"},
      {"base64decode(\"abc\")", "error: is not valid base64"},
      {"urlencode(\"a b&c/é\")", R"("a+b%26c%2F%C3%A9")"},
  });
}

TEST(TypeFunctions, Conversions) {
  check_expressions({
      {"tostring(5)", R"("5")"},
      {"tostring(true)", R"("true")"},
      {"tostring(null)", "null"},
      {"tostring([])", "error: tostring(): cannot convert tuple to string"},
      {"tonumber(\"42\")", "42"},
      {"tonumber(\"x\")", "error: cannot convert \"x\" to number"},
      {"tobool(\"false\")", "false"},
      {"tobool(1)", "error: cannot convert number to bool"},
      {"tolist([\"a\", 1])", R"(["a", "1"])"},
      {"toset([\"b\", \"a\", \"b\"])", R"(["a", "b"])"},
      {"tomap({a = 1, b = \"x\"})", R"({"a": "1", "b": "x"})"},
      {"tomap([1])", "error: cannot convert tuple to map"},
  });
}

TEST(TypeFunctions, TryAndCan) {
  check_expressions({
      {"try(var.nope, \"fallback\")", R"("fallback")"},
      {"try(var.name, \"x\")", R"("panda")"},
      {"try(nope.x, var.zones[9], 3)", "3"},
      {"try(1 / 0)", "error: try(): no argument succeeded"},
      {"can(var.tags.Env)", "true"},
      {"can(var.tags.Nope)", "false"},
      {"can(tonumber(\"x\"))", "false"},
      {"can(regex(\"^a\", \"abc\"))", "true"},
      {"can(1, 2)", "error: can(): expected 1 argument"},
  });
}

}  // namespace
}  // namespace faultbox::expr
