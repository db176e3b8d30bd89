// Values: construction, JSON round trips, equality, ordering and conversions.
#include "expr/value.h"

#include <gtest/gtest.h>

#include "expr/conversions.h"

namespace faultbox::expr {
namespace {

TEST(Value, JsonRoundTrip) {
  auto json = nlohmann::json::parse(
      R"({"a": [1, 2.5, "x", true, null], "b": {"c": {}}, "d": [], "e": -7})");
  Value v = from_json(json);
  EXPECT_EQ(v.kind(), Kind::Object);
  EXPECT_EQ(v.find("a")->kind(), Kind::Tuple);
  EXPECT_EQ(v.find("a")->elements()[1].as_number(), 2.5);
  EXPECT_TRUE(v.find("a")->elements()[4].is_null());
  EXPECT_EQ(to_json(v), json);
  EXPECT_EQ(to_json(Value::number(3)).dump(), "3");
  EXPECT_EQ(to_json(Value::unknown()), nullptr);
}

TEST(Value, NumbersPrintLikeTerraform) {
  EXPECT_EQ(format_number(3), "3");
  EXPECT_EQ(format_number(-42), "-42");
  EXPECT_EQ(format_number(2.5), "2.5");
  EXPECT_EQ(format_number(0.1), "0.1");
  EXPECT_EQ(format_number(1e20), "1e+20");
}

TEST(Value, EqualityIsStructural) {
  EXPECT_EQ(Value::number(1), Value::number(1.0));
  EXPECT_FALSE(Value::number(1) == Value::string("1"));
  EXPECT_EQ(Value::list({Value::number(1)}), Value::tuple({Value::number(1)}));
  EXPECT_EQ(Value::map({{"a", Value::null()}}), Value::object({{"a", Value::null()}}));
  EXPECT_FALSE(Value::set({Value::number(1)}) == Value::list({Value::number(1)}));
  EXPECT_FALSE(Value::tuple({}) == Value::object({}));
  EXPECT_EQ(Value::null(), Value());
}

TEST(Value, SetsAreDeduplicatedAndSorted) {
  Value s = Value::set({Value::string("b"), Value::string("a"), Value::string("b")});
  ASSERT_EQ(s.elements().size(), 2u);
  EXPECT_EQ(s.elements()[0].as_string(), "a");
  Value n = Value::set({Value::number(10), Value::number(9)});
  EXPECT_EQ(n.elements()[0].as_number(), 9);
}

TEST(Value, TypeNamesAndKnownness) {
  EXPECT_EQ(Value::null().type_name(), "null");
  EXPECT_EQ(Value::boolean(true).type_name(), "bool");
  EXPECT_EQ(Value::list({}).type_name(), "list");
  EXPECT_EQ(Value::set({}).type_name(), "set");
  EXPECT_EQ(Value::map({}).type_name(), "map");
  EXPECT_EQ(Value::object({}).type_name(), "object");
  EXPECT_EQ(Value::unknown().type_name(), "unknown");
  EXPECT_FALSE(Value::object({{"x", Value::tuple({Value::unknown()})}}).is_wholly_known());
  EXPECT_TRUE(Value::object({{"x", Value::tuple({})}}).is_wholly_known());
}

TEST(Conversions, Primitives) {
  EXPECT_EQ(convert_to_string(Value::number(5))->as_string(), "5");
  EXPECT_EQ(convert_to_string(Value::boolean(false))->as_string(), "false");
  EXPECT_EQ(convert_to_number(Value::string("-1.5"))->as_number(), -1.5);
  EXPECT_FALSE(convert_to_number(Value::string("12abc")));
  EXPECT_FALSE(convert_to_number(Value::string("")));
  EXPECT_FALSE(convert_to_number(Value::boolean(true)));
  EXPECT_TRUE(convert_to_bool(Value::string("true"))->as_bool());
  EXPECT_EQ(convert_to_bool(Value::string("yes")).error().message,
            "cannot convert \"yes\" to bool: only \"true\" or \"false\" are allowed");
  EXPECT_EQ(convert_to_string(Value::tuple({})).error().message, "cannot convert tuple to string");
  EXPECT_TRUE(convert_to_string(Value::null())->is_null());
  EXPECT_TRUE(convert_to_number(Value::unknown())->is_unknown());
}

TEST(Conversions, Collections) {
  auto list = convert_to_list(Value::tuple({Value::string("a"), Value::number(1)}));
  ASSERT_TRUE(list);
  EXPECT_EQ(list->kind(), Kind::List);
  EXPECT_EQ(list->elements()[1].as_string(), "1");
  EXPECT_FALSE(convert_to_list(Value::tuple({Value::string("a"), Value::tuple({})})));
  auto set = convert_to_set(Value::tuple({Value::number(2), Value::number(2)}));
  EXPECT_EQ(set->elements().size(), 1u);
  auto map =
      convert_to_map(Value::object({{"a", Value::boolean(true)}, {"b", Value::string("x")}}));
  ASSERT_TRUE(map);
  EXPECT_EQ(map->kind(), Kind::Map);
  EXPECT_EQ(map->find("a")->as_string(), "true");
  EXPECT_FALSE(convert_to_map(Value::tuple({})));
  EXPECT_FALSE(convert_to_list(Value::string("a")));
}

}  // namespace
}  // namespace faultbox::expr
