#include "stack/schema.h"

#include "stack/type_constraint.h"

namespace faultbox::stack {

namespace {

// Parsed once per type text: schemas are few and fixed.
Result<TypeConstraint> type_of(const std::string& text) {
  static std::map<std::string, TypeConstraint> parsed;
  if (auto it = parsed.find(text); it != parsed.end()) {
    return it->second;
  }
  FAULTBOX_TRY(type, parse_type_constraint(text, expr::SourcePos{}));
  parsed.emplace(text, type);
  return type;
}

}  // namespace

Result<expr::Value> conform_to_schema(const expr::Value& config, const AttributeTypes& types) {
  if (!config.is_mapping()) {
    return config;
  }
  expr::Value::Attributes out = config.attributes();
  for (auto& [name, value] : out) {
    auto declared = types.find(name);
    if (declared == types.end()) {
      continue;
    }
    FAULTBOX_TRY(type, type_of(declared->second));
    auto converted = convert_to_type(value, type);
    if (!converted) {
      return errors::validation("Inappropriate value for attribute \"" + name +
                                "\": " + converted.error().message);
    }
    value = std::move(*converted);
  }
  return config.kind() == expr::Kind::Map ? expr::Value::map(std::move(out))
                                          : expr::Value::object(std::move(out));
}

}  // namespace faultbox::stack
