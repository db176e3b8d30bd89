// What IAM's operations read alike: paths, names of IAM's characters and lengths, and policy
// documents, with IAM's own errors.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "api/input.h"
#include "core/result.h"

namespace faultbox::api {

// "Path": "/" when absent; else it must begin and end with '/'.
Result<std::string> iam_path(const Input& in);
// A policy document must be JSON (IAM's MalformedPolicyDocument otherwise).
Result<std::string> iam_policy_document(const Input& in, std::string_view name);
// A required name of IAM's characters [\w+=,.@-], at most `max_length` long.
Result<std::string> iam_name(const Input& in, std::string_view member, std::size_t max_length);

// A page of a List operation: Marker (a token this API returned, read back to the name to start
// from) and MaxItems (1 to 1000, 100 by default).
struct IamPage {
  std::string start;  // empty: from the first
  long long limit = 100;
};
Result<IamPage> iam_page(const Input& in);
// The output of a List operation: `items` under `member`, and where the next page starts.
nlohmann::json iam_list(std::string_view member, nlohmann::json items, const std::string& next);

// The page of `entries` (a map by name, of things with a `path`) under `prefix` ("" for all):
// each as `to_json` writes it, under `member`.
template <class Entries, class ToJson>
nlohmann::json iam_list_page(std::string_view member, const Entries& entries, const IamPage& page,
                             const std::string& prefix, ToJson to_json) {
  nlohmann::json list = nlohmann::json::array();
  std::string next;
  for (const auto& [name, entry] : entries) {
    if (name < page.start || !entry.path.starts_with(prefix.empty() ? "/" : prefix)) {
      continue;
    }
    if (static_cast<long long>(list.size()) == page.limit) {
      next = name;
      break;
    }
    list.push_back(to_json(entry));
  }
  return iam_list(member, std::move(list), next);
}

}  // namespace faultbox::api
