// String, format and regex functions.
#include "expr_test_support.h"

namespace faultbox::expr {
namespace {

using testing::check_expressions;

TEST(StringFunctions, CaseAndTrimming) {
  check_expressions({
      {"lower(\"HeLLo\")", R"("hello")"},
      {"upper(\"abc\")", R"("ABC")"},
      {"title(\"hello world\")", R"("Hello World")"},
      {"trimspace(\"  x y \\n\")", R"("x y")"},
      {"trim(\"?!hi!?\", \"!?\")", R"("hi")"},
      {"trimprefix(\"web-1\", \"web-\")", R"("1")"},
      {"trimprefix(\"web-1\", \"x\")", R"("web-1")"},
      {"trimsuffix(\"a.tf\", \".tf\")", R"("a")"},
      {"chomp(\"x\\n\\n\")", R"("x")"},
      {"strrev(\"abc\")", R"("cba")"},
      {"startswith(\"panda\", \"pan\")", "true"},
      {"endswith(\"panda\", \"pan\")", "false"},
      {"indent(2, \"a\\nb\")", R"("a\n  b")"},
      {"upper(5)", R"("5")"},
  });
}

TEST(StringFunctions, JoinSplitSubstr) {
  check_expressions({
      {"join(\", \", [\"a\", \"b\"])", R"("a, b")"},
      {"join(\"-\", [\"a\"], [\"b\", 1])", R"("a-b-1")"},
      {"join(\",\", [])", R"("")"},
      {"split(\",\", \"a,b,,c\")", R"(["a", "b", "", "c"])"},
      {"split(\",\", \"\")", R"([""])"},
      {"split(\"\", \"ab\")", R"(["a", "b"])"},
      {"substr(\"hello\", 1, 3)", R"("ell")"},
      {"substr(\"hello\", -3, -1)", R"("llo")"},
      {"substr(\"héllo\", 1, 1)", R"("é")"},
      {"substr(\"hi\", 0, 10)", R"("hi")"},
      {"substr(\"hi\", 5, 1)", "error: past the end"},
      {"join(\",\", [null])", "error: join(): argument 2 must not contain null elements"},
  });
}

TEST(StringFunctions, Replace) {
  check_expressions({
      {"replace(\"a-b-c\", \"-\", \"_\")", R"("a_b_c")"},
      {"replace(\"hello\", \"/l+/\", \"L\")", R"("heLo")"},
      {"replace(\"2024-01-02\", \"/(\\\\d+)-(\\\\d+)-(\\\\d+)/\", \"$3/$2/$1\")",
       R"("02/01/2024")"},
      {"replace(\"ab\", \"/(?P<x>a)/\", \"[$${x}]\")", R"("[a]b")"},
      {"replace(\"x\", \"\", \"y\")", R"("x")"},
      {"replace(\"x\", \"/(/\", \"y\")", "error: replace(): invalid regular expression"},
  });
}

TEST(StringFunctions, Regex) {
  check_expressions({
      {"regex(\"[a-z]+\", \"123abc456\")", R"("abc")"},
      {"regex(\"(\\\\d+)-(\\\\d+)\", \"v10-20\")", R"(["10", "20"])"},
      {"regex(\"(?P<major>\\\\d+)\\\\.(?P<minor>\\\\d+)\", \"1.22\")",
       R"({"major": "1", "minor": "22"})"},
      {"regex(\"(?i)ABC\", \"xabcx\")", R"("abc")"},
      {"regexall(\"\\\\d\", \"a1b2\")", R"(["1", "2"])"},
      {"regexall(\"z\", \"abc\")", "[]"},
      {"length(regexall(\"(a)(b)?\", \"a ab\"))", "2"},
      {"regex(\"z\", \"abc\")", "error: regex(): pattern \"z\" did not match any part"},
  });
}

TEST(StringFunctions, Format) {
  check_expressions({
      {"format(\"Hello, %s!\", \"panda\")", R"("Hello, panda!")"},
      {"format(\"%d items\", 3)", R"("3 items")"},
      {"format(\"%.2f\", 3.14159)", R"("3.14")"},
      {"format(\"%5s|%-5s|\", \"a\", \"b\")", R"("    a|b    |")"},
      {"format(\"%03d\", 7)", R"("007")"},
      {"format(\"%x %X %o %b\", 255, 255, 8, 5)", R"("ff FF 10 101")"},
      {"format(\"%t\", true)", R"("true")"},
      {"format(\"%q\", \"a\\\"b\")", R"("\"a\\\"b\"")"},
      {"format(\"100%%\")", R"("100%")"},
      {"format(\"%v %v\", 1.5, [1, \"a\"])", R"("1.5 [1,\"a\"]")"},
      {"format(\"%#v\", \"s\")", R"("\"s\"")"},
      {"format(\"%e\", 1500)", R"("1.500000e+03")"},
      {"format(\"%d\", 1.5)", "error: %d needs a whole number"},
      {"format(\"%s %s\", \"a\")", "error: not enough arguments"},
      {"format(\"%s\", \"a\", \"b\")", "error: too many arguments"},
      {"format(\"%y\", 1)", "error: unsupported format verb %y"},
      {"formatlist(\"%s-%s\", [\"a\", \"b\"], \"x\")", R"(["a-x", "b-x"])"},
      {"formatlist(\"%s%s\", [\"a\"], [\"b\", \"c\"])", "error: different length"},
  });
}

}  // namespace
}  // namespace faultbox::expr
