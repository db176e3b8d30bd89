// The stack's expr::Scope and recursive body evaluation.
#include "stack/evaluator.h"

#include <cmath>
#include <filesystem>

#include "core/aws_regions.h"
#include "expr/conversions.h"
#include "expr/evaluator.h"
#include "expr/scope.h"

namespace faultbox::stack {

namespace {

// `module.<name>`: a call's outputs object, or for a call with count a tuple of them by index,
// with for_each an object of them by key. Instances are stored as "m[0]" and "m[\"k\"]".
expr::Value module_calls(const std::map<std::string, expr::Value::Attributes, std::less<>>& calls,
                         const std::map<std::string, bool, std::less<>>& empty_groups) {
  using expr::Value;
  Value::Attributes out;
  for (const auto& [name, counted] : empty_groups) {
    out[name] = counted ? Value::tuple({}) : Value::object({});
  }
  std::map<std::string, std::map<int, Value>> counted;
  std::map<std::string, Value::Attributes> keyed;
  for (const auto& [name, outputs] : calls) {
    auto open = name.find('[');
    if (open == std::string::npos) {
      out[name] = Value::object(outputs);
      continue;
    }
    std::string base = name.substr(0, open);
    std::string key = name.substr(open + 1, name.size() - open - 2);
    if (!key.empty() && key.front() == '"') {
      keyed[base][key.substr(1, key.size() - 2)] = Value::object(outputs);
    } else {
      counted[base][std::stoi(key)] = Value::object(outputs);
    }
  }
  for (auto& [base, by_index] : counted) {
    Value::Elements items;
    for (auto& [i, v] : by_index) {
      items.push_back(std::move(v));
    }
    out[base] = Value::tuple(std::move(items));
  }
  for (auto& [base, by_key] : keyed) {
    out[base] = Value::object(std::move(by_key));
  }
  return Value::object(std::move(out));
}

}  // namespace

class StackScope : public expr::Scope {
 public:
  StackScope(const EvalContext& context, const Frame& frame) : context_(context), frame_(frame) {}

  Result<expr::Value> lookup_root(std::string_view name) const override {
    using expr::Value;
    auto found = context_.modules_.find(frame_.module);
    static const EvalContext::ModuleValues kEmpty;
    const auto& here = found == context_.modules_.end() ? kEmpty : found->second;
    auto nested = [](const std::map<std::string, Value::Attributes, std::less<>>& by_type) {
      Value::Attributes out;
      for (const auto& [type, named] : by_type) {
        out[type] = Value::object(named);
      }
      return Value::object(std::move(out));
    };
    if (name == "var") {
      return Value::object(here.variables);
    }
    if (name == "local") {
      return Value::object(here.locals);
    }
    if (name == "data") {
      return nested(here.data);
    }
    if (name == "module") {
      return module_calls(here.modules, here.empty_groups);
    }
    if (name == "count") {
      const int* index = std::get_if<int>(&frame_.key);
      if (index == nullptr) {
        return errors::validation("count.index is only available in a resource with count");
      }
      return Value::object({{"index", Value::number(*index)}});
    }
    if (name == "each") {
      const std::string* key = std::get_if<std::string>(&frame_.key);
      if (key == nullptr) {
        return errors::validation("each.key and each.value are only available in a resource "
                                  "with for_each");
      }
      return Value::object({{"key", Value::string(*key)}, {"value", frame_.each_value}});
    }
    if (name == "path") {
      return Value::object({{"module", Value::string(context_.module_directory(frame_.module))},
                            {"root", Value::string(context_.paths_.module)},
                            {"cwd", Value::string(context_.paths_.cwd)}});
    }
    if (name == "terraform") {
      return Value::object({{"workspace", Value::string("default")}});
    }
    auto it = here.resources.find(name);
    if (it != here.resources.end()) {
      return Value::object(it->second);
    }
    return errors::validation("unknown name \"" + std::string(name) + "\"");
  }

  const expr::FunctionRegistry& functions() const override { return context_.functions_; }

