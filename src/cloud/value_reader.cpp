#include "cloud/value_reader.h"

#include <cmath>

namespace faultbox::cloud {

const expr::Value* ValueReader::find(const std::string& key) const {
  if (!v_.is_mapping()) {
    return nullptr;
  }
  // Unknown values ("known after apply") read as absent: validation passes them.
  const auto* found = v_.find(key);
  return found && !found->is_null() && !found->is_unknown() ? found : nullptr;
}

bool ValueReader::has(const std::string& key) const {
  const auto* found = v_.is_mapping() ? v_.find(key) : nullptr;
  return found && !found->is_null();
}

Error ValueReader::type_error(const std::string& key, const std::string& expected) const {
  return errors::validation(where_ + ": attribute \"" + key + "\" must be " + expected + ", got " +
                            find(key)->type_name());
}

Result<std::string> ValueReader::string(const std::string& key, std::string fallback) const {
  const auto* value = find(key);
  if (!value) {
    return fallback;
  }
  if (value->is_string()) {
    return value->as_string();
  }
  if (value->is_number()) {
    return expr::format_number(value->as_number());
  }
  if (value->is_bool()) {
    return std::string(value->as_bool() ? "true" : "false");
  }
  return type_error(key, "a string");
}

Result<std::string> ValueReader::required_string(const std::string& key) const {
  if (!has(key)) {
    return errors::validation(where_ + ": the attribute \"" + key + "\" is required");
  }
  return string(key);
}

Result<long> ValueReader::integer(const std::string& key, long fallback) const {
  const auto* value = find(key);
  if (!value) {
    return fallback;
  }
  double n = 0;
  if (value->is_number()) {
    n = value->as_number();
  } else if (value->is_string()) {
    try {
      size_t used = 0;
      n = std::stod(value->as_string(), &used);
      if (used != value->as_string().size()) {
        return type_error(key, "a whole number");
      }
    } catch (const std::exception&) {
      return type_error(key, "a whole number");
    }
  } else {
    return type_error(key, "a whole number");
  }
  if (std::floor(n) != n) {
    return type_error(key, "a whole number");
  }
  return static_cast<long>(n);
}

Result<bool> ValueReader::boolean(const std::string& key, bool fallback) const {
  const auto* value = find(key);
  if (!value) {
    return fallback;
  }
  if (value->is_bool()) {
    return value->as_bool();
  }
  if (value->is_string() && (value->as_string() == "true" || value->as_string() == "false")) {
    return value->as_string() == "true";
  }
  return type_error(key, "a bool");
}

Result<std::vector<std::string>> ValueReader::strings(const std::string& key) const {
  const auto* value = find(key);
  std::vector<std::string> out;
  if (!value) {
    return out;
  }
  if (!value->is_sequence()) {
    return type_error(key, "a list of strings");
  }
  if (!value->is_wholly_known()) {
    return out;  // an element known after apply ([aws_elb.this.id]): read as absent, as above
  }
  for (const auto& e : value->elements()) {
    if (e.is_string()) {
      out.push_back(e.as_string());
    } else if (e.is_number()) {
      out.push_back(expr::format_number(e.as_number()));
    } else {
      return type_error(key, "a list of strings");
    }
  }
  return out;
}

Result<std::map<std::string, std::string>> ValueReader::string_map(const std::string& key) const {
  const auto* value = find(key);
  std::map<std::string, std::string> out;
  if (!value) {
    return out;
  }
  if (!value->is_mapping()) {
    return type_error(key, "a map of strings");
  }
  for (const auto& [k, e] : value->attributes()) {
    if (e.is_unknown()) {
      continue;  // known after apply: read as absent until then
    }
    if (e.is_string()) {
      out[k] = e.as_string();
    } else if (e.is_number()) {
      out[k] = expr::format_number(e.as_number());
    } else if (e.is_bool()) {
      out[k] = e.as_bool() ? "true" : "false";
    } else {
      return type_error(key, "a map of strings");
    }
  }
  return out;
}

std::vector<ValueReader> ValueReader::blocks(const std::string& key) const {
  std::vector<ValueReader> out;
  const auto* value = find(key);
  if (!value) {
    return out;
  }
  auto where = where_ + ": " + key;
  if (value->is_mapping()) {
    out.emplace_back(*value, where);
  } else if (value->is_sequence()) {
    for (const auto& e : value->elements()) {
      if (e.is_mapping()) {
        out.emplace_back(e, where);
      }
    }
  }
  return out;
}

}  // namespace faultbox::cloud
