// What evaluating one stack may spend. Terraform has no such bounds: it runs on its user's
// machine, for that user alone. The lab evaluates stacks that anyone on the machine sends it, on
// its control thread, so a stack that would run for hours or fill the memory fails instead:
//  - steps: every expression node evaluated and every resource instance, 2 million per request
//    (a second or so of CPU, and as many values at most; the workshop's stacks take thousands);
//  - bytes: 256 MiB of strings made by functions and templates per request;
//  - strings: none longer than 16 MiB, checked before they are built where a function multiplies
//    its input (join, replace, format widths, indent, templates) and on every function's result.
// Steps and bytes are counted while an EvaluationBudget is installed (the lab's stack requests).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/result.h"

namespace faultbox::expr {

inline constexpr std::size_t kMaxStringBytes = std::size_t{16} << 20;

// Fails with a clear message when a string of `bytes` would be longer than kMaxStringBytes.
Result<void> check_string_size(std::size_t bytes, std::string_view what);

// Counts the steps of every evaluation on this thread while it lives (one request's worth);
// the previous budget, if any, is back when it ends.
class EvaluationBudget {
 public:
  static constexpr std::uint64_t kDefaultSteps = 2'000'000;
  static constexpr std::uint64_t kDefaultBytes = std::uint64_t{256} << 20;

  explicit EvaluationBudget(std::uint64_t steps = kDefaultSteps,
                            std::uint64_t bytes = kDefaultBytes);
  ~EvaluationBudget();
  EvaluationBudget(const EvaluationBudget&) = delete;
  EvaluationBudget& operator=(const EvaluationBudget&) = delete;

  // One step of the current budget; fails once it is spent. Free without a budget.
  static Result<void> spend_step();
  // A string of `bytes` made; fails once the request has made more than its budget.
  static Result<void> spend_bytes(std::uint64_t bytes);

 private:
  std::uint64_t steps_left_;
  std::uint64_t steps_;
  std::uint64_t bytes_left_;
  std::uint64_t bytes_;
  EvaluationBudget* previous_;
};

}  // namespace faultbox::expr
