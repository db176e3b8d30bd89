#include "api/services/iam_input.h"

#include <algorithm>
#include <cctype>

#include "core/aws_errors.h"
#include "core/json_text.h"
#include "core/page_token.h"

namespace faultbox::api {

Result<std::string> iam_path(const Input& in) {
  FAULTBOX_TRY(path, in.string("Path"));
  if (path.empty()) {
    return std::string("/");
  }
  if (path.front() != '/' || path.back() != '/') {
    return query_errors::validation("The specified value for path is invalid. It must begin and "
                                    "end with / and contain only alphanumeric characters and/or "
                                    "/ characters.");
  }
  return path;
}

Result<std::string> iam_policy_document(const Input& in, std::string_view name) {
  FAULTBOX_TRY(text, in.string(name, true));
  auto parsed = parse_json(text, name);
  if (!parsed || !parsed->is_object()) {
    return Error{"MalformedPolicyDocument", "Syntax errors in policy.", 400};
  }
  return text;
}

// A name IAM will hold (roles: 64 characters, policies: 128), of IAM's characters [\w+=,.@-].
Result<std::string> iam_name(const Input& in, std::string_view member, std::size_t max_length) {
  FAULTBOX_TRY(name, in.string(member, true));
  std::string field(member);
  field[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(field[0])));
  auto refuse = [&](const std::string& constraint) {
    auto shown = name.size() > 80 ? name.substr(0, 80) + "..." : name;
    return query_errors::validation("1 validation error detected: Value '" + shown + "' at '" +
                                    field + "' failed to satisfy constraint: " + constraint);
  };
  if (name.size() > max_length) {
    return refuse("Member must have length less than or equal to " + std::to_string(max_length));
  }
  auto allowed = [](unsigned char c) {
    return std::isalnum(c) != 0 ||
           std::string_view("_+=,.@-").find(static_cast<char>(c)) != std::string_view::npos;
  };
  if (name.empty() || !std::all_of(name.begin(), name.end(), allowed)) {
    return refuse("Member must satisfy regular expression pattern: [\\w+=,.@-]+");
  }
  return name;
}

Result<IamPage> iam_page(const Input& in) {
  FAULTBOX_TRY(marker, in.string("Marker"));
  FAULTBOX_TRY(max_items, in.integer("MaxItems"));
  IamPage page{.start = "", .limit = max_items.value_or(100)};
  if (page.limit < 1 || page.limit > 1000) {
    return query_errors::validation("MaxItems must be between 1 and 1000.");
  }
  if (!marker.empty()) {
    auto start = read_page_token(marker);
    if (!start) {
      return query_errors::validation("The Marker is not one this API returned.");
    }
    page.start = *start;
  }
  return page;
}

nlohmann::json iam_list(std::string_view member, nlohmann::json items, const std::string& next) {
  nlohmann::json out = {{std::string(member), std::move(items)}, {"IsTruncated", !next.empty()}};
  if (!next.empty()) {
    out["Marker"] = make_page_token(next);
  }
  return out;
}

}  // namespace faultbox::api