 private:
  const EvalContext& context_;
  const Frame& frame_;
};

EvalContext::EvalContext(const Config& config, expr::Value::Attributes variables, StackPaths paths,
                         const expr::FunctionRegistry& functions)
    : root_variables_(std::move(variables)), paths_(std::move(paths)), functions_(functions) {
  modules_[""].variables = root_variables_;
  for (const auto& v : config.variables) {
    if (!v.module.empty()) {
      modules_[v.module].variables[v.name] = expr::Value::unknown();
    }
  }
  for (const auto& l : config.locals) {
    modules_[l.module].locals[l.name] = expr::Value::unknown();
  }
  for (const auto& r : config.resources) {
    auto& m = modules_[r.module];
    (r.data ? m.data : m.resources)[r.type][r.name] = expr::Value::unknown();
  }
  for (const auto& empty : config.empty_module_groups) {
    modules_[empty.module].empty_groups[empty.name] = empty.counted;
  }
  for (const auto& call : config.modules) {
    directories_[call.path()] = call.directory;
    auto& outputs = modules_[call.module].modules[call.instance_name()];
    for (const auto& o : config.outputs) {
      if (o.module == call.path()) {
        outputs[o.name] = expr::Value::unknown();
      }
    }
  }
}

std::string EvalContext::module_directory(const std::string& module) const {
  auto it = directories_.find(module);
  if (it == directories_.end() || it->second.empty()) {
    return paths_.module;
  }
  return (std::filesystem::path(paths_.module) / it->second).lexically_normal().string();
}

void EvalContext::set_local(const std::string& module, const std::string& name, expr::Value value) {
  modules_[module].locals[name] = std::move(value);
}

void EvalContext::set_variable(const std::string& module, const std::string& name,
                               expr::Value value) {
  modules_[module].variables[name] = std::move(value);
}

void EvalContext::set_resource(const ResourceBlock& resource, expr::Value value) {
  auto& m = modules_[resource.module];
  (resource.data ? m.data : m.resources)[resource.type][resource.name] = std::move(value);
}

void EvalContext::set_module_output(const std::string& module, const std::string& name,
                                    expr::Value value) {
  // "module.a.module.b" is call "b" of module "module.a".
  auto dot = module.rfind(".module.");
  std::string parent = dot == std::string::npos ? "" : module.substr(0, dot);
  std::string call = module.substr(dot == std::string::npos ? 7 : dot + 8);  // "m" or "m[0]"
  modules_[parent].modules[call][name] = std::move(value);
}

Result<expr::Value> EvalContext::evaluate(const expr::Expression& expression,
                                          const Frame& frame) const {
  return expr::evaluate(expression, StackScope(*this, frame));
}

Result<expr::Value> EvalContext::evaluate_body(const Body& body, const Frame& frame) const {
  switch (body.kind) {
    case Body::Kind::Leaf:
      return evaluate(body.leaf, frame);
    case Body::Kind::Array: {
      expr::Value::Elements items;
      for (const auto& item : body.items) {
        FAULTBOX_TRY(value, evaluate_body(item, frame));
        items.push_back(std::move(value));
      }
      return expr::Value::tuple(std::move(items));
    }
    case Body::Kind::Object:
      break;
  }
  expr::Value::Attributes attributes;
  for (const auto& [key, child] : body.attributes) {
    FAULTBOX_TRY(value, evaluate_body(child, frame));
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
  FAULTBOX_TRY(value, evaluate(*resource.count, Frame{resource.module, {}, {}}));
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

Result<std::optional<ForEachItems>> EvalContext::evaluate_for_each(
    const ResourceBlock& resource) const {
  if (!resource.for_each) {
    return std::optional<ForEachItems>();
  }
  FAULTBOX_TRY(value, evaluate(*resource.for_each, Frame{resource.module, {}, {}}));
  const std::string where = resource.origin.to_string() + ": for_each: ";
  if (!value.is_wholly_known()) {
    return errors::validation(where + "the keys depend on values known only after apply");
  }
  ForEachItems items;
  if (value.is_mapping()) {
    for (const auto& [key, item] : value.attributes()) {
      items[key] = item;
    }
    return std::optional<ForEachItems>(std::move(items));
  }
  if (value.kind() == expr::Kind::Set) {
    for (const auto& item : value.elements()) {
      if (!item.is_string()) {
        return errors::validation(where + "a set of strings is required, the set holds a " +
                                  item.type_name());
      }
      items[item.as_string()] = item;
    }
    return std::optional<ForEachItems>(std::move(items));
  }
  return errors::validation(where + "a map, or set of strings, is required, got " +
                            value.type_name() +
                            (value.is_sequence() ? " (convert a list with toset())" : ""));
}

Result<ProviderSettings> provider_settings(const Config& config, const EvalContext& context,
                                           const std::string& fallback_region) {
  ProviderSettings out{fallback_region, config.aws_provider ? &*config.aws_provider : nullptr};
  if (!out.body) {
    return out;
  }
  if (const Body* region_body = out.body->find("region")) {
    Body only_region;
    only_region.kind = Body::Kind::Object;
    only_region.attributes.emplace_back("region", *region_body);
    FAULTBOX_TRY(body, context.evaluate_body(only_region));
    const auto* region = body.find("region");
    if (region == nullptr || !region->is_string()) {
      return errors::validation("provider aws: region must be a known string");
    }
    out.region = region->as_string();
  }
  FAULTBOX_TRY_VOID(check_aws_region(out.region, "provider aws"));
  return out;
}

Result<expr::Value> provider_default_tags(const ProviderSettings& provider,
                                          const EvalContext& context) {
  const Body* tags_body = provider.body ? provider.body->find("default_tags") : nullptr;
  if (tags_body == nullptr) {
    return expr::Value::null();
  }
  Body only_tags;
  only_tags.kind = Body::Kind::Object;
  only_tags.attributes.emplace_back("default_tags", *tags_body);
  FAULTBOX_TRY(body, context.evaluate_body(only_tags));
  const expr::Value* block = body.find("default_tags");
  if (block == nullptr) {
    return expr::Value::null();
  }
  if (block->is_sequence() && !block->elements().empty()) {
    block = &block->elements()[0];
  }
  if (const auto* inner = block->is_mapping() ? block->find("tags") : nullptr) {
    return *inner;
  }
  return expr::Value::null();
}

}  // namespace faultbox::stack
