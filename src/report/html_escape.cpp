// Escaping of text for the report's HTML and inline SVG.
#include "report/html_escape.h"

#include "core/markup_escape.h"

namespace faultbox::report {

std::string escape_html(std::string_view text) { return escape_markup(text, Markup::Html); }

}  // namespace faultbox::report
