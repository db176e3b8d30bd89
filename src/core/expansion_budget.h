// How many values a document may expand to. YAML aliases repeat a subtree by reference, so six
// lines can stand for billions of values; a reader that copies them out spends this budget and
// stops with a clear error instead of taking the lab's memory.
#pragma once

#include <cstddef>

namespace faultbox {

class ExpansionBudget {
 public:
  // Far above any stack, template or cloud-config a person writes.
  static constexpr std::size_t kDefaultValues = 200'000;

  explicit ExpansionBudget(std::size_t values = kDefaultValues) : left_(values), limit_(values) {}

  // Accounts for one more value; false once the budget is spent.
  bool spend() {
    if (left_ == 0) {
      return false;
    }
    --left_;
    return true;
  }
  std::size_t limit() const { return limit_; }

 private:
  std::size_t left_;
  std::size_t limit_;
};

}  // namespace faultbox
