// HTML/SVG text escaping: every piece of input text goes through here before it reaches the page.
#pragma once

#include <string>
#include <string_view>

namespace faultbox::report {

// Escapes & < > " ' so the result is safe both as element text and inside a quoted attribute.
// NUL and other C0 control characters except tab, newline and carriage return are dropped.
std::string escape_html(std::string_view text);

}  // namespace faultbox::report
