// Expressions in native syntax, evaluated against the sample scope.
#include "expr_test_support.h"

namespace faultbox::expr {
namespace {

using testing::check_expressions;

TEST(Evaluator, Literals) {
  check_expressions({
      {"42", "42"},
      {"1.5", "1.5"},
      {"1e3", "1000"},
      {"true", "true"},
      {"false", "false"},
      {"null", "null"},
      {R"("hi")", R"("hi")"},
      {R"("a\"b\\c\n")", R"("a\"b\\c\n")"},
      {R"("\u00e9")", R"("é")"},
      {"# comment\n7 // another", "7"},
      {"/* c */ 8", "8"},
  });
}

TEST(Evaluator, ArithmeticFollowsHclPrecedence) {
  check_expressions({
      {"1 + 2 * 3", "7"},
      {"(1 + 2) * 3", "9"},
      {"10 - 4 - 3", "3"},
      {"7 / 2", "3.5"},
      {"7 % 3", "1"},
      {"-5 + 2", "-3"},
      {"- -5", "5"},
      {"2 * -3", "-6"},
      {"\"5\" + 1", "6"},
      {"var.count * 2", "6"},
      {"var.port + 1", "8081"},
      {"var.ratio * 2", "5"},
      {"10 / 4 * 2", "5"},
      {"1 + 2 > 2", "true"},
  });
}

TEST(Evaluator, ComparisonAndLogic) {
  check_expressions({
      {"1 < 2", "true"},
      {"2 <= 2", "true"},
      {"3 > 4", "false"},
      {"3 >= 4", "false"},
      {"1 == 1", "true"},
      {"1 == \"1\"", "false"},
      {"\"a\" != \"b\"", "true"},
      {"[1, 2] == [1, 2]", "true"},
      {"{a = 1} == {a = 1}", "true"},
      {"null == null", "true"},
      {"var.nothing == null", "true"},
      {"true && false", "false"},
      {"true || false", "true"},
      {"!true", "false"},
      {"!false && true", "true"},
      {"false || true && false", "false"},
      {"1 == 1 && 2 == 2", "true"},
      {"var.nothing != null && var.nothing.x", "false"},
      {"var.enabled || var.nothing.x", "true"},
      {"\"true\" && true", "true"},
  });
}

TEST(Evaluator, Conditional) {
  check_expressions({
      {"true ? 1 : 2", "1"},
      {"false ? 1 : 2", "2"},
      {"var.count > 2 ? \"many\" : \"few\"", R"("many")"},
      {"var.enabled ? var.name : null", R"("panda")"},
      {"true ? false ? 1 : 2 : 3", "2"},
      {"false ? var.nothing.x : 5", "5"},
  });
}

TEST(Evaluator, TraversalsAndIndexes) {
  check_expressions({
      {"var.name", R"("panda")"},
      {"aws_elb.this.dns_name", R"("elb.local")"},
      {"var.zones[0]", R"("a")"},
      {"var.zones[2]", R"("c")"},
      {"var.zones[\"1\"]", R"("b")"},
      {"var.tags[\"Env\"]", R"("dev")"},
      {"var.tags.Team", R"("sre")"},
      {"aws_instance.web[1].id", R"("i-2")"},
      {"aws_instance.web.0.id", R"("i-1")"},
      {"aws_instance.web[count.index].tags.Name", R"("w2")"},
      {"local.prefix", R"("web")"},
      {"var.zones[var.count - 1]", R"("c")"},
      {"strmap.k", R"("v")"},
      {"strmap[\"k\"]", R"("v")"},
  });
}

TEST(Evaluator, Splats) {
  check_expressions({
      {"aws_instance.web[*].id", R"(["i-1", "i-2"])"},
      {"aws_instance.web.*.id", R"(["i-1", "i-2"])"},
      {"aws_instance.web[*].tags.Name", R"(["w1", "w2"])"},
      {"aws_instance.web.*.tags.Name", R"(["w1", "w2"])"},
      {"aws_instance.web.*.id[1]", R"("i-2")"},
      {"aws_instance.web[*].tags[\"Name\"]", R"(["w1", "w2"])"},
      {"var.nothing[*]", "[]"},
      {"aws_elb.this[*].name", R"(["panda-elb"])"},
      {"[[1, 2], [3]][*][0]", "[1, 3]"},
      {"length(aws_instance.web[*].id)", "2"},
  });
}

TEST(Evaluator, Constructors) {
  check_expressions({
      {"[]", "[]"},
      {"[1, \"a\", true]", R"([1, "a", true])"},
      {"[1, 2,]", "[1, 2]"},
      {"{}", "{}"},
      {"{a = 1, \"b\": 2}", R"({"a": 1, "b": 2})"},
      {"{a = 1\n b = 2}", R"({"a": 1, "b": 2})"},
      {"{(var.name) = 1}", R"({"panda": 1})"},
      {"{\"${var.name}-x\" = 1}", R"({"panda-x": 1})"},
      {"{1 = \"one\"}", R"({"1": "one"})"},
      {"{a = {b = [1, {c = 2}]}}", R"({"a": {"b": [1, {"c": 2}]}})"},
      {"[var.name, local.prefix]", R"(["panda", "web"])"},
  });
}

TEST(Evaluator, ForExpressions) {
  check_expressions({
      {"[for z in var.zones : upper(z)]", R"(["A", "B", "C"])"},
      {"[for i, z in var.zones : \"${i}:${z}\"]", R"(["0:a", "1:b", "2:c"])"},
      {"[for n in var.nums : n * 2 if n > 1]", "[6, 4]"},
      {"{for k, v in var.tags : lower(k) => v}", R"({"env": "dev", "team": "sre"})"},
      {"{for z in var.zones : z => upper(z)}", R"({"a": "A", "b": "B", "c": "C"})"},
      {"{for n in [1, 2, 3, 4] : (n % 2 == 0 ? \"even\" : \"odd\") => n...}",
       R"({"even": [2, 4], "odd": [1, 3]})"},
      {"[for k, v in {a = 1, b = 2} : \"${k}=${v}\"]", R"(["a=1", "b=2"])"},
      {"[for s in strset : s]", R"(["a", "b"])"},
      {"[for x in [] : x]", "[]"},
      {"[for i in aws_instance.web : i.id if i.az == \"b\"]", R"(["i-2"])"},
      {"[for x in [[1, 2], [3]] : [for y in x : y * 10]]", "[[10, 20], [30]]"},
  });
}

TEST(Evaluator, FunctionCallsAndExpansion) {
  check_expressions({
      {"max(1, 5, 3)", "5"},
      {"max(var.nums...)", "3"},
      {"min([4, 2]...)", "2"},
      {"upper(var.name)", R"("PANDA")"},
      {"length(\"héllo\")", "5"},
      {"join(\"-\", [for z in var.zones : z])", R"("a-b-c")"},
      {"concat(var.zones, [\"d\"])[3]", R"("d")"},
  });
}

TEST(Evaluator, Heredocs) {
  check_expressions({
      {"<<EOT\nhello ${var.name}\nEOT", R"("hello panda\n")"},
      {"<<-EOT\n    a\n      b\n    EOT", R"("a\n  b\n")"},
      {"<<EOT\n%{ for z in var.zones }${z}%{ endfor }\nEOT", R"("abc\n")"},
      {"[<<EOT\nx\nEOT\n, 1]", R"(["x\n", 1])"},
  });
}

}  // namespace
}  // namespace faultbox::expr
