// Numeric functions.
#include "expr_test_support.h"

namespace faultbox::expr {
namespace {

TEST(NumericFunctions, All) {
  testing::check_expressions({
      {"min(3, 1, 2)", "1"},
      {"max(3, 1, 2)", "3"},
      {"max(\"4\", 2)", "4"},
      {"abs(-2.5)", "2.5"},
      {"abs(3)", "3"},
      {"ceil(1.2)", "2"},
      {"floor(1.8)", "1"},
      {"floor(-1.5)", "-2"},
      {"signum(-4)", "-1"},
      {"signum(0)", "0"},
      {"pow(2, 10)", "1024"},
      {"parseint(\"ff\", 16)", "255"},
      {"parseint(\"-101\", 2)", "-5"},
      {"parseint(\"12\", 2)", "error: cannot parse \"12\" as a base 2 integer"},
      {"range(3)", "[0, 1, 2]"},
      {"range(1, 4)", "[1, 2, 3]"},
      {"range(0, 10, 4)", "[0, 4, 8]"},
      {"range(3, 0)", "[3, 2, 1]"},
      {"range(0)", "[]"},
      {"range(1, 0, 1)", "error: never reaches"},
      {"min(\"x\")", "error: min(): argument 1 must be a number, got string"},
      {"range(5000)", "error: more than 1024 elements"},
  });
}

}  // namespace
}  // namespace faultbox::expr
