// Collection and sequence functions.
#include "expr_test_support.h"

namespace faultbox::expr {
namespace {

using testing::check_expressions;

TEST(CollectionFunctions, Lookups) {
  check_expressions({
      {"length([1, 2, 3])", "3"},
      {"length({a = 1})", "1"},
      {"length(\"\")", "0"},
      {"length(strset)", "2"},
      {"length(5)", "error: must be a string or a collection"},
      {"element([\"a\", \"b\"], 1)", R"("b")"},
      {"element([\"a\", \"b\"], 3)", R"("b")"},
      {"element([], 0)", "error: must not be empty"},
      {"index([\"a\", \"b\"], \"b\")", "1"},
      {"index([\"a\"], \"z\")", "error: item not found"},
      {"contains(var.zones, \"b\")", "true"},
      {"contains(var.zones, \"z\")", "false"},
      {"contains(strset, \"a\")", "true"},
      {"lookup(var.tags, \"Env\")", R"("dev")"},
      {"lookup(var.tags, \"X\", \"dflt\")", R"("dflt")"},
      {"lookup(var.tags, \"X\", null)", "null"},
      {"lookup(var.tags, \"X\")", "error: no element \"X\""},
      {"one([])", "null"},
      {"one([5])", "5"},
      {"one([1, 2])", "error: zero or one elements"},
  });
}

TEST(CollectionFunctions, MapsAndKeys) {
  check_expressions({
      {"merge({a = 1, b = 2}, {b = 3}, null, {c = 4})", R"({"a": 1, "b": 3, "c": 4})"},
      {"merge()", "{}"},
      {"keys({b = 1, a = 2})", R"(["a", "b"])"},
      {"values({b = 1, a = 2})", "[2, 1]"},
      {"zipmap([\"a\", \"b\"], [1, 2])", R"({"a": 1, "b": 2})"},
      {"zipmap([\"a\"], [1, 2])", "error: has 1 elements but the value list has 2"},
      {"coalesce(null, \"\", \"x\", \"y\")", R"("x")"},
      {"coalesce(null, 2)", "2"},
      {"coalesce(null, \"\")", "error: no non-null"},
      {"coalescelist([], [1], [2])", "[1]"},
      {"keys(\"x\")", "error: must be a map or object, got string"},
  });
  auto merged = testing::eval("merge(strmap, strmap)");
  ASSERT_TRUE(merged);
  EXPECT_EQ(merged->kind(), Kind::Map);
}

TEST(CollectionFunctions, Sequences) {
  check_expressions({
      {"concat([1], [2, 3], [])", "[1, 2, 3]"},
      {"concat([\"a\"], [1])", R"(["a", "1"])"},
      {"concat([{a = 1}], [\"x\"])", R"([{"a": 1}, "x"])"},
      {"flatten([[1, [2]], [], [3]])", "[1, 2, 3]"},
      {"distinct([1, 2, 1, 3, 2])", "[1, 2, 3]"},
      {"slice([1, 2, 3, 4], 1, 3)", "[2, 3]"},
      {"slice([1], 0, 2)", "error: slice bounds"},
      {"reverse([1, 2, 3])", "[3, 2, 1]"},
      {"sort([\"b\", \"c\", \"a\"])", R"(["a", "b", "c"])"},
      {"sort([10, 9])", R"(["10", "9"])"},
      {"compact([\"a\", \"\", null, \"b\"])", R"(["a", "b"])"},
      {"concat(5)", "error: must be a list, tuple or set"},
  });
}

}  // namespace
}  // namespace faultbox::expr
