// Resolution of variable values by Terraform's precedence, then type conversion and validation.
#include "stack/variables.h"

#include "expr/evaluator.h"
#include "stack/tfvars.h"

namespace faultbox::stack {
namespace {

struct Candidate {
  expr::Value value;
  std::string source;  // "common.tfvars:3:1", "--var", "TF_VAR_region"
};

bool is_complex(const VariableBlock& v) {
  using K = TypeConstraint::Kind;
  return v.type && v.type->kind != K::Any && v.type->kind != K::String &&
         v.type->kind != K::Number && v.type->kind != K::Bool;
}

Result<void> validate_variable(const VariableBlock& v, const expr::Value::Attributes& all,
                               const expr::FunctionRegistry& functions) {
  expr::MapScope scope({{"var", expr::Value::object(all)}}, &functions);
  for (const auto& rule : v.validations) {
    FAULTBOX_TRY(ok, expr::evaluate(rule.condition, scope));
    if (ok.is_unknown() || (ok.is_bool() && ok.as_bool())) {
      continue;
    }
    if (!ok.is_bool()) {
      return errors::validation(v.origin.to_string() +
                                ": validation condition must be a bool, got " + ok.type_name());
    }
    FAULTBOX_TRY(message, expr::evaluate(rule.error_message, scope));
    return errors::validation(
        v.origin.to_string() + ": invalid value for variable \"" + v.name +
        "\": " + (message.is_string() ? message.as_string() : "validation failed"));
  }
  return {};
}

class Resolver {
 public:
  Resolver(const Config& config, const expr::FunctionRegistry& functions)
      : config_(config), functions_(functions) {}

  Result<void> file(const std::string& name, const std::string& text) {
    FAULTBOX_TRY(entries, parse_var_file(text, name));
    expr::MapScope scope({}, &functions_);
    for (const auto& entry : entries) {
      // Terraform only warns here: a shared .tfvars (the workshop's common.tfvars) may set
      // variables that this stack does not declare.
      if (config_.find_variable(entry.name) == nullptr) {
        continue;
      }
      FAULTBOX_TRY(value, expr::evaluate(entry.value, scope));
      values_[entry.name] = {std::move(value), entry.pos.to_string()};
    }
    return {};
  }

  // A raw string from --var or TF_VAR_: a literal for primitive types, HCL for complex ones.
  Result<void> raw(const std::string& name, const std::string& text, const std::string& source,
                   bool ignore_undeclared) {
    const VariableBlock* block = config_.find_variable(name);
    if (block == nullptr) {
      return ignore_undeclared ? Result<void>{} : undeclared(name, source);
    }
    if (!is_complex(*block)) {
      values_[name] = {expr::Value::string(text), source};
      return {};
    }
    FAULTBOX_TRY(parsed, expr::parse_expression(text, expr::SourcePos{source, 1, 1}));
    FAULTBOX_TRY(value, expr::evaluate(parsed, expr::MapScope({}, &functions_)));
    values_[name] = {std::move(value), source};
    return {};
  }

  Result<expr::Value::Attributes> finish() {
    expr::Value::Attributes out;
    for (const auto& v : config_.variables) {
      if (v.module.empty()) {
        FAULTBOX_TRY(value, final_value(v));
        out[v.name] = std::move(value);
      }
    }
    for (const auto& v : config_.variables) {
      if (v.module.empty()) {
        FAULTBOX_TRY_VOID(validate_variable(v, out, functions_));
      }
    }
    return out;
  }

 private:
  Error undeclared(const std::string& name, const std::string& source) const {
    return errors::validation(source + ": a value was given for the undeclared variable \"" + name +
                              "\"; declare it in a variable block or remove it");
  }

  Result<expr::Value> final_value(const VariableBlock& v) const {
    auto it = values_.find(v.name);
    Candidate given;
    if (it != values_.end()) {
      given = it->second;
    } else if (v.default_value) {
      given = {*v.default_value, "its default"};
    } else {
      return errors::validation(v.origin.to_string() + ": no value for required variable \"" +
                                v.name + "\"; set it in a .tfvars file, with --var " + v.name +
                                "=..., or with TF_VAR_" + v.name);
    }
    if (!v.type) {
      return given.value;
    }
    auto converted = convert_to_type(given.value, *v.type);
    if (!converted) {
      return errors::validation(v.origin.to_string() + ": invalid value for variable \"" + v.name +
                                "\" from " + given.source + ": " + converted.error().message);
    }
    return converted;
  }

  const Config& config_;
  const expr::FunctionRegistry& functions_;
  std::map<std::string, Candidate> values_;
};

bool is_auto_file(const std::string& name) {
  return name == "terraform.tfvars" || name == "terraform.tfvars.json" ||
         name.ends_with(".auto.tfvars") || name.ends_with(".auto.tfvars.json");
}

// terraform.tfvars and its JSON form first, then *.auto.tfvars files in name order.
std::vector<std::string> auto_files(const std::map<std::string, std::string>& files) {
  std::vector<std::string> out;
  for (const char* first : {"terraform.tfvars", "terraform.tfvars.json"}) {
    if (files.count(first)) {
      out.emplace_back(first);
    }
  }
  for (const auto& [name, text] : files) {
    if (is_auto_file(name) && name.rfind("terraform.tfvars", 0) != 0) {
      out.push_back(name);
    }
  }
  return out;
}

}  // namespace

Result<expr::Value::Attributes> resolve_variables(const Config& config,
                                                  const VariableSources& sources,
                                                  const expr::FunctionRegistry& functions) {
  Resolver resolver(config, functions);
  for (const auto& [key, text] : sources.env) {
    std::string name = key.rfind("TF_VAR_", 0) == 0 ? key.substr(7) : key;
    FAULTBOX_TRY_VOID(resolver.raw(name, text, "TF_VAR_" + name, true));
  }
  if (sources.stack_files != nullptr) {
    for (const auto& name : auto_files(*sources.stack_files)) {
      FAULTBOX_TRY_VOID(resolver.file(name, sources.stack_files->at(name)));
    }
  }
  for (const auto& [name, text] : sources.var_files) {
    FAULTBOX_TRY_VOID(resolver.file(name, text));
  }
  for (const auto& [name, text] : sources.vars) {
    FAULTBOX_TRY_VOID(resolver.raw(name, text, "--var " + name, false));
  }
  return resolver.finish();
}

Result<expr::Value> module_variable_value(const VariableBlock& v,
                                          const std::optional<expr::Value>& given,
                                          const std::string& call,
                                          const expr::FunctionRegistry& functions) {
  expr::Value value;
  if (given && !given->is_null()) {
    value = *given;
  } else if (v.default_value) {
    value = *v.default_value;
  } else {
    return errors::validation(call + ": the input variable \"" + v.name +
                              "\" is required by the module (declared in " + v.origin.file + ")");
  }
  if (v.type && value.is_wholly_known()) {
    auto converted = convert_to_type(value, *v.type);
    if (!converted) {
      return errors::validation(call + ": invalid value for the module's variable \"" + v.name +
                                "\": " + converted.error().message);
    }
    value = std::move(*converted);
  }
  if (value.is_wholly_known()) {
    FAULTBOX_TRY_VOID(validate_variable(v, {{v.name, value}}, functions));
  }
  return value;
}

}  // namespace faultbox::stack
