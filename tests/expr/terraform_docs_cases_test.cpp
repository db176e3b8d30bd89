// Expressions whose results Terraform's documentation states (the function reference pages
// and the expression pages): each case is the documented call and its documented result.
// Cases with an "error:" result are documented as errors.
#include "expr/function_registry.h"
#include "expr_test_support.h"

namespace faultbox::expr {
namespace {

using testing::check_expressions;
using testing::check_templates;
using testing::eval;

TEST(TerraformDocsCases, DateAndTimeFunctions) {
  check_expressions({
      // formatdate
      {R"(formatdate("DD MMM YYYY hh:mm ZZZ", "2018-01-02T23:12:01Z"))",
       R"("02 Jan 2018 23:12 UTC")"},
      {R"(formatdate("EEEE, DD-MMM-YY hh:mm:ss ZZZ", "2018-01-02T23:12:01Z"))",
       R"("Tuesday, 02-Jan-18 23:12:01 UTC")"},
      {R"(formatdate("EEE, DD MMM YYYY hh:mm:ss ZZZ", "2018-01-02T23:12:01-08:00"))",
       R"("Tue, 02 Jan 2018 23:12:01 -0800")"},
      {R"(formatdate("MMM DD, YYYY", "2018-01-02T23:12:01Z"))", R"("Jan 02, 2018")"},
      {R"(formatdate("HH:mmaa", "2018-01-02T23:12:01Z"))", R"("11:12pm")"},
      {R"(formatdate("h'h'mm", "2018-01-02T23:12:01-08:00"))", R"("23h12")"},
      {R"(formatdate("H 'o''clock'", "2018-01-02T23:12:01-08:00"))", R"("11 o'clock")"},
      {R"(formatdate("YYYY-MM-DD", "2020-09-16T10:00:00Z"))", R"("2020-09-16")"},
      {R"(formatdate("EEEE, MMMM D, YYYY", "2020-09-16T10:00:00Z"))",
       R"("Wednesday, September 16, 2020")"},
      // timeadd
      {R"(timeadd("2017-11-22T00:00:00Z", "10m"))", R"("2017-11-22T00:10:00Z")"},
      {R"(timeadd("2024-08-16T12:45:05Z", "10m"))", R"("2024-08-16T12:55:05Z")"},
      {R"(timeadd("2024-08-16T12:45:05Z", "-10m"))", R"("2024-08-16T12:35:05Z")"},
      // timecmp
      {R"(timecmp("2017-11-22T00:00:00Z", "2017-11-22T00:00:00Z"))", "0"},
      {R"(timecmp("2017-11-22T00:00:00Z", "2017-11-22T01:00:00Z"))", "-1"},
      {R"(timecmp("2017-11-22T01:00:00Z", "2017-11-22T00:00:00Z"))", "1"},
      {R"(timecmp("2017-11-22T01:00:00Z", "2017-11-22T00:00:00-01:00"))", "0"},
  });
}

TEST(TerraformDocsCases, YamlDecode) {
  check_expressions({
      {R"(yamldecode("hello: world"))", R"({"hello": "world"})"},
      {R"(yamldecode("true"))", "true"},
      {R"(yamldecode("{a: &foo [1, 2, 3], b: *foo}"))", R"({"a": [1, 2, 3], "b": [1, 2, 3]})"},
      {R"(yamldecode("{a: &foo [1, *foo, 3]}"))", "error: yamldecode()"},
      {R"(yamldecode("{a: !not-supported foo}"))", "error: unsupported YAML tag"},
  });
}

TEST(TerraformDocsCases, NetworkFunctions) {
  check_expressions({
      {R"(cidrsubnet("172.16.0.0/12", 4, 2))", R"("172.18.0.0/16")"},
      {R"(cidrsubnet("10.1.2.0/24", 4, 15))", R"("10.1.2.240/28")"},
      {R"(cidrsubnet("fd00:fd12:3456:7890::/56", 16, 162))", R"("fd00:fd12:3456:7800:a200::/72")"},
      {R"(cidrhost("10.12.112.0/20", 16))", R"("10.12.112.16")"},
      {R"(cidrhost("10.12.112.0/20", 268))", R"("10.12.113.12")"},
      {R"(cidrhost("fd00:fd12:3456:7890:00a2::/72", 34))", R"("fd00:fd12:3456:7890::22")"},
      {R"(cidrnetmask("172.16.0.0/12"))", R"("255.240.0.0")"},
      {R"(cidrsubnets("10.1.0.0/16", 4, 4, 8, 4))",
       R"(["10.1.0.0/20", "10.1.16.0/20", "10.1.32.0/24", "10.1.48.0/20"])"},
  });
}

TEST(TerraformDocsCases, StringFunctions) {
  check_expressions({
      {R"(replace("1 + 2 + 3", "+", "-"))", R"("1 - 2 - 3")"},
      {R"(replace("hello world", "/w.*d/", "everybody"))", R"("hello everybody")"},
      {R"(format("Hello, %s!", "Ander"))", R"("Hello, Ander!")"},
      {R"(format("There are %d lights", 4))", R"("There are 4 lights")"},
      {R"(format("%#v", "hello"))", R"("\"hello\"")"},
      {R"(format("%#v", true))", R"("true")"},
      {R"(format("%#v", {a = 1}))", R"("{\"a\":1}")"},
      {R"(format("%#v", null))", R"("null")"},
      {R"(format("%[2]s %[1]s", "world", "hello"))", R"("hello world")"},
      {R"(formatlist("Hello, %s!", ["Valentina", "Ander"]))",
       R"(["Hello, Valentina!", "Hello, Ander!"])"},
      {R"(join("-", ["foo", "bar", "baz"]))", R"("foo-bar-baz")"},
      {R"(join(", ", ["foo"]))", R"("foo")"},
      {R"(split(",", "foo,bar,baz"))", R"(["foo", "bar", "baz"])"},
      {R"(split(",", "foo"))", R"(["foo"])"},
      {R"(split(",", ""))", R"([""])"},
      {R"(lower("HELLO"))", R"("hello")"},
      {R"(upper("hello"))", R"("HELLO")"},
      {R"(trimspace("  hello\n\n"))", R"("hello")"},
      {R"(substr("hello world", 1, 4))", R"("ello")"},
      {R"(substr("hello world", -5, -1))", R"("world")"},
      {R"(substr("hello world", 6, 10))", R"("world")"},
      {R"(regex("[a-z]+", "53453453.345345aaabbbccc23454"))", R"("aaabbbccc")"},
      {R"x(regex("(\\d\\d\\d\\d)-(\\d\\d)-(\\d\\d)", "2019-02-01"))x", R"(["2019", "02", "01"])"},
      {R"(regex("[a-z]+", "53453453.34534523454"))", "error: regex()"},
      {R"(regexall("[a-z]+", "1234abcd5678efgh9"))", R"(["abcd", "efgh"])"},
      {R"(length(regexall("[a-z]+", "123456789")) > 0)", "false"},
      {R"(chomp("hello\n"))", R"("hello")"},
      {R"(title("hello world"))", R"("Hello World")"},
      {R"(strrev("hello"))", R"("olleh")"},
      {R"(startswith("hello world", "hello"))", "true"},
      {R"(endswith("hello world", "world"))", "true"},
  });
}

TEST(TerraformDocsCases, CollectionFunctions) {
  check_expressions({
      {R"(flatten([["a", "b"], [], ["c"]]))", R"(["a", "b", "c"])"},
      {R"(flatten([[["a", "b"], []], ["c"]]))", R"(["a", "b", "c"])"},
      {R"(element(["a", "b", "c"], 1))", R"("b")"},
      {R"(element(["a", "b", "c"], 3))", R"("a")"},
      {R"(element(["a", "b", "c"], length(["a", "b", "c"])-1))", R"("c")"},
      {R"(length([]))", "0"},
      {R"(length(["a", "b"]))", "2"},
      {R"(length({"a" = "b"}))", "1"},
      {R"(length("hello"))", "5"},
      {R"(index(["a", "b", "c"], "b"))", "1"},
      {R"(contains(["a", "b", "c"], "a"))", "true"},
      {R"(contains(["a", "b", "c"], "d"))", "false"},
      {R"(lookup({a="ay", b="bee"}, "a", "what?"))", R"("ay")"},
      {R"(lookup({a="ay", b="bee"}, "c", "what?"))", R"("what?")"},
      {R"(merge({a="b", c="d"}, {e="f", c="z"}))", R"({"a": "b", "c": "z", "e": "f"})"},
      {R"(merge({a="b"}, {a=[1,2], c="z"}, {d=3}))", R"({"a": [1, 2], "c": "z", "d": 3})"},
      {R"(concat(["a", ""], ["b", "c"]))", R"(["a", "", "b", "c"])"},
      {R"(distinct(["a", "b", "a", "c", "d", "b"]))", R"(["a", "b", "c", "d"])"},
      {R"(keys({a=1, c=2, d=3}))", R"(["a", "c", "d"])"},
      {R"(values({a=3, c=2, d=1}))", "[3, 2, 1]"},
      {R"(zipmap(["a", "b"], [1, 2]))", R"({"a": 1, "b": 2})"},
      {R"(range(3))", "[0, 1, 2]"},
      {R"(range(1, 4))", "[1, 2, 3]"},
      {R"(range(1, 8, 2))", "[1, 3, 5, 7]"},
      {R"(range(1, 4, 0.5))", "[1, 1.5, 2, 2.5, 3, 3.5]"},
      {R"(range(4, 1))", "[4, 3, 2]"},
      {R"(range(10, 5, -2))", "[10, 8, 6]"},
      {R"(slice(["a", "b", "c", "d"], 1, 3))", R"(["b", "c"])"},
      {R"(sort(["e", "d", "a", "x"]))", R"(["a", "d", "e", "x"])"},
      {R"(reverse([1, 2, 3]))", "[3, 2, 1]"},
      {R"(compact(["a", "", "b", null, "c"]))", R"(["a", "b", "c"])"},
      {R"(coalescelist(["a", "b"], ["c", "d"]))", R"(["a", "b"])"},
      {R"(coalescelist([], ["c", "d"]))", R"(["c", "d"])"},
      {R"(one([]))", "null"},
      {R"(one(["hello"]))", R"("hello")"},
      {R"(one(["hello", "goodbye"]))", "error: one()"},
  });
}

TEST(TerraformDocsCases, NumericFunctions) {
  check_expressions({
      {"min(12, 54, 3)", "3"},
      {"min([12, 54, 3]...)", "3"},
      {"max(12, 54, 3)", "54"},
      {"max([12, 54, 3]...)", "54"},
      {"abs(23)", "23"},
      {"abs(0)", "0"},
      {"abs(-12.4)", "12.4"},
      {"ceil(5)", "5"},
      {"ceil(5.1)", "6"},
      {"floor(5)", "5"},
      {"floor(4.9)", "4"},
      {"pow(3, 2)", "9"},
      {"pow(4, 0)", "1"},
      {"signum(-13)", "-1"},
      {"signum(0)", "0"},
      {"signum(344)", "1"},
      {R"(parseint("100", 10))", "100"},
      {R"(parseint("FF", 16))", "255"},
      {R"(parseint("-10", 16))", "-16"},
      {R"(parseint("1011111011101111", 2))", "48879"},
      {R"(parseint("aA", 62))", "656"},
      {R"(parseint("12", 2))", "error: parseint()"},
  });
}

TEST(TerraformDocsCases, TypeConversionFunctions) {
  check_expressions({
      {R"(coalesce("a", "b"))", R"("a")"},
      {R"(coalesce("", "b"))", R"("b")"},
      {"coalesce(1, 2)", "1"},
      {R"(coalesce(["", "b"]...))", R"("b")"},
      {R"(tostring("hello"))", R"("hello")"},
      {"tostring(1)", R"("1")"},
      {"tostring(true)", R"("true")"},
      {"tostring(null)", "null"},
      {"tostring([])", "error: tostring()"},
      {"tonumber(1)", "1"},
      {R"(tonumber("1"))", "1"},
      {"tonumber(null)", "null"},
      {R"(tonumber("no"))", "error: tonumber()"},
      {"tobool(true)", "true"},
      {R"(tobool("true"))", "true"},
      {"tobool(null)", "null"},
      {R"(tobool("no"))", "error: tobool()"},
      {"tobool(1)", "error: tobool()"},
      {R"(tolist(["a", "b", "c"]))", R"(["a", "b", "c"])"},
      {R"(tolist(["a", "b", 3]))", R"(["a", "b", "3"])"},
      {R"(toset(["a", "b", "c"]))", R"(["a", "b", "c"])"},
      {R"(toset(["a", "b", 3]))", R"(["3", "a", "b"])"},
      {R"(toset(["c", "b", "b"]))", R"(["b", "c"])"},
      {R"(tomap({"a" = 1, "b" = 2}))", R"({"a": 1, "b": 2})"},
      {R"(tomap({"a" = "foo", "b" = true}))", R"({"a": "foo", "b": "true"})"},
  });
}

TEST(TerraformDocsCases, EncodingFunctions) {
  check_expressions({
      {R"(jsonencode({"hello"="world"}))", R"("{\"hello\":\"world\"}")"},
      {R"(jsondecode("{\"hello\": \"world\"}"))", R"({"hello": "world"})"},
      {R"(jsondecode("true"))", "true"},
      {R"(base64encode("Hello World"))", R"("SGVsbG8gV29ybGQ=")"},
      {R"(base64decode("SGVsbG8gV29ybGQ="))", R"("Hello World")"},
      {R"(urlencode("Hello World!"))", R"("Hello+World%21")"},
      {R"(urlencode("☃"))", R"("%E2%98%83")"},
      {R"(urlencode("foo:bar@localhost?foo=bar&bar=baz"))",
       R"("foo%3Abar%40localhost%3Ffoo%3Dbar%26bar%3Dbaz")"},
      {R"(basename("foo/bar/baz.txt"))", R"("baz.txt")"},
      {R"(dirname("foo/bar/baz.txt"))", R"("foo/bar")"},
      {R"(md5("hello world"))", R"("5eb63bbbe01eeed093cb22bb8f5acdc3")"},
      {R"(sha256("hello world"))",
       R"("b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9")"},
  });
}

TEST(TerraformDocsCases, TryAndCan) {
  check_expressions({
      {R"(try(tonumber("no"), 0))", "0"},
      {R"(try({}.foo, "fallback"))", R"("fallback")"},
      {R"(try(var.tags.Env, "none"))", R"("dev")"},
      {R"(can(regex("^ami-", "ami-123")))", "true"},
      {R"(can(regex("^ami-", "img-123")))", "false"},
      {"can(var.missing)", "false"},
  });
}

TEST(TerraformDocsCases, ExpressionLanguage) {
  check_expressions({
      {R"([for s in ["a", "b"] : upper(s)])", R"(["A", "B"])"},
      {R"({for s in ["a", "b"] : s => upper(s)})", R"({"a": "A", "b": "B"})"},
      {R"([for s in ["a", "", "b"] : upper(s) if s != ""])", R"(["A", "B"])"},
      {R"({for k, v in {a = 1, b = 2} : v => k})", R"({"1": "a", "2": "b"})"},
      {R"({for s in ["a", "b", "a"] : s => s...})", R"({"a": ["a", "a"], "b": ["b"]})"},
      {"[{a = 1}, {a = 2}][*].a", "[1, 2]"},
      {"[{a = 1}, {a = 2}].*.a", "[1, 2]"},
      {R"(true ? "yes" : "no")", R"("yes")"},
      {"1 + 2 * 3 - 4 / 2", "5"},
      {"5 % 3 == 2 && !false", "true"},
  });
  check_templates({
      {R"(Hello, %{ if var.name != "" }${var.name}%{ else }unnamed%{ endif }!)",
       R"("Hello, panda!")"},
      {R"(%{ for ip in ["10.0.0.1", "10.0.0.2"] }server ${ip}
%{ endfor })",
       R"("server 10.0.0.1\nserver 10.0.0.2\n")"},
      {R"(literal $${var.name})", R"("literal ${var.name}")"},
  });
}

TEST(TerraformDocsCases, TimeFunctionsUseTheRegistryClockAndAreUnknownWhilePlanning) {
  ManualClock clock(TimePoint(Duration(1'514'934'721'000)));  // 2018-01-02T23:12:01Z
  FunctionRegistry functions = standard_functions(".");
  functions.set_clock(&clock);
  MapScope scope({}, &functions);
  auto now = eval(R"(formatdate("DD MMM YYYY hh:mm ZZZ", timestamp()))", scope);
  ASSERT_TRUE(now) << now.error().message;
  EXPECT_EQ(now->as_string(), "02 Jan 2018 23:12 UTC");
  clock.advance(std::chrono::minutes(90));
  auto later = eval(R"(timeadd(timestamp(), "-1h30m"))", scope);
  ASSERT_TRUE(later) << later.error().message;
  EXPECT_EQ(later->as_string(), "2018-01-02T23:12:01Z");

  functions.set_planning(true);
  for (const char* src : {"timestamp()", "uuid()", R"(formatdate("YYYY", timestamp()))"}) {
    auto planned = eval(src, scope);
    ASSERT_TRUE(planned) << src << ": " << planned.error().message;
    EXPECT_TRUE(planned->is_unknown()) << src;
  }
}

}  // namespace
}  // namespace faultbox::expr
