// Running a short-lived helper program (bwrap's probe, nft) to its end: what it said on stderr
// and how it exited, with optional text on its stdin. Its stdout is discarded.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace faultbox {

struct ProgramOutcome {
  int status = -1;          // the exit status; -1 when it could not start or died by a signal
  std::string stderr_text;  // its first 4 KiB, trailing newlines removed
};

// argv[0] is the program's full path. Blocks until the program ends.
ProgramOutcome run_program(const std::vector<std::string>& argv, std::string_view stdin_text = {});

// The same, for a program that must succeed: InternalError "<what>: <what it said on stderr, or
// how it exited>" unless it exited 0.
Result<void> run_program_checked(const std::vector<std::string>& argv, const std::string& what,
                                 std::string_view stdin_text = {});

}  // namespace faultbox
