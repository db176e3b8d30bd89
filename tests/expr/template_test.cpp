// Templates as *.tf.json strings hold them: interpolation, directives, strip markers, escapes.
#include "expr_test_support.h"

namespace faultbox::expr {
namespace {

using testing::check_templates;

TEST(Template, LiteralAndInterpolation) {
  check_templates({
      {"", R"("")"},
      {"plain text", R"("plain text")"},
      {"web-${var.name}", R"("web-panda")"},
      {"${var.name}-${var.count}", R"("panda-3")"},
      {"${var.enabled} ${1.5}", R"("true 1.5")"},
      {"${ upper(\"x\") }", R"("X")"},
      {"${\"nested ${var.name}\"}", R"("nested panda")"},
      {"a \\n b", R"("a \\n b")"},
      {"100%", R"("100%")"},
      {"$5", R"("$5")"},
  });
}

TEST(Template, SingleInterpolationKeepsItsType) {
  check_templates({
      {"${var.count}", "3"},
      {"${var.zones}", R"(["a", "b", "c"])"},
      {"${var.tags}", R"({"Env": "dev", "Team": "sre"})"},
      {"${true}", "true"},
      {"${var.nothing}", "null"},
      {"${ var.count }", "3"},
      {" ${var.count}", R"(" 3")"},
  });
}

TEST(Template, Escapes) {
  check_templates({
      {"$${var.name}", R"("${var.name}")"},
      {"%%{ if }", R"("%{ if }")"},
      {"a$${b}c${var.count}", R"("a${b}c3")"},
  });
}

TEST(Template, IfDirective) {
  check_templates({
      {"%{ if var.enabled }on%{ endif }", R"("on")"},
      {"%{ if !var.enabled }on%{ else }off%{ endif }", R"("off")"},
      {"x%{ if var.count > 5 }big%{ else }small ${var.count}%{ endif }y", R"("xsmall 3y")"},
      {"%{if true}%{if false}a%{else}b%{endif}%{endif}", R"("b")"},
  });
}

TEST(Template, ForDirective) {
  check_templates({
      {"%{ for z in var.zones }[${z}]%{ endfor }", R"("[a][b][c]")"},
      {"%{ for i, z in var.zones }${i}${z},%{ endfor }", R"("0a,1b,2c,")"},
      {"%{ for k, v in var.tags }${k}=${v};%{ endfor }", R"("Env=dev;Team=sre;")"},
      {"%{ for z in [] }x%{ endfor }", R"("")"},
  });
}

TEST(Template, StripMarkers) {
  check_templates({
      {"a   ${~ var.name ~}   b", R"("apandab")"},
      {"a \n ${~ var.name} b", R"("apanda b")"},
      {"%{ for z in var.zones ~}\n  ${z}\n%{~ endfor ~}\n!", R"("abc!")"},
      {"<%{~ if true ~}  x  %{~ endif ~}>", R"("<x>")"},
  });
}

TEST(Template, Errors) {
  check_templates({
      {"${var.zones} x", "error: t.tf.json:1:3: cannot include a tuple value in a string"},
      {"a ${var.nothing}", "error: t.tf.json:1:5: cannot include a null value"},
      {"%{ if true }x", "error: t.tf.json:1:1: this %{ if } has no matching %{ endif }"},
      {"%{ for z in var.zones }x", "error: has no matching %{ endfor }"},
      {"x %{ endif }", "error: t.tf.json:1:3: unexpected %{ endif } with no opening directive"},
      {"%{ while x }", "error: unknown template directive \"while\""},
      {"${var.name", "error: t.tf.json:1:1: interpolation is not closed"},
      {"%{ if 5 }x%{ endif }", "error: the %{ if } condition must be a bool"},
  });
}

}  // namespace
}  // namespace faultbox::expr
