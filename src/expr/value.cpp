// Value construction, kind queries, equality and ordering.
#include "expr/value.h"

#include <algorithm>

namespace faultbox::expr {
namespace {

const Value::Elements kNoElements;
const Value::Attributes kNoAttributes;

bool sequence_kind(Kind k) { return k == Kind::List || k == Kind::Tuple || k == Kind::Set; }
bool mapping_kind(Kind k) { return k == Kind::Map || k == Kind::Object; }

// Kinds that compare equal to each other share a class.
int kind_class(Kind k) {
  if (k == Kind::List || k == Kind::Tuple) {
    return 100;
  }
  if (mapping_kind(k)) {
    return 200;
  }
  return static_cast<int>(k);
}

}  // namespace

Value Value::unknown() {
  Value v;
  v.kind_ = Kind::Unknown;
  return v;
}

Value Value::boolean(bool b) {
  Value v;
  v.kind_ = Kind::Bool;
  v.bool_ = b;
  return v;
}

Value Value::number(double n) {
  Value v;
  v.kind_ = Kind::Number;
  v.number_ = n;
  return v;
}

Value Value::string(std::string s) {
  Value v;
  v.kind_ = Kind::String;
  v.string_ = std::move(s);
  return v;
}

Value Value::list(Elements elements) {
  Value v;
  v.kind_ = Kind::List;
  v.elements_ = std::make_shared<const Elements>(std::move(elements));
  return v;
}

Value Value::tuple(Elements elements) {
  Value v = list(std::move(elements));
  v.kind_ = Kind::Tuple;
  return v;
}

Value Value::set(Elements elements) {
  std::stable_sort(elements.begin(), elements.end(), value_less);
  Elements unique;
  for (auto& e : elements) {
    if (unique.empty() || !(unique.back() == e) || e.is_unknown()) {
      unique.push_back(std::move(e));
    }
  }
  Value v = list(std::move(unique));
  v.kind_ = Kind::Set;
  return v;
}

Value Value::map(Attributes attributes) {
  Value v;
  v.kind_ = Kind::Map;
  v.attributes_ = std::make_shared<const Attributes>(std::move(attributes));
  return v;
}

Value Value::object(Attributes attributes) {
  Value v = map(std::move(attributes));
  v.kind_ = Kind::Object;
  return v;
}

bool Value::is_sequence() const { return sequence_kind(kind_); }
bool Value::is_mapping() const { return mapping_kind(kind_); }

bool Value::is_wholly_known() const {
  if (is_unknown()) {
    return false;
  }
  if (is_sequence()) {
    return std::all_of(elements().begin(), elements().end(),
                       [](const Value& e) { return e.is_wholly_known(); });
  }
  if (is_mapping()) {
    return std::all_of(attributes().begin(), attributes().end(),
                       [](const auto& kv) { return kv.second.is_wholly_known(); });
  }
  return true;
}

const Value::Elements& Value::elements() const { return elements_ ? *elements_ : kNoElements; }

const Value::Attributes& Value::attributes() const {
  return attributes_ ? *attributes_ : kNoAttributes;
}

const Value* Value::find(std::string_view key) const {
  if (!is_mapping()) {
    return nullptr;
  }
  auto it = attributes().find(key);
  return it == attributes().end() ? nullptr : &it->second;
}

std::string Value::type_name() const {
  switch (kind_) {
    case Kind::Null:
      return "null";
    case Kind::Unknown:
      return "unknown";
    case Kind::Bool:
      return "bool";
    case Kind::Number:
      return "number";
    case Kind::String:
      return "string";
    case Kind::List:
      return "list";
    case Kind::Tuple:
      return "tuple";
    case Kind::Set:
      return "set";
    case Kind::Map:
      return "map";
    case Kind::Object:
      return "object";
  }
  return "value";
}

bool operator==(const Value& a, const Value& b) {
  if (kind_class(a.kind_) != kind_class(b.kind_)) {
    return false;
  }
  switch (a.kind_) {
    case Kind::Null:
    case Kind::Unknown:
      return true;
    case Kind::Bool:
      return a.bool_ == b.bool_;
    case Kind::Number:
      return a.number_ == b.number_;
    case Kind::String:
      return a.string_ == b.string_;
    case Kind::Map:
    case Kind::Object:
      return a.attributes() == b.attributes();
    default:
      return a.elements() == b.elements();
  }
}

bool value_less(const Value& a, const Value& b) {
  if (a.kind() != b.kind()) {
    return a.kind() < b.kind();
  }
  switch (a.kind()) {
    case Kind::Bool:
      return a.as_bool() < b.as_bool();
    case Kind::Number:
      return a.as_number() < b.as_number();
    case Kind::String:
      return a.as_string() < b.as_string();
    case Kind::List:
    case Kind::Tuple:
    case Kind::Set:
      return std::lexicographical_compare(a.elements().begin(), a.elements().end(),
                                          b.elements().begin(), b.elements().end(), value_less);
    case Kind::Map:
    case Kind::Object:
      return std::lexicographical_compare(
          a.attributes().begin(), a.attributes().end(), b.attributes().begin(),
          b.attributes().end(), [](const auto& x, const auto& y) {
            return x.first != y.first ? x.first < y.first : value_less(x.second, y.second);
          });
    default:
      return false;
  }
}

}  // namespace faultbox::expr
