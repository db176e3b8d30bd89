// Terraform's conversions at the provider boundary (the "Type Conversion" rules of its
// language documentation), applied by conform_to_schema to the attributes a type declares.
#include "stack/schema.h"

#include <gtest/gtest.h>

namespace faultbox::stack {
namespace {

using expr::Kind;
using expr::Value;

Value config_with(const std::string& name, Value value) {
  return Value::object({{name, std::move(value)}});
}

// The attribute `name` of `value` converted to `type`, or the error's message.
Result<Value> convert(Value value, const std::string& type) {
  FAULTBOX_TRY(out, conform_to_schema(config_with("a", std::move(value)), {{"a", type}}));
  return *out.find("a");
}

std::string error_of(Value value, const std::string& type) {
  auto out = convert(std::move(value), type);
  return out ? std::string("no error") : out.error().message;
}

Value strings(std::initializer_list<const char*> items) {
  Value::Elements out;
  for (const char* s : items) {
    out.push_back(Value::string(s));
  }
  return Value::tuple(std::move(out));
}

TEST(Schema, NumberToString) {
  EXPECT_EQ(*convert(Value::number(3), "string"), Value::string("3"));
  EXPECT_EQ(*convert(Value::number(1.5), "string"), Value::string("1.5"));
}

TEST(Schema, BoolToString) {
  EXPECT_EQ(*convert(Value::boolean(true), "string"), Value::string("true"));
  EXPECT_EQ(*convert(Value::boolean(false), "string"), Value::string("false"));
}

TEST(Schema, StringToNumber) {
  auto n = convert(Value::string("15"), "number");
  ASSERT_TRUE(n);
  EXPECT_TRUE(n->is_number());
  EXPECT_EQ(n->as_number(), 15);
  EXPECT_EQ(convert(Value::string("1.5"), "number")->as_number(), 1.5);
}

TEST(Schema, StringThatIsNotANumberIsRefused) {
  EXPECT_NE(error_of(Value::string("fifteen"), "number").find("number required"),
            std::string::npos);
}

TEST(Schema, StringToBool) {
  EXPECT_EQ(*convert(Value::string("true"), "bool"), Value::boolean(true));
  EXPECT_EQ(*convert(Value::string("false"), "bool"), Value::boolean(false));
}

TEST(Schema, OnlyTrueAndFalseAreBools) {
  EXPECT_NE(error_of(Value::string("yes"), "bool").find("bool required"), std::string::npos);
  EXPECT_NE(error_of(Value::string("1"), "bool").find("bool required"), std::string::npos);
}

TEST(Schema, NumbersAndBoolsDoNotConvertToEachOther) {
  EXPECT_NE(error_of(Value::boolean(true), "number"), "no error");
  EXPECT_NE(error_of(Value::number(1), "bool"), "no error");
}

// The workshop's asg.tf: load_balancers = [aws_elb.this.id], a tuple, is a set of strings.
TEST(Schema, TupleToSetOfStrings) {
  auto set = convert(strings({"step03-funky-elb"}), "set(string)");
  ASSERT_TRUE(set);
  EXPECT_EQ(set->kind(), Kind::Set);
  EXPECT_EQ(set->elements(), (Value::Elements{Value::string("step03-funky-elb")}));
}

TEST(Schema, TupleToListKeepsOrder) {
  auto list = convert(strings({"b", "a"}), "list(string)");
  ASSERT_TRUE(list);
  EXPECT_EQ(list->kind(), Kind::List);
  EXPECT_EQ(list->elements()[0], Value::string("b"));
}

TEST(Schema, ASetHasNoDuplicatesAndItsOwnOrder) {
  auto set = convert(strings({"b", "a", "b"}), "set(string)");
  ASSERT_TRUE(set);
  EXPECT_EQ(set->elements(), (Value::Elements{Value::string("a"), Value::string("b")}));
}

TEST(Schema, TupleElementsConvertToTheElementType) {
  auto list = convert(Value::tuple({Value::string("a"), Value::number(1), Value::boolean(true)}),
                      "list(string)");
  ASSERT_TRUE(list);
  EXPECT_EQ(list->elements(),
            (Value::Elements{Value::string("a"), Value::string("1"), Value::string("true")}));
}

TEST(Schema, ListOfNumbersFromStrings) {
  auto list = convert(strings({"1", "2"}), "list(number)");
  ASSERT_TRUE(list);
  EXPECT_EQ(list->elements(), (Value::Elements{Value::number(1), Value::number(2)}));
}

TEST(Schema, AnElementThatCannotConvertFailsTheWhole) {
  EXPECT_NE(error_of(strings({"1", "x"}), "list(number)"), "no error");
}

TEST(Schema, ObjectToMapOfStrings) {
  auto map = convert(Value::object({{"Panda", Value::string("funky")}, {"n", Value::number(3)}}),
                     "map(string)");
  ASSERT_TRUE(map);
  EXPECT_EQ(map->kind(), Kind::Map);
  EXPECT_EQ(*map->find("n"), Value::string("3"));
}

TEST(Schema, AnObjectWithANestedObjectIsNoMapOfStrings) {
  auto nested = Value::object({{"a", Value::object({{"b", Value::string("c")}})}});
  EXPECT_NE(error_of(nested, "map(string)").find("string required"), std::string::npos);
}

TEST(Schema, ACollectionIsNotAPrimitiveNorTheOtherWayRound) {
  EXPECT_NE(error_of(Value::string("a"), "list(string)").find("list(string) required, got string"),
            std::string::npos);
  EXPECT_NE(error_of(Value::object({{"a", Value::string("b")}}), "set(string)"), "no error");
  EXPECT_NE(error_of(strings({"a"}), "string"), "no error");
  EXPECT_NE(error_of(strings({"a"}), "map(string)"), "no error");
}

TEST(Schema, NullAndUnknownPassAsTheyAre) {
  EXPECT_TRUE(convert(Value::null(), "number")->is_null());
  EXPECT_TRUE(convert(Value::unknown(), "set(string)")->is_unknown());
}

TEST(Schema, AnUnknownElementStaysUnknown) {
  auto set = convert(Value::tuple({Value::unknown(), Value::string("a")}), "set(string)");
  ASSERT_TRUE(set);
  EXPECT_EQ(set->elements().size(), 2u);
}

TEST(Schema, AnEmptyTupleIsAnEmptySet) {
  auto set = convert(Value::tuple({}), "set(string)");
  ASSERT_TRUE(set);
  EXPECT_EQ(set->kind(), Kind::Set);
  EXPECT_TRUE(set->elements().empty());
}

TEST(Schema, ValuesOfTheRightTypeAreUnchanged) {
  EXPECT_EQ(*convert(Value::number(2), "number"), Value::number(2));
  EXPECT_EQ(*convert(Value::string("x"), "string"), Value::string("x"));
}

TEST(Schema, UndeclaredAttributesAreLeftAlone) {
  auto out = conform_to_schema(
      Value::object({{"min_size", Value::string("3")}, {"name", Value::number(7)}}),
      {{"min_size", "number"}});
  ASSERT_TRUE(out);
  EXPECT_EQ(*out->find("min_size"), Value::number(3));
  EXPECT_EQ(*out->find("name"), Value::number(7));
}

TEST(Schema, TheErrorNamesTheAttribute) {
  auto out = conform_to_schema(config_with("load_balancers", Value::string("elb")),
                               {{"load_balancers", "set(string)"}});
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().message,
            "Inappropriate value for attribute \"load_balancers\": set(string) required, got "
            "string");
}

}  // namespace
}  // namespace faultbox::stack
