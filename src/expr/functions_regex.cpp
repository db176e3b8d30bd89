// regex(), regexall() and replace(). Patterns are RE2-style as in Terraform, run by std::regex
// (ECMAScript), after rewriting named groups `(?P<name>...)` and a leading `(?i)`.
#include <regex>

#include "expr/function_args.h"
#include "expr/functions.h"

namespace faultbox::expr {
namespace {

struct Pattern {
  std::regex re;
  std::vector<std::string> group_names;  // one per capture group; empty when unnamed
};

std::string rewrite_groups(const std::string& src, std::vector<std::string>& names) {
  std::string out;
  bool in_class = false;
  for (size_t i = 0; i < src.size(); ++i) {
    char c = src[i];
    if (c == '\\' && i + 1 < src.size()) {
      out += src.substr(i++, 2);
      continue;
    }
    in_class = c == '[' ? true : c == ']' ? false : in_class;
    if (c != '(' || in_class) {
      out += c;
      continue;
    }
    size_t name_at = src.compare(i, 4, "(?P<") == 0 ? i + 4
                     : src.compare(i, 3, "(?<") == 0 && i + 3 < src.size() && src[i + 3] != '=' &&
                             src[i + 3] != '!'
                         ? i + 3
                         : 0;
    if (name_at != 0) {
      size_t close = src.find('>', name_at);
      names.push_back(src.substr(name_at, close - name_at));
      out += '(';
      i = close;
    } else {
      if (i + 1 >= src.size() || src[i + 1] != '?') {
        names.emplace_back();
      }
      out += c;
    }
  }
  return out;
}

Result<Pattern> compile(std::string src) {
  auto flags = std::regex::ECMAScript;
  if (src.rfind("(?i)", 0) == 0) {
    flags |= std::regex::icase;
    src = src.substr(4);
  }
  Pattern p;
  std::string rewritten = rewrite_groups(src, p.group_names);
  try {
    p.re = std::regex(rewritten, flags);
  } catch (const std::regex_error& e) {
    return errors::validation("invalid regular expression \"" + src + "\": " + e.what());
  }
  return p;
}

Value capture(const Pattern& p, const std::smatch& m) {
  if (p.group_names.empty()) {
    return Value::string(m.str(0));
  }
  bool named = !p.group_names.front().empty();
  Value::Elements list;
  Value::Attributes object;
  for (size_t g = 0; g < p.group_names.size(); ++g) {
    Value v = m[g + 1].matched ? Value::string(m.str(g + 1)) : Value::null();
    if (named) {
      object.emplace(p.group_names[g], std::move(v));
    } else {
      list.push_back(std::move(v));
    }
  }
  return named ? Value::object(std::move(object)) : Value::list(std::move(list));
}

Result<Value> regex(const Args& a, const CallContext&) {
  FAULTBOX_TRY(src, fn::str(a, 0));
  FAULTBOX_TRY(s, fn::str(a, 1));
  FAULTBOX_TRY(p, compile(src));
  std::smatch m;
  if (!std::regex_search(s, m, p.re)) {
    return errors::validation("pattern \"" + src + "\" did not match any part of \"" + s + "\"");
  }
  return capture(p, m);
}

Result<Value> regexall(const Args& a, const CallContext&) {
  FAULTBOX_TRY(src, fn::str(a, 0));
  FAULTBOX_TRY(s, fn::str(a, 1));
  FAULTBOX_TRY(p, compile(src));
  Value::Elements out;
  for (auto it = std::sregex_iterator(s.begin(), s.end(), p.re); it != std::sregex_iterator();
       ++it) {
    out.push_back(capture(p, *it));
  }
  return Value::list(std::move(out));
}

// Go's `${1}` / `${name}` references become ECMAScript `$1`.
std::string rewrite_replacement(const std::string& repl, const Pattern& p) {
  std::string out;
  for (size_t i = 0; i < repl.size(); ++i) {
    if (repl.compare(i, 2, "${") == 0 && repl.find('}', i) != std::string::npos) {
      size_t close = repl.find('}', i);
      std::string ref = repl.substr(i + 2, close - i - 2);
      auto named = std::find(p.group_names.begin(), p.group_names.end(), ref);
      out += "$" + (named != p.group_names.end() ? std::to_string(named - p.group_names.begin() + 1)
                                                 : ref);
      i = close;
    } else {
      out += repl[i];
    }
  }
  return out;
}

Result<Value> replace(const Args& a, const CallContext&) {
  FAULTBOX_TRY(s, fn::str(a, 0));
  FAULTBOX_TRY(search, fn::str(a, 1));
  FAULTBOX_TRY(repl, fn::str(a, 2));
  if (search.size() >= 2 && search.front() == '/' && search.back() == '/') {
    FAULTBOX_TRY(p, compile(search.substr(1, search.size() - 2)));
    return Value::string(std::regex_replace(s, p.re, rewrite_replacement(repl, p)));
  }
  if (search.empty()) {
    return Value::string(s);
  }
  std::string out;
  size_t start = 0;
  for (size_t at = s.find(search); at != std::string::npos; at = s.find(search, start)) {
    out += s.substr(start, at - start) + repl;
    start = at + search.size();
  }
  return Value::string(out + s.substr(start));
}

}  // namespace

void register_regex_functions(FunctionRegistry& r) {
  r.add("regex", {.min_args = 2, .max_args = 2, .eager = regex});
  r.add("regexall", {.min_args = 2, .max_args = 2, .eager = regexall});
  r.add("replace", {.min_args = 3, .max_args = 3, .eager = replace});
}

}  // namespace faultbox::expr
