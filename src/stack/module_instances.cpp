// Expansion of module calls with count or for_each into one module path per instance.
#include "stack/module_instances.h"

#include <cmath>

#include "expr/evaluator.h"
#include "expr/scope.h"

namespace faultbox::stack {
namespace {

using expr::Value;

// Root locals that can be computed from variables and other such locals (a few passes).
Value::Attributes known_root_locals(const Config& config, const Value::Attributes& variables,
                                    const expr::FunctionRegistry& functions) {
  Value::Attributes locals;
  for (size_t pass = 0; pass < config.locals.size() + 1; ++pass) {
    bool grew = false;
    for (const auto& l : config.locals) {
      if (!l.module.empty() || locals.count(l.name) || l.value.kind != Body::Kind::Leaf) {
        continue;
      }
      expr::MapScope scope({{"var", Value::object(variables)}, {"local", Value::object(locals)}},
                           &functions);
      auto value = expr::evaluate(l.value.leaf, scope);
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
                                " (a module's count may use only variables and locals)");
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
  Value::Attributes locals = known_root_locals(config, variables, functions);
  expr::MapScope scope({{"var", Value::object(variables)}, {"local", Value::object(locals)}},
                       &functions);
  for (size_t i = 0; i < config.modules.size(); ++i) {
    ModuleCall call = config.modules[i];
    if ((!call.count && !call.for_each) || is_keyed(call.key)) {
      continue;
    }
    if (!call.module.empty()) {
      return errors::validation(call.origin.to_string() +
                                ": count and for_each are supported on module blocks of the root "
                                "module only");
    }
    FAULTBOX_TRY(instances, instances_of(call, scope));
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
      return (m.module.empty() && m.name == call.name && !is_keyed(m.key)) ||
             m.module == from || m.module.rfind(from + ".", 0) == 0;
    });
    i = static_cast<size_t>(-1);  // the list changed; start over (expanded calls are skipped)
  }
  return {};
}

}  // namespace faultbox::stack
