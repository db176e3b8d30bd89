// Lexer parts that read text rather than tokens: heredoc bodies, escapes, template runs.
#include <algorithm>
#include <cctype>
#include <vector>

#include "expr/lexer.h"

namespace faultbox::expr {
namespace {

void append_utf8(std::string& out, unsigned long cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// `<<-` heredocs drop the indentation common to all non-blank lines.
std::string dedent(const std::string& body) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < body.size()) {
    size_t nl = body.find('\n', start);
    size_t end = nl == std::string::npos ? body.size() : nl + 1;
    lines.push_back(body.substr(start, end - start));
    start = end;
  }
  size_t indent = std::string::npos;
  for (const auto& line : lines) {
    size_t first = line.find_first_not_of(" \t");
    if (first != std::string::npos && line[first] != '\n') {
      indent = std::min(indent, first);
    }
  }
  std::string out;
  for (const auto& line : lines) {
    size_t first = line.find_first_not_of(" \t");
    size_t cut = std::min({indent, first == std::string::npos ? line.size() : first});
    out += line.substr(cut == std::string::npos ? 0 : cut);
  }
  return out;
}

}  // namespace

Result<Token> Lexer::heredoc(Token token) {
  advance(2);
  token.kind = TokenKind::Heredoc;
  if (peek() == '-') {
    token.flush = true;
    advance();
  }
  std::string marker;
  while (ident_char(peek())) {
    marker += peek();
    advance();
  }
  if (peek() == '\r') {
    advance();
  }
  if (peek() != '\n') {
    return error(pos_, "a heredoc marker must be followed by a newline");
  }
  advance();
  token.body_pos = pos_;
  while (offset_ < src_.size()) {
    size_t eol = src_.find('\n', offset_);
    size_t end = eol == std::string_view::npos ? src_.size() : eol + 1;
    std::string_view line = src_.substr(offset_, end - offset_);
    size_t first = line.find_first_not_of(" \t");
    std::string_view rest = first == std::string_view::npos ? "" : line.substr(first);
    while (!rest.empty() && (rest.back() == '\n' || rest.back() == '\r')) {
      rest.remove_suffix(1);
    }
    if (rest == marker) {
      advance(first + marker.size());
      token.text = token.flush ? dedent(token.text) : token.text;
      return token;
    }
    token.text += line;
    advance(line.size());
  }
  return error(token.pos, "heredoc is not closed; expected a line with \"" + marker + "\"");
}

Result<bool> Lexer::escape(std::string& out) {
  SourcePos at = pos_;
  advance();
  char c = peek();
  advance();
  switch (c) {
    case 'n':
      out += '\n';
      return true;
    case 'r':
      out += '\r';
      return true;
    case 't':
      out += '\t';
      return true;
    case '"':
      out += '"';
      return true;
    case '\\':
      out += '\\';
      return true;
    case 'u':
    case 'U': {
      size_t len = c == 'u' ? 4 : 8;
      std::string hex(src_.substr(offset_, len));
      if (hex.size() != len || !std::all_of(hex.begin(), hex.end(), ::isxdigit)) {
        return error(at, "invalid unicode escape");
      }
      advance(len);
      append_utf8(out, std::stoul(hex, nullptr, 16));
      return true;
    }
    default:
      return error(at, std::string("invalid escape sequence \"\\") + c + "\"");
  }
}

Result<TemplateText> Lexer::scan_template(TemplateMode mode) {
  TemplateText out;
  bool quoted = mode == TemplateMode::Quoted;
  while (true) {
    out.stop_pos = pos_;
    if (offset_ >= src_.size()) {
      if (quoted) {
        return error(pos_, "unterminated string; expected a closing quote");
      }
      return out;
    }
    char c = peek();
    if (quoted && c == '"') {
      advance();
      return out;
    }
    if (quoted && c == '\n') {
      return error(pos_, "a quoted string must be closed before the end of the line");
    }
    if ((c == '$' || c == '%') && peek(1) == c && peek(2) == '{') {
      out.text += c;
      out.text += '{';
      advance(3);
    } else if ((c == '$' || c == '%') && peek(1) == '{') {
      advance(2);
      out.stop = c == '$' ? TemplateStop::Interpolation : TemplateStop::Directive;
      if (peek() == '~') {
        out.strip_before = true;
        advance();
      }
      return out;
    } else if (quoted && c == '\\') {
      FAULTBOX_TRY_VOID(escape(out.text));
    } else {
      out.text += c;
      advance();
    }
  }
}

}  // namespace faultbox::expr
