// Running a helper program: its exit status and stderr come back, stdin gets the text given, a
// program that does not read its input or does not exist does not harm the caller.
#include "core/run_program.h"

#include <gtest/gtest.h>

namespace faultbox {
namespace {

TEST(RunProgramTest, StdinGoesInStderrAndStatusComeBack) {
  auto outcome =
      run_program({"/bin/sh", "-c", "read line; echo \"got $line\" >&2; exit 3"}, "hello\n");
  EXPECT_EQ(outcome.status, 3);
  EXPECT_EQ(outcome.stderr_text, "got hello");
}

TEST(RunProgramTest, AProgramThatIgnoresALargeInputEndsCleanly) {
  auto outcome = run_program({"/bin/sh", "-c", "exit 0"}, std::string(1 << 20, 'x'));
  EXPECT_EQ(outcome.status, 0);
}

TEST(RunProgramTest, AMissingProgramSaysSo) {
  auto outcome = run_program({"/nonexistent/program"});
  EXPECT_NE(outcome.status, 0);
  EXPECT_FALSE(outcome.stderr_text.empty());
}

}  // namespace
}  // namespace faultbox
