// Reading an operation's input members, whatever protocol carried them: the query protocol
// sends every scalar as a string, json and CBOR send numbers, booleans and timestamps natively.
// Each reader fails with the service's own validation code.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/result.h"

namespace faultbox::api {

class Input {
 public:
  // `invalid_code`: the code of a malformed or missing member (ValidationError for the query
  // services, InvalidParameterException for Logs, ...).
  explicit Input(const nlohmann::json& members, std::string invalid_code = "ValidationError");

  bool has(std::string_view name) const;
  const nlohmann::json* get(std::string_view name) const;
  // A string member; "Member must not be null" when required and absent.
  Result<std::string> string(std::string_view name, bool required = false) const;
  Result<std::optional<long long>> integer(std::string_view name) const;
  Result<std::optional<double>> number(std::string_view name) const;
  Result<std::optional<bool>> boolean(std::string_view name) const;
  // Epoch seconds (json, CBOR) or ISO 8601 (query).
  Result<std::optional<TimePoint>> time(std::string_view name) const;
  // A list of strings ([] when absent; the query protocol's empty list "X=" too).
  Result<std::vector<std::string>> strings(std::string_view name) const;
  // A list of structures, each as an Input with the same error code.
  Result<std::vector<Input>> structures(std::string_view name) const;
  // A nested structure (empty when absent).
  Result<Input> structure(std::string_view name) const;

  Error invalid(std::string message) const { return Error{code_, std::move(message), 400}; }
  const nlohmann::json& members() const { return members_; }

 private:
  Error bad_type(std::string_view name, std::string_view what) const;
  // The list member `name`: null when absent or the empty string (how the query protocol sends
  // an empty list); an error when it is not a list.
  Result<const nlohmann::json*> list(std::string_view name) const;

  nlohmann::json members_;
  std::string code_;
};

}  // namespace faultbox::api
