// Unknown values ("known after apply") propagate through every operation that reads them.
#include "expr_test_support.h"

namespace faultbox::expr {
namespace {

using testing::check_expressions;
using testing::check_templates;

TEST(Unknown, PropagatesThroughOperations) {
  check_expressions({
      {"pending", "unknown"},
      {"pending.x.y", "unknown"},
      {"pending[0]", "unknown"},
      {"var.zones[pending]", "unknown"},
      {"pending + 1", "unknown"},
      {"-pending", "unknown"},
      {"!pending", "unknown"},
      {"pending == 1", "unknown"},
      {"pending > 1", "unknown"},
      {"pending ? 1 : 2", "unknown"},
      {"pending[*].id", "unknown"},
      {"[for x in pending : x]", "unknown"},
      {"{for k, v in pending : k => v}", "unknown"},
      {"[for x in [1] : x if pending]", "unknown"},
      {"{(pending) = 1}", "unknown"},
      {"upper(pending)", "unknown"},
      {"join(\",\", [\"a\", pending])", "unknown"},
      {"max(pending...)", "unknown"},
      {"aws_lt.lt.id", "unknown"},
  });
}

TEST(Unknown, KnownPartsStayKnown) {
  check_expressions({
      {"aws_lt.lt.name", R"("lt")"},
      {"[1, pending][0]", "1"},
      {"length([1, pending])", "2"},
      {"false && pending", "false"},
      {"true || pending", "true"},
      {"pending && false", "false"},
      {"true ? 1 : pending", "1"},
      {"try(pending, 1)", "unknown"},
      {"can(pending)", "unknown"},
      {"tostring(null)", "null"},
  });
  auto tuple = testing::eval("[1, pending]");
  ASSERT_TRUE(tuple);
  EXPECT_EQ(tuple->kind(), Kind::Tuple);
  EXPECT_FALSE(tuple->is_wholly_known());
  EXPECT_TRUE(tuple->elements()[1].is_unknown());
}

TEST(Unknown, TemplatesWithUnknownPartsAreUnknown) {
  check_templates({
      {"id-${aws_lt.lt.id}", "unknown"},
      {"%{ if pending }x%{ endif }", "unknown"},
      {"%{ for x in pending }x%{ endfor }", "unknown"},
      {"${pending}", "unknown"},
  });
}

TEST(Unknown, ErrorsStillWinOverUnknown) {
  check_expressions({{"pending + nope", "error: unknown variable \"nope\""}});
}

}  // namespace
}  // namespace faultbox::expr
