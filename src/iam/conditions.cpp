#include "iam/conditions.h"

#include <algorithm>
#include <cctype>
#include <string_view>
#include <vector>

#include "core/json_text.h"
#include "core/wildcard.h"

namespace faultbox::iam {

namespace {

enum class Compare { Equals, EqualsIgnoreCase, Like, Bool, Null };

struct Operator {
  Compare compare = Compare::Equals;
  bool negated = false;
  bool if_exists = false;
};

std::optional<Operator> read_operator(std::string_view name) {
  Operator op;
  // Set operators on single-valued keys act as the plain ones.
  for (std::string_view prefix : {"ForAnyValue:", "ForAllValues:"}) {
    if (name.starts_with(prefix)) {
      name.remove_prefix(prefix.size());
    }
  }
  if (name.ends_with("IfExists")) {
    op.if_exists = true;
    name.remove_suffix(8);
  }
  if (name == "StringEquals" || name == "ArnEquals") {
    op.compare = Compare::Equals;
  } else if (name == "StringNotEquals" || name == "ArnNotEquals") {
    op.compare = Compare::Equals;
    op.negated = true;
  } else if (name == "StringEqualsIgnoreCase") {
    op.compare = Compare::EqualsIgnoreCase;
  } else if (name == "StringNotEqualsIgnoreCase") {
    op.compare = Compare::EqualsIgnoreCase;
    op.negated = true;
  } else if (name == "StringLike" || name == "ArnLike") {
    op.compare = Compare::Like;
  } else if (name == "StringNotLike" || name == "ArnNotLike") {
    op.compare = Compare::Like;
    op.negated = true;
  } else if (name == "Bool") {
    op.compare = Compare::Bool;
  } else if (name == "Null") {
    op.compare = Compare::Null;
  } else {
    return std::nullopt;
  }
  return op;
}

std::vector<std::string> values_of(const nlohmann::json& j) {
  std::vector<std::string> out;
  auto add = [&out](const nlohmann::json& v) {
    if (v.is_string()) {
      out.push_back(v.get<std::string>());
    } else if (v.is_boolean()) {
      out.emplace_back(v.get<bool>() ? "true" : "false");
    } else if (v.is_number()) {
      out.push_back(json_text(v));
    }
  };
  if (j.is_array()) {
    for (const auto& v : j) {
      add(v);
    }
  } else {
    add(j);
  }
  return out;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

ConditionResult one_key(const Operator& op, const std::string& key,
                        const std::vector<std::string>& wanted, const RequestContext& ctx) {
  if (!ctx.knows(key)) {
    return ConditionResult::Unknown;
  }
  auto actual = ctx.value(key);
  if (op.compare == Compare::Null) {
    // Null: "true" holds when the key is absent, "false" when present.
    for (const auto& w : wanted) {
      if ((w == "true") == !actual.has_value()) {
        return ConditionResult::Met;
      }
    }
    return ConditionResult::NotMet;
  }
  if (!actual) {
    return op.negated || op.if_exists ? ConditionResult::Met : ConditionResult::NotMet;
  }
  bool any = false;
  for (const auto& pattern : wanted) {
    auto resolved = substitute_variables(pattern, ctx);
    if (!resolved) {
      return ConditionResult::Unknown;
    }
    switch (op.compare) {
      case Compare::Equals:
        any = any || *resolved == *actual;
        break;
      case Compare::EqualsIgnoreCase:
        any = any || iequals(*resolved, *actual);
        break;
      case Compare::Like:
        any = any || wildcard_match(*resolved, *actual);
        break;
      case Compare::Bool:
        any = any || iequals(*resolved, *actual);
        break;
      case Compare::Null:
        break;
    }
  }
  return any != op.negated ? ConditionResult::Met : ConditionResult::NotMet;
}

}  // namespace

std::optional<std::string> substitute_variables(const std::string& text,
                                                const RequestContext& ctx) {
  std::string out;
  std::size_t at = 0;
  for (;;) {
    auto open = text.find("${", at);
    if (open == std::string::npos) {
      return out + text.substr(at);
    }
    auto close = text.find('}', open);
    if (close == std::string::npos) {
      return out + text.substr(at);
    }
    out += text.substr(at, open - at);
    auto key = text.substr(open + 2, close - open - 2);
    // IAM's escapes for the special characters themselves.
    if (key == "*" || key == "?" || key == "$") {
      out += key;
    } else if (auto value = ctx.value(key)) {
      out += *value;
    } else {
      return std::nullopt;
    }
    at = close + 1;
  }
}

ConditionResult evaluate_conditions(const nlohmann::json& condition, const RequestContext& ctx) {
  if (!condition.is_object()) {
    return ConditionResult::Unknown;
  }
  bool unknown = false;
  for (const auto& [name, keys] : condition.items()) {
    auto op = read_operator(name);
    if (!op || !keys.is_object()) {
      unknown = true;
      continue;
    }
    for (const auto& [key, wanted] : keys.items()) {
      auto result = one_key(*op, key, values_of(wanted), ctx);
      if (result == ConditionResult::NotMet) {
        return ConditionResult::NotMet;  // one unmet part settles it, whatever else is unknown
      }
      unknown = unknown || result == ConditionResult::Unknown;
    }
  }
  return unknown ? ConditionResult::Unknown : ConditionResult::Met;
}

}  // namespace faultbox::iam
