// Reading a stack resource's evaluated configuration (an expr::Value object) with the AWS
// provider's attribute names; nested blocks may be an object or a list of objects, as in tf.json.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "expr/value.h"

namespace faultbox::cloud {

class ValueReader {
 public:
  ValueReader(const expr::Value& object, std::string where)
      : v_(object), where_(std::move(where)) {}

  bool has(const std::string& key) const;
  // A string attribute (numbers and bools are printed), or `fallback` when absent or null.
  Result<std::string> string(const std::string& key, std::string fallback = "") const;
  Result<std::string> required_string(const std::string& key) const;
  // A whole number, or `fallback` when absent or null. Strings holding numbers convert.
  Result<long> integer(const std::string& key, long fallback) const;
  Result<bool> boolean(const std::string& key, bool fallback) const;
  Result<std::vector<std::string>> strings(const std::string& key) const;
  Result<std::map<std::string, std::string>> string_map(const std::string& key) const;
  // The nested blocks named `key`: an object is one block, a list or tuple several.
  std::vector<ValueReader> blocks(const std::string& key) const;
  const std::string& where() const { return where_; }
  const expr::Value& value() const { return v_; }

 private:
  const expr::Value* find(const std::string& key) const;
  Error type_error(const std::string& key, const std::string& expected) const;
  const expr::Value& v_;
  std::string where_;
};

}  // namespace faultbox::cloud
