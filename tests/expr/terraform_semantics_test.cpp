// Behaviours of Terraform's functions beyond the documented examples that configurations rely
// on: capture groups in replace(), named captures, errors on empty or negative input.
#include "expr_test_support.h"

namespace faultbox::expr {
namespace {

using testing::check_expressions;

TEST(TerraformSemantics, FunctionsAtTheirEdges) {
  check_expressions({
      // Go's templates: `$1i` names group "1i" (none: empty), `${1}i` is group 1 then "i"
      // (written `$${1}i` in HCL, where `${` starts an interpolation).
      {R"(replace("hello world", "/(h)ello/", "$1i"))", R"(" world")"},
      {R"(replace("hello world", "/(h)ello/", "$${1}i"))", R"("hi world")"},
      {R"(replace("a-b-c", "/-/", ""))", R"("abc")"},
      {R"x(regex("(?P<user>[a-z]+)@(?P<host>[a-z.]+)", "me@example.com"))x",
       R"({"host": "example.com", "user": "me"})"},
      {R"(element(["a", "b"], -1))", "error: element()"},
      {R"(lookup({a = 1}, "b"))", "error: lookup()"},
      {R"(coalesce("", ""))", "error: coalesce()"},
      {"range(0)", "[]"},
      {"max()", "error: max()"},
      {"length(null)", "error: length()"},
      {R"(format("%5.2f|%q|%t", 3.14159, "hi", true))", R"(" 3.14|\"hi\"|true")"},
      {R"(format("%s and %s", "a"))", "error: format()"},
      {R"(flatten([toset(["b", "a"]), ["c"]]))", R"(["a", "b", "c"])"},
      {R"(substr("abc", 1, 0))", R"("")"},
      {R"(upper(pending))", "unknown"},
      {R"(try(pending, "x"))", "unknown"},
      {R"(can(pending))", "unknown"},
  });
}

}  // namespace
}  // namespace faultbox::expr
