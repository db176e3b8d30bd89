#include "expr/evaluation_budget.h"

#include <fmt/format.h>

namespace faultbox::expr {

namespace {
thread_local EvaluationBudget* current = nullptr;
}  // namespace

Result<void> check_string_size(std::size_t bytes, std::string_view what) {
  if (bytes <= kMaxStringBytes) {
    return {};
  }
  return errors::validation(fmt::format("{} would be {} bytes long; the lab's strings end at {} "
                                        "MiB",
                                        what, bytes, kMaxStringBytes >> 20));
}

EvaluationBudget::EvaluationBudget(std::uint64_t steps, std::uint64_t bytes)
    : steps_left_(steps), steps_(steps), bytes_left_(bytes), bytes_(bytes), previous_(current) {
  current = this;
}

EvaluationBudget::~EvaluationBudget() { current = previous_; }

Result<void> EvaluationBudget::spend_step() {
  if (current == nullptr) {
    return {};
  }
  if (current->steps_left_ == 0) {
    return errors::validation(fmt::format(
        "evaluating this stack took more than {} steps; the lab stops there so that no stack can "
        "hold it (look for for expressions or counts over large collections)",
        current->steps_));
  }
  --current->steps_left_;
  return {};
}

Result<void> EvaluationBudget::spend_bytes(std::uint64_t bytes) {
  if (current == nullptr) {
    return {};
  }
  if (bytes > current->bytes_left_) {
    return errors::validation(fmt::format(
        "evaluating this stack made more than {} MiB of strings; the lab stops there so that no "
        "stack can take its memory",
        current->bytes_ >> 20));
  }
  current->bytes_left_ -= bytes;
  return {};
}

}  // namespace faultbox::expr
