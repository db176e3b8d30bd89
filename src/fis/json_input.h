// Strict reading of API input JSON: types checked, unknown members named, as botocore would.
#pragma once

#include <initializer_list>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace faultbox::fis {

using StringMap = std::map<std::string, std::string>;

// Each member of `obj` must be in `allowed`; `where` names the object in messages ("input",
// "actions.stop1"). Errors: ValidationException "Unknown parameter in <where>: "x", must be one
// of: a, b".
Result<void> check_members(const nlohmann::json& obj, std::string_view where,
                           std::initializer_list<std::string_view> allowed);

// ValidationException naming `where` when `value` is not a JSON object.
Result<void> expect_object(const nlohmann::json& value, std::string_view where);

// Optional typed members: absent or null → nullopt; a wrong type → ValidationException naming
// "<where>.<key>".
Result<std::optional<std::string>> opt_string(const nlohmann::json& obj, std::string_view key,
                                              std::string_view where);
Result<std::optional<std::int64_t>> opt_integer(const nlohmann::json& obj, std::string_view key,
                                                std::string_view where);
Result<std::optional<StringMap>> opt_string_map(const nlohmann::json& obj, std::string_view key,
                                                std::string_view where);
Result<std::optional<std::vector<std::string>>> opt_string_list(const nlohmann::json& obj,
                                                                std::string_view key,
                                                                std::string_view where);

// "<where>.<key>", or just key when where is the top-level input.
std::string member_path(std::string_view where, std::string_view key);

}  // namespace faultbox::fis
