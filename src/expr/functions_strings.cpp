// String functions: join, split, case, trimming, substr and friends.
#include <algorithm>
#include <cctype>

#include "expr/evaluation_budget.h"
#include "expr/function_args.h"
#include "expr/functions.h"

namespace faultbox::expr {
namespace {

using fn::str;

Function string_to_string(std::string (*transform)(std::string)) {
  return {.min_args = 1,
          .max_args = 1,
          .eager = [transform](const Args& a, const CallContext&) -> Result<Value> {
            FAULTBOX_TRY(s, str(a, 0));
            return Value::string(transform(std::move(s)));
          }};
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

std::string upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::toupper(c); });
  return s;
}

std::string title(std::string s) {
  bool start = true;
  for (auto& c : s) {
    auto u = static_cast<unsigned char>(c);
    c = start ? static_cast<char>(std::toupper(u)) : c;
    start = std::isspace(u) != 0;
  }
  return s;
}

std::string trimspace(std::string s) {
  const char* space = " \t\r\n\v\f";
  size_t first = s.find_first_not_of(space);
  if (first == std::string::npos) {
    return "";
  }
  return s.substr(first, s.find_last_not_of(space) - first + 1);
}

std::string chomp(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) {
    s.pop_back();
  }
  return s;
}

std::string strrev(std::string s) {
  auto chars = fn::utf8_chars(s);
  std::string out;
  for (auto it = chars.rbegin(); it != chars.rend(); ++it) {
    out += *it;
  }
  return out;
}

Result<Value> join(const Args& a, const CallContext&) {
  FAULTBOX_TRY(sep, str(a, 0));
  std::string out;
  bool first = true;
  for (size_t i = 1; i < a.size(); ++i) {
    FAULTBOX_TRY(items, fn::seq(a, i));
    for (const auto& item : items) {
      if (item.is_null()) {
        return fn::bad_arg(i, "must not contain null elements");
      }
      FAULTBOX_TRY(text, str(Args{item}, 0));
      FAULTBOX_TRY_VOID(check_string_size(out.size() + sep.size() + text.size(), "the result"));
      out += (first ? "" : sep) + text;
      first = false;
    }
  }
  return Value::string(out);
}

Result<Value> split(const Args& a, const CallContext&) {
  FAULTBOX_TRY(sep, str(a, 0));
  FAULTBOX_TRY(s, str(a, 1));
  Value::Elements out;
  if (sep.empty()) {
    for (auto& c : fn::utf8_chars(s)) {
      out.push_back(Value::string(c));
    }
    return Value::list(std::move(out));
  }
  size_t start = 0;
  for (size_t at = s.find(sep); at != std::string::npos; at = s.find(sep, start)) {
    out.push_back(Value::string(s.substr(start, at - start)));
    start = at + sep.size();
  }
  out.push_back(Value::string(s.substr(start)));
  return Value::list(std::move(out));
}

Result<Value> substr(const Args& a, const CallContext&) {
  FAULTBOX_TRY(s, str(a, 0));
  FAULTBOX_TRY(offset, fn::integer(a, 1));
  FAULTBOX_TRY(length, fn::integer(a, 2));
  auto chars = fn::utf8_chars(s);
  auto size = static_cast<long long>(chars.size());
  if (offset < 0) {
    offset = std::max(0LL, size + offset);
  }
  if (offset > size) {
    return fn::bad_arg(1, "offset " + std::to_string(offset) + " is past the end of the string");
  }
  long long end = length < 0 ? size : std::min(size, offset + length);
  std::string out;
  for (long long i = offset; i < end; ++i) {
    out += chars[static_cast<size_t>(i)];
  }
  return Value::string(out);
}

Result<Value> trim_with(const Args& a, int mode) {
  FAULTBOX_TRY(s, str(a, 0));
  FAULTBOX_TRY(arg, str(a, 1));
  if (mode == 0) {
    size_t first = s.find_first_not_of(arg);
    return Value::string(
        first == std::string::npos ? "" : s.substr(first, s.find_last_not_of(arg) - first + 1));
  }
  if (mode == 1 && s.rfind(arg, 0) == 0) {
    return Value::string(s.substr(arg.size()));
  }
  if (mode == 2 && s.size() >= arg.size() &&
      s.compare(s.size() - arg.size(), arg.size(), arg) == 0) {
    return Value::string(s.substr(0, s.size() - arg.size()));
  }
  return Value::string(s);
}

Result<Value> indent(const Args& a, const CallContext&) {
  FAULTBOX_TRY(n, fn::integer(a, 0));
  FAULTBOX_TRY(s, str(a, 1));
  auto width = static_cast<size_t>(std::clamp(n, 0LL, static_cast<long long>(kMaxStringBytes)));
  auto lines = static_cast<size_t>(std::count(s.begin(), s.end(), '\n'));
  FAULTBOX_TRY_VOID(check_string_size(s.size() + lines * width, "the result"));
  std::string pad(width, ' ');
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    out += s[i];
    if (s[i] == '\n' && i + 1 < s.size()) {
      out += pad;
    }
  }
  return Value::string(out);
}

Function affix_test(bool prefix) {
  return {.min_args = 2,
          .max_args = 2,
          .eager = [prefix](const Args& a, const CallContext&) -> Result<Value> {
            FAULTBOX_TRY(s, str(a, 0));
            FAULTBOX_TRY(affix, str(a, 1));
            bool fits = s.size() >= affix.size();
            size_t at = prefix ? 0 : s.size() - (fits ? affix.size() : 0);
            return Value::boolean(fits && s.compare(at, affix.size(), affix) == 0);
          }};
}

}  // namespace

void register_string_functions(FunctionRegistry& r) {
  r.add("lower", string_to_string(lower));
  r.add("upper", string_to_string(upper));
  r.add("title", string_to_string(title));
  r.add("trimspace", string_to_string(trimspace));
  r.add("chomp", string_to_string(chomp));
  r.add("strrev", string_to_string(strrev));
  r.add("join", {.min_args = 2, .eager = join});
  r.add("split", {.min_args = 2, .max_args = 2, .eager = split});
  r.add("substr", {.min_args = 3, .max_args = 3, .eager = substr});
  r.add("indent", {.min_args = 2, .max_args = 2, .eager = indent});
  for (int mode : {0, 1, 2}) {
    const char* names[] = {"trim", "trimprefix", "trimsuffix"};
    r.add(names[mode],
          {.min_args = 2, .max_args = 2, .eager = [mode](const Args& a, const CallContext&) {
             return trim_with(a, mode);
           }});
  }
  r.add("startswith", affix_test(true));
  r.add("endswith", affix_test(false));
}

}  // namespace faultbox::expr
