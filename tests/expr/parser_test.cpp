// Parser shapes: which tree a source becomes (checked through describe() and node kinds).
#include "expr_test_support.h"

namespace faultbox::expr {
namespace {

Expression parse(std::string_view src, bool is_template = false) {
  auto parsed = is_template ? parse_template(src, {"t", 1, 1}) : parse_expression(src, {"t", 1, 1});
  EXPECT_TRUE(parsed) << src << ": " << (parsed ? "" : parsed.error().message);
  return parsed ? *parsed : Expression();
}

TEST(Parser, TemplateOfOneInterpolationIsTheExpressionItself) {
  Expression e = parse("${aws_elb.this.dns_name}", true);
  EXPECT_TRUE(std::holds_alternative<GetAttrNode>(e.root().data));
  EXPECT_EQ(describe(e.root()), "aws_elb.this.dns_name");
  EXPECT_TRUE(std::holds_alternative<TemplateNode>(parse("a${b}", true).root().data));
  EXPECT_TRUE(std::holds_alternative<LiteralNode>(parse("plain", true).root().data));
  EXPECT_TRUE(std::holds_alternative<LiteralNode>(parse("\"quoted\"").root().data));
}

TEST(Parser, OperatorPrecedence) {
  Expression e = parse("a || b && c == d + e * -f");
  const auto& root = e.root();
  const auto* lor = std::get_if<BinaryNode>(&root.data);
  ASSERT_NE(lor, nullptr);
  EXPECT_EQ(lor->op, BinaryOp::Or);
  const auto* land = std::get_if<BinaryNode>(&lor->rhs->data);
  ASSERT_NE(land, nullptr);
  EXPECT_EQ(land->op, BinaryOp::And);
  const auto* eq = std::get_if<BinaryNode>(&land->rhs->data);
  ASSERT_NE(eq, nullptr);
  EXPECT_EQ(eq->op, BinaryOp::Eq);
  const auto* add = std::get_if<BinaryNode>(&eq->rhs->data);
  ASSERT_NE(add, nullptr);
  EXPECT_EQ(add->op, BinaryOp::Add);
  const auto* mul = std::get_if<BinaryNode>(&add->rhs->data);
  ASSERT_NE(mul, nullptr);
  EXPECT_TRUE(std::holds_alternative<UnaryNode>(mul->rhs->data));
}

TEST(Parser, SplatsAndForForms) {
  // An index after an attribute splat applies to the splat result.
  EXPECT_TRUE(std::holds_alternative<IndexNode>(parse("a.*.b.c[0]").root().data));
  EXPECT_TRUE(std::holds_alternative<SplatNode>(parse("a[*].b.c[0]").root().data));
  Expression e = parse("{for k, v in m : k => v... if v}");
  const auto* object_for = std::get_if<ForNode>(&e.root().data);
  ASSERT_NE(object_for, nullptr);
  EXPECT_EQ(object_for->key_var, "k");
  EXPECT_TRUE(object_for->grouping);
  EXPECT_NE(object_for->condition, nullptr);
  EXPECT_TRUE(std::holds_alternative<TupleNode>(parse("[for]").root().data));
}

TEST(Parser, CallsWithExpansionAndTrailingCommas) {
  Expression e = parse("f(a, b...)");
  const auto* call = std::get_if<CallNode>(&e.root().data);
  ASSERT_NE(call, nullptr);
  EXPECT_EQ(call->args.size(), 2u);
  EXPECT_TRUE(call->expand_last);
  Expression e2 = parse("f(\n  1,\n  2,\n)");
  const auto* multi = std::get_if<CallNode>(&e2.root().data);
  ASSERT_NE(multi, nullptr);
  EXPECT_EQ(multi->args.size(), 2u);
}

TEST(Parser, HeredocBodyPositionsFollowTheSource) {
  auto parsed = parse_expression("<<EOT\nline one\n${nope}\nEOT", {"m.tf", 10, 1});
  ASSERT_TRUE(parsed);
  auto value = evaluate(*parsed, testing::sample_scope());
  ASSERT_FALSE(value);
  EXPECT_EQ(value.error().message, "m.tf:12:3: unknown variable \"nope\"");
}

}  // namespace
}  // namespace faultbox::expr
