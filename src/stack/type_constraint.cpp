// Parsing of type expressions from the expression tree and conversion of values to them.
#include "stack/type_constraint.h"

#include "expr/conversions.h"

namespace faultbox::stack {
namespace {

using expr::Value;
using Kind = TypeConstraint::Kind;

Error type_error(const expr::SourcePos& pos, const std::string& what) {
  return errors::validation(pos.to_string() + ": invalid type constraint: " + what);
}

Result<TypeConstraint> parse_node(const expr::Node& node);

Result<TypeConstraint> parse_primitive(const expr::Node& node, const std::string& name) {
  static const std::map<std::string, Kind, std::less<>> kNames = {
      {"any", Kind::Any}, {"string", Kind::String}, {"number", Kind::Number}, {"bool", Kind::Bool}};
  auto it = kNames.find(name);
  if (it == kNames.end()) {
    return type_error(node.pos, "unknown type \"" + name + "\"");
  }
  return TypeConstraint{it->second, {}, {}};
}

Result<TypeConstraint> parse_object(const expr::Node& node, const expr::Node& arg) {
  const auto* object = std::get_if<expr::ObjectNode>(&arg.data);
  if (object == nullptr) {
    return type_error(node.pos, "object() takes an object of attribute types");
  }
  TypeConstraint out{Kind::Object, {}, {}};
  for (const auto& [key, type] : object->items) {
    std::string name;
    if (const auto* var = std::get_if<expr::VariableNode>(&key->data)) {
      name = var->name;
    } else if (const auto* lit = std::get_if<expr::LiteralNode>(&key->data);
               lit != nullptr && lit->value.is_string()) {
      name = lit->value.as_string();
    } else {
      return type_error(key->pos, "object attribute names must be identifiers");
    }
    FAULTBOX_TRY(attr, parse_node(*type));
    out.attributes[name] = std::move(attr);
  }
  return out;
}

Result<TypeConstraint> parse_call(const expr::Node& node, const expr::CallNode& call) {
  if (call.args.size() != 1) {
    return type_error(node.pos, call.name + "() takes exactly one argument");
  }
  const expr::Node& arg = *call.args[0];
  if (call.name == "object") {
    return parse_object(node, arg);
  }
  if (call.name == "tuple") {
    const auto* items = std::get_if<expr::TupleNode>(&arg.data);
    if (items == nullptr) {
      return type_error(node.pos, "tuple() takes a list of element types");
    }
    TypeConstraint out{Kind::Tuple, {}, {}};
    for (const auto& item : items->items) {
      FAULTBOX_TRY(element, parse_node(*item));
      out.elements.push_back(std::move(element));
    }
    return out;
  }
  static const std::map<std::string, Kind, std::less<>> kCollections = {
      {"list", Kind::List}, {"set", Kind::Set}, {"map", Kind::Map}};
  auto it = kCollections.find(call.name);
  if (it == kCollections.end()) {
    return type_error(node.pos, "unknown type constructor \"" + call.name + "\"");
  }
  FAULTBOX_TRY(element, parse_node(arg));
  return TypeConstraint{it->second, {std::move(element)}, {}};
}

Result<TypeConstraint> parse_node(const expr::Node& node) {
  if (const auto* var = std::get_if<expr::VariableNode>(&node.data)) {
    return parse_primitive(node, var->name);
  }
  if (const auto* call = std::get_if<expr::CallNode>(&node.data)) {
    return parse_call(node, *call);
  }
  if (const auto* tmpl = std::get_if<expr::TemplateNode>(&node.data);
      tmpl && tmpl->parts.size() == 1) {
    return parse_node(*tmpl->parts[0]);
  }
  return type_error(node.pos, "expected a type such as string, list(string) or object({...})");
}

Error mismatch(const Value& value, const TypeConstraint& type) {
  return errors::validation(type.to_string() + " required, got " + value.type_name());
}

Result<Value> convert_elements(const Value& value, const TypeConstraint& type) {
  if (!value.is_sequence()) {
    return mismatch(value, type);
  }
  Value::Elements out;
  for (const auto& element : value.elements()) {
    FAULTBOX_TRY(converted, convert_to_type(element, type.elements[0]));
    out.push_back(std::move(converted));
  }
  return type.kind == Kind::Set ? Value::set(std::move(out)) : Value::list(std::move(out));
}

Result<Value> convert_tuple(const Value& value, const TypeConstraint& type) {
  if (!value.is_sequence() || value.elements().size() != type.elements.size()) {
    return mismatch(value, type);
  }
  Value::Elements out;
  for (size_t i = 0; i < type.elements.size(); ++i) {
    FAULTBOX_TRY(converted, convert_to_type(value.elements()[i], type.elements[i]));
    out.push_back(std::move(converted));
  }
  return Value::tuple(std::move(out));
}

Result<Value> convert_mapping(const Value& value, const TypeConstraint& type) {
  if (!value.is_mapping()) {
    return mismatch(value, type);
  }
  Value::Attributes out;
  if (type.kind == Kind::Map) {
    for (const auto& [key, element] : value.attributes()) {
      FAULTBOX_TRY(converted, convert_to_type(element, type.elements[0]));
      out[key] = std::move(converted);
    }
    return Value::map(std::move(out));
  }
  for (const auto& [key, attr_type] : type.attributes) {
    const Value* given = value.find(key);
    if (given == nullptr) {
      return errors::validation(type.to_string() + " required: attribute \"" + key +
                                "\" is missing");
    }
    FAULTBOX_TRY(converted, convert_to_type(*given, attr_type));
    out[key] = std::move(converted);
  }
  return Value::object(std::move(out));
}

Result<Value> convert_primitive(const Value& value, const TypeConstraint& type) {
  Result<Value> converted = type.kind == Kind::String   ? expr::convert_to_string(value)
                            : type.kind == Kind::Number ? expr::convert_to_number(value)
                                                        : expr::convert_to_bool(value);
  if (!converted) {
    return mismatch(value, type);
  }
  return converted;
}

}  // namespace

std::string TypeConstraint::to_string() const {
  switch (kind) {
    case Kind::Any:
      return "any";
    case Kind::String:
      return "string";
    case Kind::Number:
      return "number";
    case Kind::Bool:
      return "bool";
    case Kind::List:
      return "list(" + elements[0].to_string() + ")";
    case Kind::Set:
      return "set(" + elements[0].to_string() + ")";
    case Kind::Map:
      return "map(" + elements[0].to_string() + ")";
    case Kind::Tuple: {
      std::string out = "tuple([";
      for (size_t i = 0; i < elements.size(); ++i) {
        out += (i ? ", " : "") + elements[i].to_string();
      }
      return out + "])";
    }
    case Kind::Object: {
      std::string out = "object({";
      bool first = true;
      for (const auto& [name, type] : attributes) {
        out += (first ? "" : ", ") + name + " = " + type.to_string();
        first = false;
      }
      return out + "})";
    }
  }
  return "any";
}

Result<TypeConstraint> parse_type_constraint(const expr::Expression& expression) {
  return parse_node(expression.root());
}

Result<TypeConstraint> parse_type_constraint(std::string_view text, const expr::SourcePos& pos) {
  if (text.size() > 3 && text.substr(0, 2) == "${" && text.back() == '}') {
    text = text.substr(2, text.size() - 3);
  }
  FAULTBOX_TRY(expression, expr::parse_expression(text, pos));
  return parse_type_constraint(expression);
}

Result<Value> convert_to_type(const Value& value, const TypeConstraint& type) {
  if (value.is_null() || value.is_unknown() || type.kind == Kind::Any) {
    return value;
  }
  switch (type.kind) {
    case Kind::List:
    case Kind::Set:
      return convert_elements(value, type);
    case Kind::Tuple:
      return convert_tuple(value, type);
    case Kind::Map:
    case Kind::Object:
      return convert_mapping(value, type);
    default:
      return convert_primitive(value, type);
  }
}

}  // namespace faultbox::stack
