#include "core/wildcard.h"

#include <cctype>

namespace faultbox {

namespace {
bool same(char a, char b, bool ignore_case) {
  if (!ignore_case) {
    return a == b;
  }
  return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
}
}  // namespace

bool wildcard_match(std::string_view pattern, std::string_view text, WildcardOptions options) {
  // Iterative, backtracking to the last '*' seen.
  std::size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
  while (t < text.size()) {
    const bool escaped = options.backslash_escapes && p + 1 < pattern.size() && pattern[p] == '\\';
    if (escaped && same(pattern[p + 1], text[t], options.ignore_case)) {
      p += 2;
      ++t;
    } else if (!escaped && p < pattern.size() && pattern[p] == '?') {
      ++p;
      ++t;
    } else if (!escaped && p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (!escaped && p < pattern.size() && same(pattern[p], text[t], options.ignore_case)) {
      ++p;
      ++t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') {
    ++p;
  }
  return p == pattern.size();
}

}  // namespace faultbox
