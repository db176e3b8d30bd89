// Strict JSON input readers shared by the template and experiment request parsers.
#include "fis/json_input.h"

#include <algorithm>

#include "core/json_text.h"

namespace faultbox::fis {
namespace {

Error wrong_type(std::string_view path, std::string_view expected, const nlohmann::json& got) {
  return errors::validation("Invalid type for parameter " + std::string(path) + ", value: " +
                            json_text(got) + ", valid types: " + std::string(expected));
}

}  // namespace

std::string member_path(std::string_view where, std::string_view key) {
  if (where.empty() || where == "input") {
    return std::string(key);
  }
  return std::string(where) + "." + std::string(key);
}

Result<void> expect_object(const nlohmann::json& value, std::string_view where) {
  if (!value.is_object()) {
    return wrong_type(where, "object", value);
  }
  return {};
}

Result<void> check_members(const nlohmann::json& obj, std::string_view where,
                           std::initializer_list<std::string_view> allowed) {
  FAULTBOX_TRY_VOID(expect_object(obj, where));
  for (const auto& [key, value] : obj.items()) {
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) {
      continue;
    }
    std::string list;
    for (std::string_view name : allowed) {
      list += (list.empty() ? "" : ", ") + std::string(name);
    }
    return errors::validation("Unknown parameter in " + std::string(where) + ": \"" + key +
                              "\", must be one of: " + list);
  }
  return {};
}

Result<std::optional<std::string>> opt_string(const nlohmann::json& obj, std::string_view key,
                                              std::string_view where) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) {
    return std::optional<std::string>();
  }
  if (!it->is_string()) {
    return wrong_type(member_path(where, key), "string", *it);
  }
  return std::optional<std::string>(it->get<std::string>());
}

Result<std::optional<std::int64_t>> opt_integer(const nlohmann::json& obj, std::string_view key,
                                                std::string_view where) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) {
    return std::optional<std::int64_t>();
  }
  if (!it->is_number_integer()) {
    return wrong_type(member_path(where, key), "integer", *it);
  }
  return std::optional<std::int64_t>(it->get<std::int64_t>());
}

Result<std::optional<StringMap>> opt_string_map(const nlohmann::json& obj, std::string_view key,
                                                std::string_view where) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) {
    return std::optional<StringMap>();
  }
  const std::string path = member_path(where, key);
  if (!it->is_object()) {
    return wrong_type(path, "map", *it);
  }
  StringMap out;
  for (const auto& [k, v] : it->items()) {
    if (!v.is_string()) {
      return wrong_type(path + "." + k, "string", v);
    }
    out[k] = v.get<std::string>();
  }
  return std::optional<StringMap>(std::move(out));
}

Result<std::optional<std::vector<std::string>>> opt_string_list(const nlohmann::json& obj,
                                                                std::string_view key,
                                                                std::string_view where) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) {
    return std::optional<std::vector<std::string>>();
  }
  const std::string path = member_path(where, key);
  if (!it->is_array()) {
    return wrong_type(path, "list", *it);
  }
  std::vector<std::string> out;
  for (std::size_t i = 0; i < it->size(); ++i) {
    const auto& v = (*it)[i];
    if (!v.is_string()) {
      return wrong_type(path + "[" + std::to_string(i) + "]", "string", v);
    }
    out.push_back(v.get<std::string>());
  }
  return std::optional<std::vector<std::string>>(std::move(out));
}

}  // namespace faultbox::fis
