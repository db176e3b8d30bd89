// Expansion of module calls with count or for_each into one module path per instance.
#include "stack/module_instances.h"

#include <cmath>

#include "expr/evaluator.h"
#include "expr/scope.h"
#include "stack/variables.h"

namespace faultbox::stack {
namespace {

using expr::Value;

// Evaluates a body (a leaf expression, or objects/arrays of them) in `scope`; null attributes
// are dropped, as the walk drops them.
Result<Value> evaluate_known(const Body& body, const expr::Scope& scope) {
  if (body.kind == Body::Kind::Leaf) {
    return expr::evaluate(body.leaf, scope);
  }
  if (body.kind == Body::Kind::Array) {
    Value::Elements items;
    for (const auto& item : body.items) {
      FAULTBOX_TRY(value, evaluate_known(item, scope));
      items.push_back(std::move(value));
    }
    return Value::tuple(std::move(items));
  }
  Value::Attributes attributes;
  for (const auto& [key, child] : body.attributes) {
    FAULTBOX_TRY(value, evaluate_known(child, scope));
    if (!value.is_null()) {
      attributes[key] = std::move(value);
    }
  }
  return Value::object(std::move(attributes));
}

// What a module instance's count and for_each may read before any resource exists: its
// variables and the locals computable from them. Values that depend on resources (unknown
// or failing here) are left out, so a reference to them reads as not known yet.
struct KnownValues {
  Value::Attributes variables;
  Value::Attributes locals;
};

Value::Attributes known_locals(const Config& config, const std::string& module,
                               const Value::Attributes& variables,
                               const expr::FunctionRegistry& functions) {
  Value::Attributes locals;
  for (size_t pass = 0; pass < config.locals.size() + 1; ++pass) {
    bool grew = false;
    for (const auto& l : config.locals) {
      if (l.module != module || locals.count(l.name)) {
        continue;
      }
      expr::MapScope scope({{"var", Value::object(variables)}, {"local", Value::object(locals)}},
                           &functions);
      auto value = evaluate_known(l.value, scope);
      if (value && value->is_wholly_known()) {
        locals[l.name] = *value;
        grew = true;
      }
    }
    if (!grew) {
      break;
    }
  }
  return locals;
}

expr::MapScope scope_of(const KnownValues& known, const ModuleCall* call,
                        const expr::FunctionRegistry& functions) {
  Value::Attributes roots{{"var", Value::object(known.variables)},
                          {"local", Value::object(known.locals)}};
  if (call != nullptr) {
    if (const int* index = std::get_if<int>(&call->key)) {
      roots["count"] = Value::object({{"index", Value::number(*index)}});
    } else if (const std::string* key = std::get_if<std::string>(&call->key)) {
      roots["each"] = Value::object({{"key", Value::string(*key)}, {"value", call->each_value}});
    }
  }
  return expr::MapScope(std::move(roots), &functions);
}

KnownValues known_values(const Config& config, const std::string& module,
                         const Value::Attributes& root_variables,
                         const expr::FunctionRegistry& functions) {
  if (module.empty()) {
    return {root_variables, known_locals(config, "", root_variables, functions)};
  }
  const ModuleCall* call = config.find_module(module);
  if (call == nullptr) {
    return {};
  }
  KnownValues parent = known_values(config, call->module, root_variables, functions);
  expr::MapScope scope = scope_of(parent, call, functions);
  KnownValues out;
  for (const auto& v : config.variables) {
    if (v.module != module) {
      continue;
    }
    std::optional<Value> given;
    if (const Body* argument = call->arguments.find(v.name)) {
      auto value = evaluate_known(*argument, scope);
      if (!value || !value->is_wholly_known()) {
        continue;
      }
      given = std::move(*value);
    }
    auto value = module_variable_value(v, given, call->origin.to_string(), functions);
    if (value && value->is_wholly_known()) {
      out.variables[v.name] = std::move(*value);
    }
  }
  out.locals = known_locals(config, module, out.variables, functions);
  return out;
}

// Nesting depth of a module path: the number of "module." steps in it.
size_t depth_of(const std::string& path) {
  size_t depth = 0;
  for (size_t at = path.find("module."); at != std::string::npos;
       at = path.find("module.", at + 1)) {
    if (at == 0 || path[at - 1] == '.') {
      ++depth;
    }
  }
  return depth;
}

// The next call to expand: one with count or for_each not yet expanded, shallowest first, so
// that the instances of its caller already exist (their inputs decide its count).
std::optional<size_t> next_unexpanded(const Config& config) {
  std::optional<size_t> best;
  for (size_t i = 0; i < config.modules.size(); ++i) {
    const ModuleCall& call = config.modules[i];
    if ((!call.count && !call.for_each) || is_keyed(call.key)) {
      continue;
    }
    if (!best || depth_of(call.module) < depth_of(config.modules[*best].module)) {
      best = i;
    }
  }
  return best;
}

struct Instance {
  InstanceKey key;
  Value each_value;
};

Result<std::vector<Instance>> instances_of(const ModuleCall& call, const expr::Scope& scope) {
  const std::string where = call.origin.to_string() + ": ";
  std::vector<Instance> out;
  if (call.count) {
    auto value = expr::evaluate(*call.count, scope);
    if (!value) {
      return errors::validation(where + "count: " + value.error().message +
                                " (a module's count may use only variables and locals known "
                                "before apply)");
    }
    if (!value->is_number() || value->as_number() < 0 ||
        value->as_number() != std::floor(value->as_number()) || value->as_number() > 1000) {
      return errors::validation(where + "count: a whole number from 0 to 1000 is required, got " +
                                value->type_name());
    }
    for (int i = 0; i < static_cast<int>(value->as_number()); ++i) {
      out.push_back({i, Value::null()});
    }
    return out;
  }
  auto value = expr::evaluate(*call.for_each, scope);
  if (!value) {
    return errors::validation(where + "for_each: " + value.error().message +
                              " (a module's for_each may use only variables and locals)");
  }
  if (value->is_mapping()) {
    for (const auto& [key, item] : value->attributes()) {
      out.push_back({key, item});
    }
    return out;
  }
  if (value->kind() == expr::Kind::Set) {
    for (const auto& item : value->elements()) {
      if (!item.is_string()) {
        return errors::validation(where + "for_each: a set of strings is required");
      }
      out.push_back({item.as_string(), item});
    }
    return out;
  }
  return errors::validation(where + "for_each: a map, or set of strings, is required, got " +
                            value->type_name());
}

// `module` re-rooted from `from` to `to` when it is `from` or inside it.
bool rebase(std::string& module, const std::string& from, const std::string& to) {
  if (module == from) {
    module = to;
    return true;
  }
  if (module.rfind(from + ".", 0) == 0) {
    module = to + module.substr(from.size());
    return true;
  }
  return false;
}

template <typename Block>
void copy_blocks(std::vector<Block>& blocks, const std::string& from, const std::string& to) {
  size_t n = blocks.size();
  for (size_t i = 0; i < n; ++i) {
    Block copy = blocks[i];
    if (rebase(copy.module, from, to)) {
      blocks.push_back(std::move(copy));
    }
  }
}

template <typename Block>
void drop_blocks(std::vector<Block>& blocks, const std::string& path) {
  std::erase_if(blocks, [&](const Block& b) {
    return b.module == path || b.module.rfind(path + ".", 0) == 0;
  });
}

}  // namespace

Result<void> expand_module_instances(Config& config, const Value::Attributes& variables,
                                     const expr::FunctionRegistry& functions) {
  while (auto index = next_unexpanded(config)) {
    const size_t i = *index;
    ModuleCall call = config.modules[i];
    KnownValues known = known_values(config, call.module, variables, functions);
    const ModuleCall* caller = call.module.empty() ? nullptr : config.find_module(call.module);
    expr::MapScope scope = scope_of(known, caller, functions);
    FAULTBOX_TRY(instances, instances_of(call, scope));
    if (instances.empty()) {
      config.empty_module_groups.push_back({call.module, call.name, call.count.has_value()});
    }
    const std::string from = call.path();
    for (const auto& instance : instances) {
      ModuleCall copy = call;
      copy.key = instance.key;
      copy.each_value = instance.each_value;
      const std::string to = copy.path();
      copy_blocks(config.variables, from, to);
      copy_blocks(config.locals, from, to);
      copy_blocks(config.outputs, from, to);
      copy_blocks(config.resources, from, to);
      size_t n = config.modules.size();
      for (size_t j = 0; j < n; ++j) {
        ModuleCall nested = config.modules[j];
        if (j != i && rebase(nested.module, from, to)) {
          config.modules.push_back(std::move(nested));
        }
      }
      config.modules.push_back(std::move(copy));
    }
    drop_blocks(config.variables, from);
    drop_blocks(config.locals, from);
    drop_blocks(config.outputs, from);
    drop_blocks(config.resources, from);
    std::erase_if(config.modules, [&](const ModuleCall& m) {
      return (m.module == call.module && m.name == call.name && !is_keyed(m.key)) ||
             m.module == from || m.module.rfind(from + ".", 0) == 0;
    });
  }
  return {};
}

}  // namespace faultbox::stack
