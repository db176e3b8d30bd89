#include "core/markup_escape.h"

namespace faultbox {

std::string escape_markup(std::string_view text, Markup markup) {
  const bool xml = markup == Markup::Xml;
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += xml ? "&apos;" : "&#39;";
        break;
      case '\r':
        out += xml ? "&#13;" : "\r";
        break;
      default:
        if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n') {
          out += c;
        }
    }
  }
  return out;
}

}  // namespace faultbox
