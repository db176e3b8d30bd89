// HCL expressions and templates as stacks carry them: parsed both ways, and evaluated with every
// built-in function under a request's budget, as the lab evaluates a stack someone sent it.
// Nothing may crash, hang or grow without bound; errors are fine. The file functions answer an
// error here, so that no input reads the machine's files.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "expr/evaluation_budget.h"
#include "expr/evaluator.h"
#include "expr/expression.h"
#include "expr/scope.h"

namespace {

using namespace faultbox;
using namespace faultbox::expr;

const FunctionRegistry& functions() {
  static const FunctionRegistry registry = [] {
    auto r = standard_functions("/nonexistent");
    for (const char* name : {"file", "filebase64", "fileexists", "templatefile"}) {
      r.add(name, {.eager = [](const Args&, const CallContext&) -> Result<Value> {
                     return errors::validation("no files while fuzzing");
                   }});
    }
    return r;
  }();
  return registry;
}

void evaluate_parsed(const Result<Expression>& parsed) {
  if (!parsed) return;
  const MapScope scope({{"var", Value::object({{"name", Value::string("panda")}})}},
                       &functions());
  // A tenth of a request's steps: the same bounds are met, ten times sooner.
  EvaluationBudget budget(EvaluationBudget::kDefaultSteps / 10);
  (void)evaluate(*parsed, scope);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const SourcePos origin{"fuzz.tf", 1, 1};
  evaluate_parsed(parse_expression(text, origin));
  evaluate_parsed(parse_template(text, origin));
  return 0;
}
