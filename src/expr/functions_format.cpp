// format() and formatlist(): printf-style verbs as Terraform defines them.
#include <algorithm>
#include <cstdio>

#include "core/json_text.h"
#include "expr/evaluation_budget.h"
#include "expr/function_args.h"
#include "expr/functions.h"

namespace faultbox::expr {
namespace {

struct Verb {
  std::string flags;
  std::string width;
  std::string precision;  // with its '.'
  char conversion = 0;
  int index = 0;  // %[n]v: the one-based argument to use, 0 for the next one
};

std::string pad(std::string s, const Verb& v) {
  size_t width = v.width.empty() ? 0 : std::stoul(v.width);
  if (s.size() >= width) {
    return s;
  }
  std::string fill(width - s.size(), v.flags.find('0') != std::string::npos ? '0' : ' ');
  return v.flags.find('-') != std::string::npos ? s + std::string(fill.size(), ' ') : fill + s;
}

Result<std::string> number_verb(const Value& arg, const Verb& v) {
  FAULTBOX_TRY(n, fn::num(Args{arg}, 0));
  std::string spec = "%" + v.flags + v.width + v.precision;
  char buf[512];
  if (v.conversion == 'd' || v.conversion == 'x' || v.conversion == 'X' || v.conversion == 'o' ||
      v.conversion == 'b') {
    if (n != static_cast<double>(static_cast<long long>(n))) {
      return errors::validation("%" + std::string(1, v.conversion) + " needs a whole number, got " +
                                format_number(n));
    }
    auto i = static_cast<long long>(n);
    if (v.conversion == 'b') {
      std::string bits;
      for (auto u = static_cast<unsigned long long>(i < 0 ? -i : i); u > 0; u >>= 1) {
        bits.insert(bits.begin(), static_cast<char>('0' + (u & 1)));
      }
      return pad((i < 0 ? "-" : "") + (bits.empty() ? "0" : bits), v);
    }
    std::snprintf(buf, sizeof(buf), (spec + "ll" + v.conversion).c_str(), i);
  } else {
    std::snprintf(buf, sizeof(buf), (spec + v.conversion).c_str(), n);
  }
  return std::string(buf);
}

Result<std::string> apply_verb(const Value& arg, const Verb& v) {
  switch (v.conversion) {
    case 'v':
      if (v.flags.find('#') != std::string::npos ||
          !(arg.is_string() || arg.is_number() || arg.is_bool())) {
        return pad(json_text(to_json(arg)), v);
      }
      [[fallthrough]];
    case 's': {
      FAULTBOX_TRY(s, fn::str(Args{arg}, 0));
      if (!v.precision.empty()) {
        s = s.substr(0, std::stoul(v.precision.substr(1)));
      }
      return pad(s, v);
    }
    case 'q': {
      FAULTBOX_TRY(s, fn::str(Args{arg}, 0));
      return pad(json_text(nlohmann::json(s)), v);
    }
    case 't': {
      FAULTBOX_TRY(b, fn::boolean(Args{arg}, 0));
      return pad(b ? "true" : "false", v);
    }
    case 'd':
    case 'b':
    case 'o':
    case 'x':
    case 'X':
    case 'e':
    case 'E':
    case 'f':
    case 'g':
    case 'G':
      return number_verb(arg, v);
    default:
      return errors::validation(std::string("unsupported format verb %") + v.conversion);
  }
}

// Reads one verb after '%'; `at` ends past it.
Verb read_verb(const std::string& spec, size_t& at) {
  Verb v;
  while (at < spec.size() && std::string("-+# 0").find(spec[at]) != std::string::npos) {
    v.flags += spec[at++];
  }
  while (at < spec.size() && std::isdigit(static_cast<unsigned char>(spec[at]))) {
    v.width += spec[at++];
  }
  if (at < spec.size() && spec[at] == '.') {
    v.precision += spec[at++];
    while (at < spec.size() && std::isdigit(static_cast<unsigned char>(spec[at]))) {
      v.precision += spec[at++];
    }
  }
  if (at < spec.size() && spec[at] == '[') {
    size_t close = spec.find(']', at);
    std::string digits = close == std::string::npos ? "" : spec.substr(at + 1, close - at - 1);
    if (!digits.empty() && digits.find_first_not_of("0123456789") == std::string::npos &&
        digits.size() < 6) {
      v.index = std::stoi(digits);
      at = close + 1;
    }
  }
  v.conversion = at < spec.size() ? spec[at++] : 0;
  return v;
}

// Widths and precisions up to a million, as Go's fmt allows (beyond, it prints %!(BADWIDTH)).
Result<void> check_bounds(const Verb& v) {
  constexpr size_t kMaxWidth = 1'000'000;
  auto too_large = [](const std::string& digits) {
    return digits.size() > 7 || (!digits.empty() && std::stoul(digits) > kMaxWidth);
  };
  if (too_large(v.width) || too_large(v.precision.empty() ? "" : v.precision.substr(1))) {
    return errors::validation("a width or precision above 1000000 in a format verb");
  }
  return {};
}

Result<std::string> format_one(const std::string& spec, const Args& args) {
  std::string out;
  size_t next_arg = 0;
  size_t used = 0;
  for (size_t at = 0; at < spec.size();) {
    if (spec[at] != '%') {
      out += spec[at++];
      continue;
    }
    if (at + 1 < spec.size() && spec[at + 1] == '%') {
      out += '%';
      at += 2;
      continue;
    }
    ++at;
    Verb v = read_verb(spec, at);
    FAULTBOX_TRY_VOID(check_bounds(v));
    if (v.index > 0) {
      next_arg = static_cast<size_t>(v.index - 1);
    }
    if (next_arg >= args.size()) {
      return errors::validation("not enough arguments for the verbs in \"" + spec + "\"");
    }
    const Value& arg = args[next_arg++];
    used = std::max(used, next_arg);
    bool as_json = v.conversion == 'v' && v.flags.find('#') != std::string::npos;
    if (arg.is_null() && !as_json) {
      return errors::validation("argument " + std::to_string(next_arg + 1) + " is null");
    }
    FAULTBOX_TRY(text, apply_verb(arg, v));
    FAULTBOX_TRY_VOID(check_string_size(out.size() + text.size(), "the formatted string"));
    out += text;
  }
  if (used < args.size()) {
    return errors::validation("too many arguments; the format uses " + std::to_string(used));
  }
  return out;
}

Result<Value> format(const Args& a, const CallContext&) {
  FAULTBOX_TRY(spec, fn::str(a, 0));
  FAULTBOX_TRY(text, format_one(spec, Args(a.begin() + 1, a.end())));
  return Value::string(text);
}

// List arguments are iterated together; others repeat on every row.
Result<Value> formatlist(const Args& a, const CallContext&) {
  FAULTBOX_TRY(spec, fn::str(a, 0));
  size_t rows = 1;
  bool any_list = false;
  for (size_t i = 1; i < a.size(); ++i) {
    if (a[i].is_sequence()) {
      if (any_list && a[i].elements().size() != rows) {
        return fn::bad_arg(i, "has a different length from the other lists");
      }
      rows = a[i].elements().size();
      any_list = true;
    }
  }
  Value::Elements out;
  for (size_t row = 0; row < rows; ++row) {
    Args args;
    for (size_t i = 1; i < a.size(); ++i) {
      args.push_back(a[i].is_sequence() ? a[i].elements()[row] : a[i]);
    }
    FAULTBOX_TRY(text, format_one(spec, args));
    out.push_back(Value::string(text));
  }
  return Value::list(std::move(out));
}

}  // namespace

void register_format_functions(FunctionRegistry& r) {
  r.add("format", {.min_args = 1, .allow_null = true, .eager = format});
  r.add("formatlist", {.min_args = 1, .eager = formatlist});
}

}  // namespace faultbox::expr
