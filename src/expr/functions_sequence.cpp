// Sequence reshaping: concat, flatten, distinct, slice, reverse, sort, compact.
#include <algorithm>

#include "expr/function_args.h"
#include "expr/functions.h"

namespace faultbox::expr {
namespace {

Result<Value> concat(const Args& a, const CallContext&) {
  Value::Elements out;
  for (size_t i = 0; i < a.size(); ++i) {
    FAULTBOX_TRY(items, fn::seq(a, i));
    out.insert(out.end(), items.begin(), items.end());
  }
  return fn::list_or_tuple(std::move(out));
}

void flatten_into(const Value::Elements& items, Value::Elements& out) {
  for (const auto& item : items) {
    if (item.is_sequence()) {
      flatten_into(item.elements(), out);
    } else {
      out.push_back(item);
    }
  }
}

Result<Value> flatten(const Args& a, const CallContext&) {
  FAULTBOX_TRY(items, fn::seq(a, 0));
  Value::Elements out;
  flatten_into(items, out);
  return fn::list_or_tuple(std::move(out));
}

Result<Value> distinct(const Args& a, const CallContext&) {
  FAULTBOX_TRY(items, fn::seq(a, 0));
  Value::Elements out;
  for (const auto& item : items) {
    if (std::find(out.begin(), out.end(), item) == out.end()) {
      out.push_back(item);
    }
  }
  return fn::list_or_tuple(std::move(out));
}

Result<Value> slice(const Args& a, const CallContext&) {
  FAULTBOX_TRY(items, fn::seq(a, 0));
  FAULTBOX_TRY(start, fn::integer(a, 1));
  FAULTBOX_TRY(end, fn::integer(a, 2));
  auto size = static_cast<long long>(items.size());
  if (start < 0 || end > size || start > end) {
    return errors::validation("slice bounds [" + std::to_string(start) + ", " +
                              std::to_string(end) + ") are invalid for " + std::to_string(size) +
                              " elements");
  }
  Value::Elements out(items.begin() + start, items.begin() + end);
  return a[0].kind() == Kind::Tuple ? Value::tuple(std::move(out)) : Value::list(std::move(out));
}

Result<Value> reverse(const Args& a, const CallContext&) {
  FAULTBOX_TRY(items, fn::seq(a, 0));
  std::reverse(items.begin(), items.end());
  return a[0].kind() == Kind::Tuple ? Value::tuple(std::move(items))
                                    : Value::list(std::move(items));
}

Result<Value> sort(const Args& a, const CallContext&) {
  FAULTBOX_TRY(items, fn::seq(a, 0));
  std::vector<std::string> texts;
  for (size_t i = 0; i < items.size(); ++i) {
    FAULTBOX_TRY(s, fn::str(items, i));
    texts.push_back(std::move(s));
  }
  std::sort(texts.begin(), texts.end());
  Value::Elements out;
  for (auto& t : texts) {
    out.push_back(Value::string(std::move(t)));
  }
  return Value::list(std::move(out));
}

Result<Value> compact(const Args& a, const CallContext&) {
  FAULTBOX_TRY(items, fn::seq(a, 0));
  Value::Elements out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (items[i].is_null()) {
      continue;
    }
    FAULTBOX_TRY(s, fn::str(items, i));
    if (!s.empty()) {
      out.push_back(Value::string(std::move(s)));
    }
  }
  return Value::list(std::move(out));
}

}  // namespace

void register_sequence_functions(FunctionRegistry& r) {
  r.add("concat", {.min_args = 1, .eager = concat});
  r.add("flatten", {.min_args = 1, .max_args = 1, .eager = flatten});
  r.add("distinct", {.min_args = 1, .max_args = 1, .eager = distinct});
  r.add("slice", {.min_args = 3, .max_args = 3, .eager = slice});
  r.add("reverse", {.min_args = 1, .max_args = 1, .eager = reverse});
  r.add("sort", {.min_args = 1, .max_args = 1, .eager = sort});
  r.add("compact", {.min_args = 1, .max_args = 1, .eager = compact});
}

}  // namespace faultbox::expr
