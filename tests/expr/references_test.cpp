// references(): what the stack planner builds its dependency graph from.
#include "expr_test_support.h"

namespace faultbox::expr {
namespace {

std::vector<std::string> refs(std::string_view src, bool is_template = false) {
  auto parsed = is_template ? parse_template(src, {"t", 1, 1}) : parse_expression(src, {"t", 1, 1});
  EXPECT_TRUE(parsed) << src;
  std::vector<std::string> out;
  for (const auto& t : references(*parsed)) {
    out.push_back(t.to_string());
  }
  return out;
}

using Strings = std::vector<std::string>;

TEST(References, StaticTraversals) {
  EXPECT_EQ(refs("aws_elb.this.dns_name"), Strings{"aws_elb.this.dns_name"});
  EXPECT_EQ(refs("var.list[0]"), Strings{"var.list[0]"});
  EXPECT_EQ(refs("var.m[\"k\"].x"), Strings{"var.m.k.x"});
  EXPECT_EQ(refs("aws_instance.web.0.id"), Strings{"aws_instance.web[0].id"});
  EXPECT_EQ(refs("1 + 2"), Strings{});
}

TEST(References, PartsSplitRootAndSteps) {
  auto parsed = parse_expression("aws_elb.this.dns_name", {"main.tf", 4, 9});
  ASSERT_TRUE(parsed);
  auto found = references(*parsed);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].root, "aws_elb");
  EXPECT_EQ(found[0].parts(), (Strings{"aws_elb", "this", "dns_name"}));
  EXPECT_EQ(found[0].pos.to_string(), "main.tf:4:9");
}

TEST(References, DynamicIndexesAndSplatsStopTheTraversal) {
  EXPECT_EQ(refs("aws_instance.web[count.index].id"), (Strings{"aws_instance.web", "count.index"}));
  EXPECT_EQ(refs("aws_instance.web[*].id"), Strings{"aws_instance.web"});
  EXPECT_EQ(refs("aws_instance.web.*.id"), Strings{"aws_instance.web"});
  EXPECT_EQ(refs("f(var.a).b"), Strings{"var.a"});
}

TEST(References, EveryConstructIsWalked) {
  EXPECT_EQ(refs("var.a ? local.b : -var.c"), (Strings{"var.a", "local.b", "var.c"}));
  EXPECT_EQ(refs("[var.a, {k = var.b, (var.c) = 1}]"), (Strings{"var.a", "var.b", "var.c"}));
  EXPECT_EQ(refs("join(\",\", var.l...)"), Strings{"var.l"});
  EXPECT_EQ(refs("web-${var.name}-%{ if var.on }${local.x}%{ endif }", true),
            (Strings{"var.name", "var.on", "local.x"}));
  EXPECT_EQ(refs("<<EOT\n${path.module}\nEOT"), Strings{"path.module"});
}

TEST(References, ForBoundNamesAreExcluded) {
  EXPECT_EQ(refs("[for s in var.subnets : s.id if s.public == var.pub]"),
            (Strings{"var.subnets", "var.pub"}));
  EXPECT_EQ(refs("{for k, v in var.m : k => v.x...}"), Strings{"var.m"});
  EXPECT_EQ(refs("%{ for z in var.zones }${z}${each.key}%{ endfor }", true),
            (Strings{"var.zones", "each.key"}));
  EXPECT_EQ(refs("[for x in var.a : x] == x"), (Strings{"var.a", "x"}));
}

}  // namespace
}  // namespace faultbox::expr
