// Readers for the `variable`, `output` and `resource` blocks of Terraform's JSON syntax.
#include "stack/config_reader.h"

namespace faultbox::stack {
namespace {

std::string unwrap_interpolation(const std::string& text) {
  if (text.size() > 3 && text.compare(0, 2, "${") == 0 && text.back() == '}') {
    return text.substr(2, text.size() - 3);
  }
  return text;
}

Result<std::string> read_string(const nlohmann::json& json, const std::string& where) {
  if (!json.is_string()) {
    return errors::validation(where + ": expected a string, got " + json.type_name());
  }
  return json.get<std::string>();
}

Result<bool> read_bool(const nlohmann::json& json, const std::string& where) {
  if (!json.is_boolean()) {
    return errors::validation(where + ": expected true or false, got " + json.type_name());
  }
  return json.get<bool>();
}

Error unsupported(const std::string& where, const std::string& key) {
  return errors::validation(where + ": unsupported argument \"" + key + "\"");
}

Result<std::vector<Validation>> read_validations(const nlohmann::json& json,
                                                 const std::string& where) {
  std::vector<Validation> out;
  auto one = [&](const nlohmann::json& block) -> Result<void> {
    if (!block.is_object() || !block.contains("condition") || !block.contains("error_message")) {
      return errors::validation(where + ": a validation block needs condition and error_message");
    }
    FAULTBOX_TRY(condition, read_expression(block["condition"], where + ".condition"));
    FAULTBOX_TRY(message, read_expression(block["error_message"], where + ".error_message"));
    out.push_back({std::move(condition), std::move(message)});
    return {};
  };
  if (json.is_array()) {
    for (const auto& block : json) {
      FAULTBOX_TRY_VOID(one(block));
    }
  } else {
    FAULTBOX_TRY_VOID(one(json));
  }
  return out;
}

}  // namespace

Result<std::vector<expr::Traversal>> read_depends_on(const nlohmann::json& json,
                                                     const std::string& where) {
  if (!json.is_array()) {
    return errors::validation(where + ": expected a list of resource addresses");
  }
  std::vector<expr::Traversal> out;
  for (const auto& item : json) {
    FAULTBOX_TRY(text, read_string(item, where));
    FAULTBOX_TRY(expression,
                 expr::parse_expression(unwrap_interpolation(text), expr::SourcePos{where, 1, 1}));
    auto refs = expr::references(expression);
    if (refs.size() != 1) {
      return errors::validation(where + ": \"" + text + "\" is not a resource address");
    }
    out.push_back(refs[0]);
  }
  return out;
}

Result<VariableBlock> read_variable(const std::string& name, const nlohmann::json& json,
                                    const Origin& origin) {
  VariableBlock block{name, origin, {}, {}, {}, {}, false, {}};
  const std::string where = origin.to_string();
  auto entry = [&](const std::string& key, const nlohmann::json& v) -> Result<void> {
    const std::string at = where + ": " + key;
    if (key == "type") {
      FAULTBOX_TRY(text, read_string(v, at));
      FAULTBOX_TRY(type, parse_type_constraint(text, expr::SourcePos{at, 1, 1}));
      block.type = std::move(type);
    } else if (key == "default") {
      block.default_value = expr::from_json(v);
    } else if (key == "description") {
      FAULTBOX_TRY(text, read_string(v, at));
      block.description = std::move(text);
    } else if (key == "sensitive") {
      FAULTBOX_TRY(flag, read_bool(v, at));
      block.sensitive = flag;
    } else if (key == "validation") {
      FAULTBOX_TRY(validations, read_validations(v, at));
      block.validations = std::move(validations);
    } else if (key != "nullable") {
      return unsupported(where, key);
    }
    return {};
  };
  FAULTBOX_TRY_VOID(for_each_entry(json, where, entry));
  return block;
}

Result<OutputBlock> read_output(const std::string& name, const nlohmann::json& json,
                                const Origin& origin) {
  OutputBlock block{name, origin, {}, {}, {}, false, {}};
  const std::string where = origin.to_string();
  bool has_value = false;
  auto entry = [&](const std::string& key, const nlohmann::json& v) -> Result<void> {
    const std::string at = where + ": " + key;
    if (key == "value") {
      FAULTBOX_TRY(body, read_body(v, at));
      block.value = std::move(body);
      has_value = true;
    } else if (key == "description") {
      FAULTBOX_TRY(text, read_string(v, at));
      block.description = std::move(text);
    } else if (key == "sensitive") {
      FAULTBOX_TRY(flag, read_bool(v, at));
      block.sensitive = flag;
    } else if (key == "depends_on") {
      FAULTBOX_TRY(deps, read_depends_on(v, at));
      block.depends_on = std::move(deps);
    } else if (key != "precondition") {
      return unsupported(where, key);
    }
    return {};
  };
  FAULTBOX_TRY_VOID(for_each_entry(json, where, entry));
  if (!has_value) {
    return errors::validation(where + ": the argument \"value\" is required");
  }
  return block;
}

Result<ResourceBlock> read_resource(const std::string& type, const std::string& name,
                                    const nlohmann::json& json, const Origin& origin) {
  ResourceBlock block{type, name, origin, {}, {}, {}, {}, {}, false};
  block.body.kind = Body::Kind::Object;
  const std::string where = origin.to_string();
  auto entry = [&](const std::string& key, const nlohmann::json& v) -> Result<void> {
    const std::string at = where + ": " + key;
    if (key == "count") {
      FAULTBOX_TRY(count, read_expression(v, at));
      block.count = std::move(count);
    } else if (key == "depends_on") {
      FAULTBOX_TRY(deps, read_depends_on(v, at));
      block.depends_on = std::move(deps);
    } else if (key == "for_each") {
      FAULTBOX_TRY(for_each, read_expression(v, at));
      block.for_each = std::move(for_each);
    } else if (key != "lifecycle" && key != "provider" && key != "provisioner" &&
               key != "connection") {
      FAULTBOX_TRY(body, read_body(v, at));
      block.body.attributes.emplace_back(key, std::move(body));
    }
    return {};
  };
  FAULTBOX_TRY_VOID(for_each_entry(json, where, entry));
  if (block.count && block.for_each) {
    return errors::validation(where + ": count and for_each cannot both be set");
  }
  return block;
}

Result<ModuleCall> read_module_call(const std::string& name, const nlohmann::json& json,
                                    const Origin& origin) {
  ModuleCall call{name, origin, {}, {}, {}, {}, {}, {}, {}};
  call.arguments.kind = Body::Kind::Object;
  const std::string where = origin.to_string();
  auto entry = [&](const std::string& key, const nlohmann::json& v) -> Result<void> {
    const std::string at = where + ": " + key;
    if (key == "source") {
      FAULTBOX_TRY(text, read_string(v, at));
      call.source = std::move(text);
    } else if (key == "count") {
      FAULTBOX_TRY(count, read_expression(v, at));
      call.count = std::move(count);
    } else if (key == "for_each") {
      FAULTBOX_TRY(for_each, read_expression(v, at));
      call.for_each = std::move(for_each);
    } else if (key == "depends_on") {
      FAULTBOX_TRY(deps, read_depends_on(v, at));
      call.depends_on = std::move(deps);
    } else if (key != "providers" && key != "version") {
      FAULTBOX_TRY(body, read_body(v, at));
      call.arguments.attributes.emplace_back(key, std::move(body));
    }
    return {};
  };
  FAULTBOX_TRY_VOID(for_each_entry(json, where, entry));
  if (call.source.empty()) {
    return errors::validation(where + ": the argument \"source\" is required");
  }
  if (call.source.rfind("./", 0) != 0 && call.source.rfind("../", 0) != 0) {
    return errors::validation(where + ": module source \"" + call.source +
                              "\" is not supported: the lab reads local modules (\"./x\", "
                              "\"../modules/x\") only");
  }
  if (call.count && call.for_each) {
    return errors::validation(where + ": count and for_each cannot both be set");
  }
  return call;
}

}  // namespace faultbox::stack
