#include "api/input.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>

#include "core/iso8601.h"

namespace faultbox::api {

using Json = nlohmann::json;

Input::Input(const Json& members, std::string invalid_code)
    : members_(members.is_object() ? members : Json::object()), code_(std::move(invalid_code)) {}

bool Input::has(std::string_view name) const { return get(name) != nullptr; }

const Json* Input::get(std::string_view name) const {
  auto it = members_.find(name);
  return it == members_.end() || it->is_null() ? nullptr : &*it;
}

Error Input::bad_type(std::string_view name, std::string_view what) const {
  return invalid(fmt::format("1 validation error detected: Value {} at '{}' failed to satisfy "
                             "constraint: Member must be {}",
                             get(name)->dump(), name, what));
}

Result<std::string> Input::string(std::string_view name, bool required) const {
  const auto* v = get(name);
  if (!v) {
    if (required) {
      return invalid(fmt::format("1 validation error detected: Value null at '{}' failed to "
                                 "satisfy constraint: Member must not be null",
                                 name));
    }
    return std::string();
  }
  if (!v->is_string()) {
    return bad_type(name, "a string");
  }
  return v->get<std::string>();
}

Result<std::optional<double>> Input::number(std::string_view name) const {
  const auto* v = get(name);
  if (!v) {
    return std::optional<double>();
  }
  if (v->is_number()) {
    return std::optional<double>(v->get<double>());
  }
  if (v->is_string()) {
    const auto& s = v->get_ref<const std::string&>();
    double out = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    if (ec == std::errc() && end == s.data() + s.size() && std::isfinite(out)) {
      return std::optional<double>(out);
    }
  }
  return bad_type(name, "a number");
}

Result<std::optional<long long>> Input::integer(std::string_view name) const {
  FAULTBOX_TRY(n, number(name));
  if (!n) {
    return std::optional<long long>();
  }
  if (*n != std::floor(*n) || std::fabs(*n) > 9e15) {
    return bad_type(name, "a whole number");
  }
  return std::optional<long long>(static_cast<long long>(*n));
}

Result<std::optional<bool>> Input::boolean(std::string_view name) const {
  const auto* v = get(name);
  if (!v) {
    return std::optional<bool>();
  }
  if (v->is_boolean()) {
    return std::optional<bool>(v->get<bool>());
  }
  if (v->is_string() && (*v == "true" || *v == "false")) {
    return std::optional<bool>(*v == "true");
  }
  return bad_type(name, "a boolean");
}

Result<std::optional<TimePoint>> Input::time(std::string_view name) const {
  const auto* v = get(name);
  if (!v) {
    return std::optional<TimePoint>();
  }
  auto t = instant_from_json(*v);
  if (!t && v->is_string()) {  // the query protocol may send epoch seconds as text
    FAULTBOX_TRY(secs, number(name));
    t = instant_from_json(Json(*secs));
  }
  if (!t) {
    return bad_type(name, "a timestamp");
  }
  return std::optional<TimePoint>(*t);
}

Result<const Json*> Input::list(std::string_view name) const {
  const auto* v = get(name);
  if (!v || (v->is_string() && v->get_ref<const std::string&>().empty())) {
    return static_cast<const Json*>(nullptr);
  }
  if (!v->is_array()) {
    return bad_type(name, "a list");
  }
  return v;
}

Result<std::vector<std::string>> Input::strings(std::string_view name) const {
  std::vector<std::string> out;
  FAULTBOX_TRY(v, list(name));
  if (!v) {
    return out;
  }
  for (const auto& item : *v) {
    if (!item.is_string()) {
      return bad_type(name, "a list of strings");
    }
    out.push_back(item.get<std::string>());
  }
  return out;
}

Result<std::vector<Input>> Input::structures(std::string_view name) const {
  std::vector<Input> out;
  FAULTBOX_TRY(v, list(name));
  if (!v) {
    return out;
  }
  for (const auto& item : *v) {
    if (!item.is_object()) {
      return bad_type(name, "a list of structures");
    }
    out.emplace_back(item, code_);
  }
  return out;
}

Result<Input> Input::structure(std::string_view name) const {
  const auto* v = get(name);
  if (!v) {
    return Input(Json::object(), code_);
  }
  if (!v->is_object()) {
    return bad_type(name, "a structure");
  }
  return Input(*v, code_);
}

}  // namespace faultbox::api
