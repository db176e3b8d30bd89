// Request parameters of the query protocols (query string and form body alike): ordered,
// repeatable, with the flattened list and structure forms EC2 and the query protocol use
// ("InstanceId.1", "Filter.2.Value.1", "Tags.member.1.Key").
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "net/http_message.h"

namespace faultbox::api {

class Params {
 public:
  Params() = default;
  explicit Params(std::vector<std::pair<std::string, std::string>> pairs)
      : pairs_(std::move(pairs)) {}

  // The last value of `name`, if present.
  std::optional<std::string> get(std::string_view name) const;
  std::string get_or(std::string_view name, std::string fallback) const;
  // Every value of a repeated key ("tagKeys=a&tagKeys=b"), in order.
  std::vector<std::string> all(std::string_view name) const;
  // "<prefix>.1", "<prefix>.2", ... in index order (gaps allowed, as clients number from 1).
  std::vector<std::string> list(std::string_view prefix) const;
  // The indices N present as "<prefix>.N" or "<prefix>.N.<anything>", ascending.
  std::vector<int> indices(std::string_view prefix) const;
  void add(std::string name, std::string value) {
    pairs_.emplace_back(std::move(name), std::move(value));
  }
  const std::vector<std::pair<std::string, std::string>>& pairs() const { return pairs_; }

 private:
  std::vector<std::pair<std::string, std::string>> pairs_;
};

// Parses "a=1&b=2&a=3" (application/x-www-form-urlencoded): keys repeat, '+' is a space.
Params parse_params(std::string_view text);
// The query string, then the body when it is a form (query protocols POST their parameters).
Params request_params(const net::HttpRequest& request);

}  // namespace faultbox::api
