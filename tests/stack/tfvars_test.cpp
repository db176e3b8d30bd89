// .tfvars and .tfvars.json parsing: where values end, comments, errors.
#include "stack/tfvars.h"

#include <gtest/gtest.h>

#include "expr/evaluator.h"

namespace faultbox::stack {
namespace {

struct TfvarsCase {
  const char* text;
  std::vector<std::string> names;
  std::string last_value_json;  // value of the last entry, as JSON
};

void PrintTo(const TfvarsCase& c, std::ostream* os) { *os << c.text; }

class TfvarsTable : public ::testing::TestWithParam<TfvarsCase> {};

TEST_P(TfvarsTable, Parses) {
  const auto& c = GetParam();
  auto entries = parse_tfvars(c.text, "x.tfvars");
  ASSERT_TRUE(entries) << entries.error().message;
  std::vector<std::string> names;
  for (const auto& e : *entries) {
    names.push_back(e.name);
  }
  EXPECT_EQ(names, c.names);
  auto value = expr::evaluate(entries->back().value, expr::MapScope({}));
  ASSERT_TRUE(value) << value.error().message;
  EXPECT_EQ(expr::to_json(*value).dump(), c.last_value_json);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, TfvarsTable,
    ::testing::Values(
        TfvarsCase{"panda = \"red\"\n", {"panda"}, "\"red\""},
        TfvarsCase{"a = 1\nb = true", {"a", "b"}, "true"},
        TfvarsCase{"# header\n// also\n/* block\n x = 1 */\nn = 3 # trailing\n", {"n"}, "3"},
        TfvarsCase{"azs = [\n  \"a\", # first\n  \"b\",\n]\n", {"azs"}, "[\"a\",\"b\"]"},
        TfvarsCase{"tags = {\n  Name = \"x\"\n  Team = \"y\"\n}\n",
                   {"tags"},
                   "{\"Name\":\"x\",\"Team\":\"y\"}"},
        TfvarsCase{"s = \"brace } and # inside\"\n", {"s"}, "\"brace } and # inside\""},
        TfvarsCase{"s = \"${upper(\"a\")}-${\"}\"}\"\n", {"s"}, "\"A-}\""},
        TfvarsCase{"doc = <<-EOT\n  line [\n  EOT\nnext = 2\n", {"doc", "next"}, "2"},
        TfvarsCase{
            "m = { a = [1, 2], b = { c = \"d\" } }", {"m"}, "{\"a\":[1,2],\"b\":{\"c\":\"d\"}}"},
        TfvarsCase{"  indented   =   \"v\"  \n\n\n", {"indented"}, "\"v\""},
        TfvarsCase{"n = 1 + 2\n", {"n"}, "3"}));

TEST(Tfvars, ErrorsCarryPositions) {
  struct Bad {
    const char* text;
    const char* message;
  };
  for (const Bad& bad : {Bad{"panda \"red\"", "x.tfvars:1:7: expected '=' after variable name"},
                         Bad{"a = [1, 2\n", "x.tfvars:2:1: unexpected end of file"},
                         Bad{"a = 1 ]\n", "x.tfvars:1:7: unexpected ']'"},
                         Bad{"= 3\n", "x.tfvars:1:1: expected a variable name"},
                         Bad{"a = \"open\n", "a quoted string must end on the line"},
                         Bad{"a = 1 +\n", "x.tfvars:1:"}}) {
    auto entries = parse_tfvars(bad.text, "x.tfvars");
    ASSERT_FALSE(entries) << bad.text;
    EXPECT_NE(entries.error().message.find(bad.message), std::string::npos)
        << entries.error().message;
  }
}

TEST(Tfvars, JsonValuesAreLiteral) {
  auto entries = parse_var_file(R"({"a": "${not.a.template}", "b": [1]})", "v.tfvars.json");
  ASSERT_TRUE(entries) << entries.error().message;
  ASSERT_EQ(entries->size(), 2u);
  auto value = expr::evaluate((*entries)[0].value, expr::MapScope({}));
  ASSERT_TRUE(value);
  EXPECT_EQ(value->as_string(), "${not.a.template}");
  EXPECT_FALSE(parse_var_file("[1]", "v.tfvars.json"));
}

}  // namespace
}  // namespace faultbox::stack
