// Glob matching as AWS uses it in IAM policies ('*' any run, '?' one character) and in EC2
// filters (the same, plus "\*", "\?" and "\\" for the literal characters).
#pragma once

#include <string_view>

namespace faultbox {

struct WildcardOptions {
  bool ignore_case = false;        // IAM action names compare case-insensitively
  bool backslash_escapes = false;  // EC2 filter values
};

bool wildcard_match(std::string_view pattern, std::string_view text, WildcardOptions options = {});

}  // namespace faultbox
