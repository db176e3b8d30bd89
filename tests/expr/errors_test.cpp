// Parse and evaluation errors name the source position and what was wrong.
#include "expr_test_support.h"

namespace faultbox::expr {
namespace {

using testing::check_expressions;

std::string parse_error(std::string_view src, SourcePos origin = {"main.tf.json", 1, 1}) {
  auto parsed = parse_expression(src, origin);
  return parsed ? "parsed" : parsed.error().message;
}

TEST(Errors, ParseErrorsCarryLineAndColumn) {
  EXPECT_EQ(parse_error("1 +"), "main.tf.json:1:4: expected an expression, found end of input");
  EXPECT_EQ(parse_error("[1, 2"),
            "main.tf.json:1:6: expected ',' or ']' in a tuple, found end of input");
  EXPECT_EQ(parse_error("a b"),
            "main.tf.json:1:3: unexpected identifier \"b\" after the expression");
  EXPECT_EQ(parse_error("f(1\n, 2"),
            "main.tf.json:2:4: expected ',' or ')' in the call to f, found end of input");
  EXPECT_EQ(parse_error("a ? b"),
            "main.tf.json:1:6: expected ':' in a conditional expression, found end of input");
  EXPECT_EQ(parse_error("x @ y"), "main.tf.json:1:3: unexpected character '@'");
  EXPECT_EQ(parse_error("\"abc"),
            "main.tf.json:1:5: unterminated string; expected a closing quote");
  EXPECT_EQ(parse_error("\"a\nb\""),
            "main.tf.json:1:3: a quoted string must be closed before the end of the line");
  EXPECT_EQ(parse_error("\"\\q\""), "main.tf.json:1:2: invalid escape sequence \"\\q\"");
  EXPECT_EQ(parse_error("{a 1}"),
            "main.tf.json:1:4: expected '=' or ':' after an object key, found number 1");
  EXPECT_EQ(parse_error("[for x xs : x]"),
            "main.tf.json:1:8: expected 'in' in a for expression, found identifier \"xs\"");
  EXPECT_EQ(parse_error("{for k, v in m : k}"),
            "main.tf.json:1:19: expected '=>' in an object for expression, found '}'");
  EXPECT_EQ(parse_error("a."),
            "main.tf.json:1:3: expected an attribute name after '.', found end of input");
  EXPECT_EQ(parse_error("<<EOT\nabc\n"),
            "main.tf.json:1:1: heredoc is not closed; expected a line with \"EOT\"");
}

TEST(Errors, ParsePositionsAreRelativeToTheOrigin) {
  EXPECT_EQ(parse_error("var.x +", {"main.tf.json", 12, 5}),
            "main.tf.json:12:12: expected an expression, found end of input");
  auto parsed = parse_template("ok ${var.x +}", {"main.tf.json", 3, 10});
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().message, "main.tf.json:3:22: expected an expression, found '}'");
  EXPECT_EQ(parsed.error().code, "ValidationException");
}

TEST(Errors, EvaluationErrorsNameWhatWasWrong) {
  check_expressions({
      {"aws_elb.this.dns_nam",
       "error: t.tf:1:1: unsupported attribute \"dns_nam\" on aws_elb.this"},
      {"nope.x", "error: t.tf:1:1: unknown variable \"nope\""},
      {"var.zones[3]", "error: t.tf:1:1: index 3 out of range for var.zones (3 elements)"},
      {"var.zones[-1]", "error: index -1 out of range"},
      {"var.zones[0.5]", "error: index 0.5 is not a whole number"},
      {"var.zones[\"x\"]", "error: a tuple index must be a number, got string"},
      {"var.tags[\"Nope\"]", "error: var.tags has no element \"Nope\""},
      {"strmap.nope", "error: map strmap has no element \"nope\""},
      {"var.nothing.x", "error: cannot read attribute \"x\": var.nothing is null"},
      {"var.nothing[0]", "error: cannot index var.nothing: it is null"},
      {"var.name.first", "error: unsupported attribute \"first\": var.name is a string"},
      {"aws_instance.web.id", "error: aws_instance.web is a tuple; use a splat"},
      {"var.name[0]", "error: cannot index var.name: it is a string"},
      {"strset[0]", "error: it is a set; convert it with tolist()"},
      {"1 + \"x\"", "error: t.tf:1:5: the operand of + must be a number, got string \"x\""},
      {"1 + null", "error: a null value cannot be an operand of +"},
      {"[1] * 2", "error: the operand of * must be a number, got tuple"},
      {"1 / 0", "error: t.tf:1:3: division by zero"},
      {"5 % 0", "error: division by zero"},
      {"-\"a\"", "error: the operand of unary - must be a number"},
      {"!1", "error: the operand of ! must be a bool, got number"},
      {"1 && true", "error: the left operand of && must be a bool"},
      {"null ? 1 : 2", "error: the condition is null"},
      {"\"x\" ? 1 : 2", "error: the condition must be a bool, got string"},
      {"[for x in 5 : x]", "error: a for expression cannot iterate over a number"},
      {"[for x in null : x]", "error: cannot iterate over a null value"},
      {"{for x in [1, 1] : x => x}", "error: duplicate key \"1\" in a for expression"},
      {"[for x in [1] : x if 3]", "error: if clause must be a bool"},
      {"nofunc(1)", "error: t.tf:1:1: call to unknown function \"nofunc\""},
      {"upper(1, 2)", "error: t.tf:1:1: upper(): expected 1 argument(s), got 2"},
      {"max()", "error: max(): expected at least 1 argument(s), got 0"},
      {"upper(null)", "error: upper(): argument 1 must not be null"},
      {"max(5...)", "error: the argument expanded with '...' must be a list, got number"},
      {"{(null) = 1}", "error: an object key must be a string, got null"},
      {"[1, 2][*].x", "error: unsupported attribute \"x\": each splat element is a number"},
  });
}

TEST(Errors, ErrorPositionFollowsTheFaultyNodeAcrossLines) {
  auto parsed = parse_expression("[\n  var.name,\n  aws_elb.this.nope,\n]", {"main.tf", 7, 1});
  ASSERT_TRUE(parsed);
  auto value = evaluate(*parsed, testing::sample_scope());
  ASSERT_FALSE(value);
  EXPECT_EQ(value.error().message, "main.tf:9:3: unsupported attribute \"nope\" on aws_elb.this");
}

}  // namespace
}  // namespace faultbox::expr
