// Stack expressions from people the lab does not know: nothing they write may exhaust the lab's
// stack, backtrack for ever or take its memory. Each case once ended or hung the lab.
#include <chrono>

#include "expr/evaluation_budget.h"
#include "expr_test_support.h"

namespace faultbox::expr {
namespace {

using testing::eval;
using testing::outcome;

std::string repeated(std::string_view part, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) {
    out += part;
  }
  return out;
}

void expect_error(const std::string& src, const std::string& part) {
  auto got = outcome(eval(src));
  EXPECT_NE(got.find(part), std::string::npos) << src.substr(0, 80) << "...\n got: " << got;
}

TEST(HostileExpressions, NestingIsBoundedWithAClearError) {
  const std::string kTooDeep = "nests more than 256 levels deep";
  expect_error(repeated("(", 100'000) + "1" + repeated(")", 100'000), kTooDeep);
  expect_error(repeated("upper(", 20'000) + "\"a\"" + repeated(")", 20'000), kTooDeep);
  expect_error(repeated("[", 100'000) + repeated("]", 100'000), kTooDeep);
  expect_error(repeated("!", 100'000) + "true", kTooDeep);
  expect_error("\"" + repeated("${\"", 10'000) + "x" + repeated("\"}", 10'000) + "\"", kTooDeep);
  // Chains make the tree as deep as they are long.
  expect_error("1" + repeated(" + 1", 100'000), kTooDeep);
  expect_error("var.nums" + repeated("[0]", 100'000), kTooDeep);
  // What people write stays well inside the bound.
  EXPECT_EQ(outcome(eval(repeated("(", 100) + "1" + repeated(")", 100))), "1");
  EXPECT_EQ(outcome(eval("1" + repeated(" + 1", 200))), "201");
}

TEST(HostileExpressions, RegularExpressionsRunInLinearTime) {
  auto start = std::chrono::steady_clock::now();
  // Catastrophic backtracking for a backtracking engine (std::regex hung on it for good).
  expect_error("regex(\"(a+)+$\", \"" + std::string(40, 'a') + "!\")", "did not match");
  // Recursion per character in libstdc++'s engine (it overflowed the stack).
  auto long_input = "regexall(\"(a|b)*\", \"" + std::string(200'000, 'a') + "\")";
  EXPECT_EQ(outcome(eval(long_input)), R"([["a"]])");  // one match; the group's last repeat
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
}

TEST(HostileExpressions, RegularExpressionsFollowGo) {
  testing::check_expressions({
      {R"(regexall("a*", "baaab"))", R"(["", "aaa", ""])"},  // Go skips "" right after "aaa"
      {R"(replace("abc", "/x*/", "-"))", R"("-a-b-c-")"},
      {R"(replace("héllo", "/x*/", "."))", R"(".h.é.l.l.o.")"},
      {R"re(regex("(?P<first>\\w+) (?<second>\\w+)", "hello world"))re",
       R"({"first": "hello", "second": "world"})"},
      {R"(regex("(?i)HELLO", "say hello"))", R"("hello")"},
      {R"re(replace("a-b", "/(?P<x>\\w)/", "<$x>"))re", R"("<a>-<b>")"},
      {R"(replace("cost", "/o/", "$$"))", R"("c$st")"},
      {R"re(regex("(", "x"))re", "error: invalid regular expression"},
      {R"re(regex("(?<=a)b", "ab"))re", "error: invalid regular expression"},
  });
}

TEST(HostileExpressions, YamlAliasesCannotExpandWithoutBound) {
  // Each line holds the previous one ten times: 10^9 strings at the last.
  std::string laughs =
      "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
  std::string previous = "a";
  for (char name = 'b'; name <= 'i'; ++name) {
    laughs += std::string(1, name) + ": &" + name + " [" + repeated("*" + previous + ",", 9) + "*" +
              previous + "]\n";
    previous = std::string(1, name);
  }
  Value::Attributes roots;
  roots["doc"] = Value::string(laughs);
  MapScope scope(std::move(roots));
  auto got = outcome(eval("yamldecode(doc)", scope));
  EXPECT_NE(got.find("expands to more than 200000 values"), std::string::npos) << got;
}

TEST(HostileExpressions, ARequestsStepsAreBounded) {
  // A billion elements: the lab's control thread would be busy for minutes, its memory gone.
  const std::string cube =
      "[for a in range(1024): [for b in range(1024): [for c in range(1024): c]]]";
  EvaluationBudget budget;
  expect_error(cube, "took more than 2000000 steps");
  EvaluationBudget small(1000);  // the innermost budget counts; the outer one is back after it
  expect_error("[for a in range(1024): a]", "took more than 1000 steps");
}

// Each case is a request of its own, with a budget of its own.
void expect_error_within_budget(const std::string& src, const std::string& part) {
  EvaluationBudget budget;
  expect_error(src, part);
}

TEST(HostileExpressions, ARequestsStringsAreBounded) {
  // Each string is allowed, a thousand of them are not.
  expect_error_within_budget("[for i in range(1024): format(\"%1000000s\", \"x\")]",
                             "made more than 256 MiB of strings");
  expect_error_within_budget("format(\"%1000001s\", \"x\")", "a width or precision above 1000000");
  expect_error_within_budget("format(\"%99999999999999999999s\", \"x\")",
                             "a width or precision above");
  expect_error_within_budget("join(format(\"%1000000s\", \"\"), range(20))",
                             "the lab's strings end at 16 MiB");
  expect_error_within_budget("replace(format(\"%100000s\", \"\"), \" \", format(\"%1000s\", \"\"))",
                             "the lab's strings end at 16 MiB");
  expect_error_within_budget("indent(1000000, join(\"\\n\", range(100)))",
                             "the lab's strings end at 16 MiB");
}

TEST(HostileExpressions, DecodedTextMustBeUtf8) {
  expect_error("base64decode(\"/w==\")", "is not valid UTF-8 (byte 0xFF at offset 0)");
  expect_error("jsondecode(\"" + repeated("[", 600) + repeated("]", 600) + "\")",
               "more than 512 levels deep");
}

}  // namespace
}  // namespace faultbox::expr
