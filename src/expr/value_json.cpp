// Value <-> nlohmann::json, and Terraform's number formatting.
#include <charconv>
#include <cmath>

#include "expr/value.h"

namespace faultbox::expr {

std::string format_number(double n) {
  if (std::isfinite(n) && n == std::floor(n) && std::fabs(n) < 1e15) {
    return std::to_string(static_cast<long long>(n));
  }
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof(buf), n);
  return std::string(buf, res.ptr);
}

Value from_json(const nlohmann::json& json) {
  switch (json.type()) {
    case nlohmann::json::value_t::boolean:
      return Value::boolean(json.get<bool>());
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
    case nlohmann::json::value_t::number_float:
      return Value::number(json.get<double>());
    case nlohmann::json::value_t::string:
      return Value::string(json.get<std::string>());
    case nlohmann::json::value_t::array: {
      Value::Elements elements;
      for (const auto& item : json) {
        elements.push_back(from_json(item));
      }
      return Value::tuple(std::move(elements));
    }
    case nlohmann::json::value_t::object: {
      Value::Attributes attributes;
      for (const auto& [key, item] : json.items()) {
        attributes.emplace(key, from_json(item));
      }
      return Value::object(std::move(attributes));
    }
    default:
      return Value::null();
  }
}

nlohmann::json to_json(const Value& value) {
  switch (value.kind()) {
    case Kind::Bool:
      return value.as_bool();
    case Kind::Number: {
      double n = value.as_number();
      if (std::isfinite(n) && n == std::floor(n) && std::fabs(n) < 9e15) {
        return static_cast<std::int64_t>(n);
      }
      return n;
    }
    case Kind::String:
      return value.as_string();
    case Kind::List:
    case Kind::Tuple:
    case Kind::Set: {
      auto array = nlohmann::json::array();
      for (const auto& e : value.elements()) {
        array.push_back(to_json(e));
      }
      return array;
    }
    case Kind::Map:
    case Kind::Object: {
      auto object = nlohmann::json::object();
      for (const auto& [key, item] : value.attributes()) {
        object[key] = to_json(item);
      }
      return object;
    }
    default:
      return nullptr;
  }
}

}  // namespace faultbox::expr
