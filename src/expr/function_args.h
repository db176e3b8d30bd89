// Argument helpers shared by the built-in function families (internal to expr).
#pragma once

#include <string>

#include "expr/conversions.h"
#include "expr/function_registry.h"

namespace faultbox::expr::fn {

inline Error bad_arg(size_t i, const std::string& what) {
  return errors::validation("argument " + std::to_string(i + 1) + " " + what);
}

inline Result<std::string> str(const Args& args, size_t i) {
  auto v = convert_to_string(args[i]);
  if (!v || v->is_null()) {
    return bad_arg(i, "must be a string, got " + args[i].type_name());
  }
  return v->as_string();
}

inline Result<double> num(const Args& args, size_t i) {
  auto v = convert_to_number(args[i]);
  if (!v || v->is_null()) {
    return bad_arg(i, "must be a number, got " + args[i].type_name());
  }
  return v->as_number();
}

inline Result<long long> integer(const Args& args, size_t i) {
  FAULTBOX_TRY(n, num(args, i));
  if (n != static_cast<double>(static_cast<long long>(n))) {
    return bad_arg(i, "must be a whole number, got " + format_number(n));
  }
  return static_cast<long long>(n);
}

inline Result<bool> boolean(const Args& args, size_t i) {
  auto v = convert_to_bool(args[i]);
  if (!v || v->is_null()) {
    return bad_arg(i, "must be a bool, got " + args[i].type_name());
  }
  return v->as_bool();
}

inline Result<Value::Elements> seq(const Args& args, size_t i) {
  if (!args[i].is_sequence()) {
    return bad_arg(i, "must be a list, tuple or set, got " + args[i].type_name());
  }
  return args[i].elements();
}

inline Result<Value::Attributes> mapping(const Args& args, size_t i) {
  if (!args[i].is_mapping()) {
    return bad_arg(i, "must be a map or object, got " + args[i].type_name());
  }
  return args[i].attributes();
}

// A list when the element types agree (after Terraform's conversions), else a tuple.
inline Value list_or_tuple(Value::Elements elements) {
  auto unified = unify_elements(elements);
  return unified ? Value::list(std::move(*unified)) : Value::tuple(std::move(elements));
}

}  // namespace faultbox::expr::fn

namespace faultbox::expr::fn {

// Splits UTF-8 text into characters (code points), for length() and substr().
inline std::vector<std::string> utf8_chars(const std::string& s) {
  std::vector<std::string> out;
  for (size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80           ? 1
                 : (c >> 5) == 0x6  ? 2
                 : (c >> 4) == 0xE  ? 3
                 : (c >> 3) == 0x1E ? 4
                                    : 1;
    out.push_back(s.substr(i, len));
    i += len;
  }
  return out;
}

}  // namespace faultbox::expr::fn
