// regex(), regexall() and replace(). Patterns are RE2's, as Terraform's (Go's regexp is RE2), run
// by Google's RE2 library: linear in the input, so no pattern can backtrack for ever nor recurse
// over a long input. Matches are walked as Go walks them (empty matches, replacements).
#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <optional>

#include "expr/evaluation_budget.h"
#include "expr/function_args.h"
#include "expr/functions.h"

namespace faultbox::expr {
namespace {

// Memory RE2 may use per pattern (its default is 8 MiB; the same, said here on purpose).
constexpr int64_t kPatternMemory = 8 << 20;

struct Pattern {
  std::unique_ptr<RE2> re;
  std::vector<std::string> group_names;  // one per capture group; empty when unnamed
};

// Go accepts `(?<name>...)` as well as `(?P<name>...)`; this RE2 knows only the latter.
std::string with_go_group_names(const std::string& src) {
  std::string out;
  bool in_class = false;
  for (size_t i = 0; i < src.size(); ++i) {
    char c = src[i];
    if (c == '\\' && i + 1 < src.size()) {
      out += src.substr(i++, 2);
      continue;
    }
    in_class = c == '[' ? true : c == ']' ? false : in_class;
    bool named = !in_class && src.compare(i, 3, "(?<") == 0 && i + 3 < src.size() &&
                 src[i + 3] != '=' && src[i + 3] != '!';
    out += named ? "(?P" : std::string(1, c);
    if (named) {
      i += 1;  // the '?' is written; '<' comes next
    }
  }
  return out;
}

Result<Pattern> compile(const std::string& src) {
  RE2::Options options;
  options.set_log_errors(false);
  options.set_max_mem(kPatternMemory);
  Pattern p;
  p.re = std::make_unique<RE2>(with_go_group_names(src), options);
  if (!p.re->ok()) {
    return errors::validation("invalid regular expression \"" + src + "\": " + p.re->error());
  }
  p.group_names.resize(static_cast<size_t>(p.re->NumberOfCapturingGroups()));
  for (const auto& [index, name] : p.re->CapturingGroupNames()) {
    p.group_names[static_cast<size_t>(index - 1)] = name;
  }
  return p;
}

// One match: the whole match first, then every group (empty data() when a group took no part).
using Groups = std::vector<re2::StringPiece>;

bool match_at(const Pattern& p, const std::string& s, size_t from, Groups& groups) {
  groups.assign(p.group_names.size() + 1, re2::StringPiece());
  return p.re->Match(s, from, s.size(), RE2::UNANCHORED, groups.data(),
                     static_cast<int>(groups.size()));
}

size_t offset_of(const std::string& s, const re2::StringPiece& piece) {
  return static_cast<size_t>(piece.data() - s.data());
}

// The width of the character at `at` (UTF-8), at least 1: how far an empty match moves on.
size_t char_width(const std::string& s, size_t at) {
  size_t width = 1;
  while (at + width < s.size() && (static_cast<unsigned char>(s[at + width]) & 0xC0) == 0x80) {
    ++width;
  }
  return width;
}

// Every match as Go's FindAll does it: an empty match right after the previous match is skipped.
template <class OnMatch>
void each_match(const Pattern& p, const std::string& s, OnMatch on_match) {
  Groups groups;
  size_t pos = 0;
  std::optional<size_t> previous_end;
  while (pos <= s.size() && match_at(p, s, pos, groups)) {
    size_t begin = offset_of(s, groups[0]);
    size_t end = begin + groups[0].size();
    bool accept = true;
    if (end == pos) {  // an empty match where the search started
      accept = !previous_end || begin != *previous_end;
      pos += pos < s.size() ? char_width(s, pos) : 1;
    } else {
      pos = end;
    }
    previous_end = end;
    if (accept) {
      on_match(groups);
    }
  }
}

Value capture(const Pattern& p, const Groups& m) {
  if (p.group_names.empty()) {
    return Value::string(std::string(m[0]));
  }
  bool named = !p.group_names.front().empty();
  Value::Elements list;
  Value::Attributes object;
  for (size_t g = 0; g < p.group_names.size(); ++g) {
    Value v = m[g + 1].data() ? Value::string(std::string(m[g + 1])) : Value::null();
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
  Groups m;
  if (!match_at(p, s, 0, m)) {
    return errors::validation("pattern \"" + src + "\" did not match any part of \"" + s + "\"");
  }
  return capture(p, m);
}

Result<Value> regexall(const Args& a, const CallContext&) {
  FAULTBOX_TRY(src, fn::str(a, 0));
  FAULTBOX_TRY(s, fn::str(a, 1));
  FAULTBOX_TRY(p, compile(src));
  Value::Elements out;
  each_match(p, s, [&](const Groups& m) { out.push_back(capture(p, m)); });
  return Value::list(std::move(out));
}

bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }

// Go's Regexp.Expand: `$1`, `${1}`, `$name`, `${name}` are groups (unknown ones expand to
// nothing), `$$` is a dollar sign.
std::string expand(const std::string& repl, const Pattern& p, const Groups& m) {
  auto group = [&](const std::string& ref) -> std::string {
    bool numeric = !ref.empty() && std::all_of(ref.begin(), ref.end(), [](char c) {
      return std::isdigit(static_cast<unsigned char>(c)) != 0;
    });
    if (numeric) {
      size_t index = ref.size() > 3 ? m.size() : std::stoul(ref);
      return index < m.size() && m[index].data() ? std::string(m[index]) : std::string();
    }
    auto named = std::find(p.group_names.begin(), p.group_names.end(), ref);
    size_t index = static_cast<size_t>(named - p.group_names.begin()) + 1;
    return named != p.group_names.end() && m[index].data() ? std::string(m[index]) : "";
  };
  std::string out;
  for (size_t i = 0; i < repl.size(); ++i) {
    if (repl[i] != '$' || i + 1 == repl.size()) {
      out += repl[i];
      continue;
    }
    if (repl[i + 1] == '$') {
      out += '$';
      ++i;
      continue;
    }
    size_t close = repl[i + 1] == '{' ? repl.find('}', i + 2) : std::string::npos;
    size_t from = repl[i + 1] == '{' ? i + 2 : i + 1;
    size_t to = close != std::string::npos ? close : from;
    if (repl[i + 1] != '{') {
      while (to < repl.size() && is_name_char(repl[to])) {
        ++to;
      }
    }
    if (to == from || (repl[i + 1] == '{' && close == std::string::npos)) {
      out += '$';  // not a reference: kept as written
      continue;
    }
    out += group(repl.substr(from, to - from));
    i = close != std::string::npos ? close : to - 1;
  }
  return out;
}

// Go's ReplaceAllString: an empty match right after a match is not replaced.
Result<std::string> replace_all(const Pattern& p, const std::string& s, const std::string& repl) {
  std::string out;
  Groups groups;
  size_t last_end = 0;
  size_t pos = 0;
  while (pos <= s.size() && match_at(p, s, pos, groups)) {
    size_t begin = offset_of(s, groups[0]);
    size_t end = begin + groups[0].size();
    out.append(s, last_end, begin - last_end);
    if (end > last_end || begin == 0) {
      out += expand(repl, p, groups);
    }
    FAULTBOX_TRY_VOID(check_string_size(out.size(), "the result"));
    last_end = end;
    size_t width = pos < s.size() ? char_width(s, pos) : 1;
    pos = pos + width > end ? pos + width : end;
  }
  out.append(s, std::min(last_end, s.size()), std::string::npos);
  return out;
}

Result<Value> replace(const Args& a, const CallContext&) {
  FAULTBOX_TRY(s, fn::str(a, 0));
  FAULTBOX_TRY(search, fn::str(a, 1));
  FAULTBOX_TRY(repl, fn::str(a, 2));
  if (search.size() >= 2 && search.front() == '/' && search.back() == '/') {
    FAULTBOX_TRY(p, compile(search.substr(1, search.size() - 2)));
    FAULTBOX_TRY(replaced, replace_all(p, s, repl));
    return Value::string(std::move(replaced));
  }
  if (search.empty()) {
    return Value::string(s);
  }
  std::string out;
  size_t start = 0;
  for (size_t at = s.find(search); at != std::string::npos; at = s.find(search, start)) {
    FAULTBOX_TRY_VOID(check_string_size(out.size() + (at - start) + repl.size(), "the result"));
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
