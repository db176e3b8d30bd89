// Collection lookups: length, element, index, contains, lookup, merge, keys, values, zipmap,
// coalesce, coalescelist, one.
#include "expr/function_args.h"
#include "expr/functions.h"

namespace faultbox::expr {
namespace {

Result<Value> length(const Args& a, const CallContext&) {
  const Value& v = a[0];
  if (v.is_unknown()) {
    return v;
  }
  if (v.is_string()) {
    return Value::number(static_cast<double>(fn::utf8_chars(v.as_string()).size()));
  }
  if (v.is_sequence()) {
    return Value::number(static_cast<double>(v.elements().size()));
  }
  if (v.is_mapping()) {
    return Value::number(static_cast<double>(v.attributes().size()));
  }
  return fn::bad_arg(0, "must be a string or a collection, got " + v.type_name());
}

Result<Value> element(const Args& a, const CallContext&) {
  FAULTBOX_TRY(items, fn::seq(a, 0));
  FAULTBOX_TRY(i, fn::integer(a, 1));
  if (items.empty()) {
    return fn::bad_arg(0, "must not be empty");
  }
  if (i < 0) {
    return fn::bad_arg(1, "must not be negative");
  }
  return items[static_cast<size_t>(i) % items.size()];
}

Result<Value> index(const Args& a, const CallContext&) {
  FAULTBOX_TRY(items, fn::seq(a, 0));
  for (size_t i = 0; i < items.size(); ++i) {
    if (items[i] == a[1]) {
      return Value::number(static_cast<double>(i));
    }
  }
  return errors::validation("item not found in the list");
}

Result<Value> contains(const Args& a, const CallContext&) {
  FAULTBOX_TRY(items, fn::seq(a, 0));
  return Value::boolean(std::find(items.begin(), items.end(), a[1]) != items.end());
}

Result<Value> lookup(const Args& a, const CallContext&) {
  if (a[0].is_null()) {
    return fn::bad_arg(0, "must not be null");
  }
  FAULTBOX_TRY(map, fn::mapping(a, 0));
  FAULTBOX_TRY(key, fn::str(a, 1));
  if (auto it = map.find(key); it != map.end()) {
    return it->second;
  }
  if (a.size() == 3) {
    return a[2];
  }
  return errors::validation("no element \"" + key + "\" in the map and no default given");
}

// Null arguments are skipped; the result is a map only when every argument is one.
Result<Value> merge(const Args& a, const CallContext&) {
  Value::Attributes out;
  bool all_maps = true;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].is_null()) {
      continue;
    }
    FAULTBOX_TRY(m, fn::mapping(a, i));
    all_maps = all_maps && a[i].kind() == Kind::Map;
    for (auto& [k, v] : m) {
      out.insert_or_assign(k, v);
    }
  }
  return all_maps && !out.empty() ? Value::map(std::move(out)) : Value::object(std::move(out));
}

Result<Value> keys(const Args& a, const CallContext&) {
  FAULTBOX_TRY(m, fn::mapping(a, 0));
  Value::Elements out;
  for (const auto& kv : m) {
    out.push_back(Value::string(kv.first));
  }
  return Value::list(std::move(out));
}

Result<Value> values(const Args& a, const CallContext&) {
  FAULTBOX_TRY(m, fn::mapping(a, 0));
  Value::Elements out;
  for (const auto& kv : m) {
    out.push_back(kv.second);
  }
  return fn::list_or_tuple(std::move(out));
}

Result<Value> zipmap(const Args& a, const CallContext&) {
  FAULTBOX_TRY(ks, fn::seq(a, 0));
  FAULTBOX_TRY(vs, fn::seq(a, 1));
  if (ks.size() != vs.size()) {
    return errors::validation("the key list has " + std::to_string(ks.size()) +
                              " elements but the value list has " + std::to_string(vs.size()));
  }
  Value::Attributes out;
  for (size_t i = 0; i < ks.size(); ++i) {
    FAULTBOX_TRY(k, fn::str(ks, i));
    out.insert_or_assign(k, vs[i]);
  }
  bool uniform = unify_elements(vs).has_value() && a[1].kind() != Kind::Tuple;
  return uniform ? Value::map(std::move(out)) : Value::object(std::move(out));
}

Result<Value> coalesce(const Args& a, const CallContext&) {
  for (const auto& v : a) {
    if (!v.is_null() && !(v.is_string() && v.as_string().empty())) {
      return v;
    }
  }
  return errors::validation("no non-null, non-empty-string arguments");
}

Result<Value> coalescelist(const Args& a, const CallContext&) {
  for (size_t i = 0; i < a.size(); ++i) {
    FAULTBOX_TRY(items, fn::seq(a, i));
    if (!items.empty()) {
      return a[i];
    }
  }
  return Value::tuple({});
}

Result<Value> one(const Args& a, const CallContext&) {
  if (a[0].is_null()) {
    return Value::null();
  }
  FAULTBOX_TRY(items, fn::seq(a, 0));
  if (items.size() > 1) {
    return errors::validation("must be a list, set, or tuple value with either zero or one "
                              "elements, got " +
                              std::to_string(items.size()));
  }
  return items.empty() ? Value::null() : items.front();
}

}  // namespace

void register_collection_functions(FunctionRegistry& r) {
  r.add("length", {.min_args = 1, .max_args = 1, .allow_unknown = true, .eager = length});
  r.add("element", {.min_args = 2, .max_args = 2, .eager = element});
  r.add("index", {.min_args = 2, .max_args = 2, .eager = index});
  r.add("contains", {.min_args = 2, .max_args = 2, .allow_null = true, .eager = contains});
  r.add("lookup", {.min_args = 2, .max_args = 3, .allow_null = true, .eager = lookup});
  r.add("merge", {.allow_null = true, .eager = merge});
  r.add("keys", {.min_args = 1, .max_args = 1, .eager = keys});
  r.add("values", {.min_args = 1, .max_args = 1, .eager = values});
  r.add("zipmap", {.min_args = 2, .max_args = 2, .eager = zipmap});
  r.add("coalesce", {.min_args = 1, .allow_null = true, .eager = coalesce});
  r.add("coalescelist", {.min_args = 1, .eager = coalescelist});
  r.add("one", {.min_args = 1, .max_args = 1, .allow_null = true, .eager = one});
}

}  // namespace faultbox::expr
