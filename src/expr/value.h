// Typed values of Terraform's expression language (after cty): primitives, collections, unknown.
#pragma once

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace faultbox::expr {

enum class Kind { Null, Unknown, Bool, Number, String, List, Tuple, Set, Map, Object };

// An immutable value; copies share their collections. Unknown means "known after apply": every
// operation that reads an unknown yields unknown. Object and map attributes are kept sorted by
// name, as Terraform prints them; set elements are deduplicated and sorted.
class Value {
 public:
  using Elements = std::vector<Value>;
  using Attributes = std::map<std::string, Value, std::less<>>;

  Value() = default;  // null
  static Value null() { return Value(); }
  static Value unknown();
  static Value boolean(bool b);
  static Value number(double n);
  static Value string(std::string s);
  static Value list(Elements elements);
  static Value tuple(Elements elements);
  static Value set(Elements elements);
  static Value map(Attributes attributes);
  static Value object(Attributes attributes);

  Kind kind() const { return kind_; }
  bool is_null() const { return kind_ == Kind::Null; }
  bool is_unknown() const { return kind_ == Kind::Unknown; }
  bool is_string() const { return kind_ == Kind::String; }
  bool is_number() const { return kind_ == Kind::Number; }
  bool is_bool() const { return kind_ == Kind::Bool; }
  // List, tuple or set: elements() is valid.
  bool is_sequence() const;
  // Map or object: attributes() is valid.
  bool is_mapping() const;
  // False when an unknown hides anywhere inside.
  bool is_wholly_known() const;

  // Accessors; calling one on the wrong kind is a programming error (they return an empty value).
  bool as_bool() const { return bool_; }
  double as_number() const { return number_; }
  const std::string& as_string() const { return string_; }
  const Elements& elements() const;
  const Attributes& attributes() const;
  // The attribute or map element named key, or nullptr.
  const Value* find(std::string_view key) const;

  // "string", "number", "bool", "null", "list", "tuple", "set", "map", "object", "unknown".
  std::string type_name() const;

  // Structural equality. Lists and tuples with equal elements are equal, as are maps and objects
  // with equal attributes, so `var.list == []` means what a reader expects.
  friend bool operator==(const Value& a, const Value& b);

 private:
  Kind kind_ = Kind::Null;
  bool bool_ = false;
  double number_ = 0;
  std::string string_;
  std::shared_ptr<const Elements> elements_;
  std::shared_ptr<const Attributes> attributes_;
};

// A total order used for sets and sort(): by kind, then numbers numerically, strings bytewise.
bool value_less(const Value& a, const Value& b);

// Numbers print like Terraform: integers without ".0", others in shortest round-trip form.
std::string format_number(double n);

// JSON arrays become tuples and JSON objects become objects.
Value from_json(const nlohmann::json& json);
// Inverse of from_json; lists and sets become arrays, maps objects. Unknown becomes null, so
// callers that must not lose it check is_wholly_known() first.
nlohmann::json to_json(const Value& value);

}  // namespace faultbox::expr
