// Type conversions between values, following cty's safe conversions.
#include "expr/conversions.h"

#include <cerrno>
#include <cstdlib>
#include <set>

namespace faultbox::expr {
namespace {

Error cannot(const Value& v, const char* target) {
  return errors::validation("cannot convert " + v.type_name() + " to " + target);
}

bool passes_through(const Value& v) { return v.is_null() || v.is_unknown(); }

bool is_primitive(Kind k) { return k == Kind::String || k == Kind::Number || k == Kind::Bool; }

std::string kind_group(const Value& v) {
  if (v.kind() == Kind::List || v.kind() == Kind::Tuple) {
    return "list";
  }
  if (v.is_mapping()) {
    return "object";
  }
  return v.type_name();
}

}  // namespace

Result<Value> convert_to_string(const Value& v) {
  if (passes_through(v) || v.is_string()) {
    return v;
  }
  if (v.is_number()) {
    return Value::string(format_number(v.as_number()));
  }
  if (v.is_bool()) {
    return Value::string(v.as_bool() ? "true" : "false");
  }
  return cannot(v, "string");
}

Result<Value> convert_to_number(const Value& v) {
  if (passes_through(v) || v.is_number()) {
    return v;
  }
  if (v.is_string()) {
    const std::string& s = v.as_string();
    char* end = nullptr;
    errno = 0;
    double n = std::strtod(s.c_str(), &end);
    bool hex = s.find_first_of("xXpP") != std::string::npos;
    if (s.empty() || end != s.c_str() + s.size() || errno != 0 || hex || std::isspace(s[0])) {
      return errors::validation("cannot convert \"" + s + "\" to number: a number is required");
    }
    return Value::number(n);
  }
  return cannot(v, "number");
}

Result<Value> convert_to_bool(const Value& v) {
  if (passes_through(v) || v.is_bool()) {
    return v;
  }
  if (v.is_string() && (v.as_string() == "true" || v.as_string() == "false")) {
    return Value::boolean(v.as_string() == "true");
  }
  if (v.is_string()) {
    return errors::validation("cannot convert \"" + v.as_string() +
                              "\" to bool: only \"true\" or \"false\" are allowed");
  }
  return cannot(v, "bool");
}

Result<Value::Elements> unify_elements(Value::Elements elements) {
  std::set<std::string> groups;
  for (const auto& e : elements) {
    if (!passes_through(e)) {
      groups.insert(kind_group(e));
    }
  }
  if (groups.size() <= 1) {
    return elements;
  }
  for (const auto& e : elements) {
    if (!passes_through(e) && !is_primitive(e.kind())) {
      return errors::validation("all elements must have the same type, found " + *groups.begin() +
                                " and " + *groups.rbegin());
    }
  }
  for (auto& e : elements) {
    FAULTBOX_TRY(text, convert_to_string(e));
    e = std::move(text);
  }
  return elements;
}

Result<Value> convert_to_list(const Value& v) {
  if (passes_through(v) || v.kind() == Kind::List) {
    return v;
  }
  if (!v.is_sequence()) {
    return cannot(v, "list");
  }
  FAULTBOX_TRY(elements, unify_elements(v.elements()));
  return Value::list(std::move(elements));
}

Result<Value> convert_to_set(const Value& v) {
  if (passes_through(v) || v.kind() == Kind::Set) {
    return v;
  }
  if (!v.is_sequence()) {
    return cannot(v, "set");
  }
  FAULTBOX_TRY(elements, unify_elements(v.elements()));
  return Value::set(std::move(elements));
}

Result<Value> convert_to_map(const Value& v) {
  if (passes_through(v) || v.kind() == Kind::Map) {
    return v;
  }
  if (!v.is_mapping()) {
    return cannot(v, "map");
  }
  Value::Elements items;
  for (const auto& kv : v.attributes()) {
    items.push_back(kv.second);
  }
  FAULTBOX_TRY(unified, unify_elements(std::move(items)));
  Value::Attributes attributes;
  size_t i = 0;
  for (const auto& kv : v.attributes()) {
    attributes.emplace(kv.first, std::move(unified[i++]));
  }
  return Value::map(std::move(attributes));
}

Result<std::string> text_of(const Value& v) {
  if (v.is_null()) {
    return errors::validation("cannot include a null value in a string template");
  }
  auto converted = convert_to_string(v);
  if (!converted) {
    return errors::validation("cannot include a " + v.type_name() +
                              " value in a string template; a string is required");
  }
  return converted->as_string();
}

}  // namespace faultbox::expr
