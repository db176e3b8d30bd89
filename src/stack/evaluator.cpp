// The stack's expr::Scope and recursive body evaluation.
#include "stack/evaluator.h"

#include <cmath>

#include "expr/conversions.h"
#include "expr/evaluator.h"
#include "expr/scope.h"

namespace faultbox::stack {

class StackScope : public expr::Scope {
 public:
  StackScope(const EvalContext& context, std::optional<int> count_index)
      : context_(context), count_index_(count_index) {}

  Result<expr::Value> lookup_root(std::string_view name) const override {
    using expr::Value;
    if (name == "var") {
      return Value::object(context_.variables_);
    }
    if (name == "local") {
      return Value::object(context_.locals_);
    }
    if (name == "count") {
      if (!count_index_) {
        return errors::validation("count.index is only available in a resource with count");
      }
      return Value::object({{"index", Value::number(*count_index_)}});
    }
    if (name == "path") {
      return Value::object({{"module", Value::string(context_.paths_.module)},
                            {"root", Value::string(context_.paths_.module)},
                            {"cwd", Value::string(context_.paths_.cwd)}});
    }
    if (name == "terraform") {
      return Value::object({{"workspace", Value::string("default")}});
    }
    auto it = context_.resources_.find(name);
    if (it != context_.resources_.end()) {
      return Value::object(it->second);
    }
    return errors::validation("unknown name \"" + std::string(name) + "\"");
  }

  const expr::FunctionRegistry& functions() const override { return context_.functions_; }

 private:
  const EvalContext& context_;
  std::optional<int> count_index_;
};

EvalContext::EvalContext(const Config& config, expr::Value::Attributes variables,
                         StackPaths paths, const expr::FunctionRegistry& functions)
    : variables_(std::move(variables)), paths_(std::move(paths)), functions_(functions) {
  for (const auto& l : config.locals) {
    locals_[l.name] = expr::Value::unknown();
  }
  for (const auto& r : config.resources) {
    resources_[r.type][r.name] = expr::Value::unknown();
  }
}

void EvalContext::set_local(const std::string& name, expr::Value value) {
  locals_[name] = std::move(value);
}

void EvalContext::set_resource(const std::string& type, const std::string& name,
                               expr::Value value) {
  resources_[type][name] = std::move(value);
}

Result<expr::Value> EvalContext::evaluate(const expr::Expression& expression,
                                          std::optional<int> count_index) const {
  return expr::evaluate(expression, StackScope(*this, count_index));
}

Result<expr::Value> EvalContext::evaluate_body(const Body& body,
                                               std::optional<int> count_index) const {
  switch (body.kind) {
    case Body::Kind::Leaf:
      return evaluate(body.leaf, count_index);
    case Body::Kind::Array: {
      expr::Value::Elements items;
      for (const auto& item : body.items) {
        FAULTBOX_TRY(value, evaluate_body(item, count_index));
        items.push_back(std::move(value));
      }
      return expr::Value::tuple(std::move(items));
    }
    case Body::Kind::Object: break;
  }
  expr::Value::Attributes attributes;
  for (const auto& [key, child] : body.attributes) {
    FAULTBOX_TRY(value, evaluate_body(child, count_index));
    if (!value.is_null()) {
      attributes[key] = std::move(value);
    }
  }
  return expr::Value::object(std::move(attributes));
}

Result<std::optional<int>> EvalContext::evaluate_count(const ResourceBlock& resource) const {
  if (!resource.count) {
    return std::optional<int>();
  }
  FAULTBOX_TRY(value, evaluate(*resource.count));
  const std::string where = resource.origin.to_string() + ": count: ";
  if (value.is_unknown()) {
    return errors::validation(where + "the count depends on values known only after apply");
  }
  if (value.is_string()) {
    if (auto number = expr::convert_to_number(value)) {
      value = *number;
    }
  }
  if (!value.is_number()) {
    return errors::validation(where + "a whole number is required, got " + value.type_name() +
                              (value.is_string() ? " \"" + value.as_string() + "\"" : ""));
  }
  double n = value.as_number();
  if (n < 0 || n != std::floor(n) || n > 10000) {
    return errors::validation(where + "a whole number from 0 to 10000 is required, got " +
                              expr::format_number(n));
  }
  return std::optional<int>(static_cast<int>(n));
}

Result<ProviderSettings> provider_settings(const Config& config, const EvalContext& context,
                                           const std::string& fallback_region) {
  ProviderSettings out{fallback_region, expr::Value::null()};
  if (!config.aws_provider) {
    return out;
  }
  FAULTBOX_TRY(body, context.evaluate_body(*config.aws_provider));
  if (const auto* region = body.find("region")) {
    if (!region->is_string()) {
      return errors::validation("provider aws: region must be a known string");
    }
    out.region = region->as_string();
  }
  if (const auto* tags = body.find("default_tags")) {
    const expr::Value* block = tags;
    if (block->is_sequence() && !block->elements().empty()) {
      block = &block->elements()[0];
    }
    if (const auto* inner = block->is_mapping() ? block->find("tags") : nullptr) {
      out.default_tags = *inner;
    }
  }
  return out;
}

}  // namespace faultbox::stack
