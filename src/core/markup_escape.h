// Escaping text for XML and HTML, in one place: AWS's XML answers, the report's HTML and SVG, and
// the built-in instance image's page. & < > " ' are escaped, so the result is safe as element
// text and inside a quoted attribute; C0 control characters that the markup cannot carry are
// dropped (tab and newline always stay).
#pragma once

#include <string>
#include <string_view>

namespace faultbox {

enum class Markup {
  Xml,   // ' as &apos;, a carriage return as &#13; (a raw one would be normalised away)
  Html,  // ' as &#39;, a carriage return kept
};

std::string escape_markup(std::string_view text, Markup markup);

}  // namespace faultbox
