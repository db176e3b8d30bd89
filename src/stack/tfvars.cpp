// Splits a .tfvars file into attributes and hands each value to the expression parser.
#include "stack/tfvars.h"

#include <cctype>

#include "stack/stack_files.h"

namespace faultbox::stack {
namespace {

// Walks the text keeping line/column, so errors and expression origins point at the source.
class Cursor {
 public:
  Cursor(std::string_view text, std::string file) : text_(text), file_(std::move(file)) {}

  bool done() const { return offset_ >= text_.size(); }
  char peek(size_t ahead = 0) const {
    return offset_ + ahead < text_.size() ? text_[offset_ + ahead] : '\0';
  }
  bool starts_with(std::string_view s) const {
    return offset_ <= text_.size() && text_.substr(offset_, s.size()) == s;
  }
  void advance() {
    if (done()) return;  // a heredoc cut short walks to the end, never past it (fuzz_tfvars)
    if (peek() == '\n') {
      ++line_;
      column_ = 1;
    } else {
      ++column_;
    }
    ++offset_;
  }
  void skip_line() {
    while (!done() && peek() != '\n') {
      advance();
    }
  }
  size_t offset() const { return offset_; }
  expr::SourcePos pos() const { return {file_, line_, column_}; }
  std::string_view slice(size_t from) const { return text_.substr(from, offset_ - from); }
  Error error(const std::string& what) const {
    return errors::validation(pos().to_string() + ": " + what);
  }

 private:
  std::string_view text_;
  std::string file_;
  size_t offset_ = 0;
  int line_ = 1;
  int column_ = 1;
};

// Skips blanks, newlines and comments between attributes.
void skip_trivia(Cursor& c) {
  while (!c.done()) {
    if (std::isspace(static_cast<unsigned char>(c.peek()))) {
      c.advance();
    } else if (c.peek() == '#' || c.starts_with("//")) {
      c.skip_line();
    } else if (c.starts_with("/*")) {
      while (!c.done() && !c.starts_with("*/")) {
        c.advance();
      }
      c.advance();
      c.advance();
    } else {
      return;
    }
  }
}

bool is_ident_char(char ch) {
  return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == '-';
}

// Skips a heredoc starting at `<<`: its body runs to a line holding only the marker.
void skip_heredoc(Cursor& c) {
  c.advance();
  c.advance();
  if (c.peek() == '-') {
    c.advance();
  }
  size_t from = c.offset();
  while (is_ident_char(c.peek())) {
    c.advance();
  }
  std::string marker(c.slice(from));
  while (!c.done()) {
    c.skip_line();
    c.advance();
    while (c.peek() == ' ' || c.peek() == '\t') {
      c.advance();
    }
    if (c.starts_with(marker) && !is_ident_char(c.peek(marker.size()))) {
      for (size_t i = 0; i < marker.size(); ++i) {
        c.advance();
      }
      return;
    }
  }
}

// Moves past one value: stops at a newline outside brackets, strings and heredocs. `stack`
// holds open brackets; '$' marks an interpolation inside a string, '"' a string.
Result<void> skip_value(Cursor& c) {
  std::string stack;
  while (!c.done()) {
    char ch = c.peek();
    bool in_string = !stack.empty() && stack.back() == '"';
    if (in_string) {
      if (ch == '\\') {
        c.advance();
      } else if (ch == '"') {
        stack.pop_back();
      } else if ((ch == '$' || ch == '%') && c.peek(1) == '{') {
        c.advance();
        stack.push_back('$');
      } else if (ch == '\n') {
        return c.error("a quoted string must end on the line it starts");
      }
      c.advance();
      continue;
    }
    if (ch == '\n' && stack.empty()) {
      return {};
    }
    if (ch == '#' || (ch == '/' && c.peek(1) == '/')) {
      c.skip_line();
      continue;
    }
    if (ch == '<' && c.peek(1) == '<') {
      skip_heredoc(c);
      continue;
    }
    if (ch == '"' || ch == '(' || ch == '[' || ch == '{') {
      stack.push_back(ch);
    } else if (ch == ')' || ch == ']' || ch == '}') {
      if (stack.empty()) {
        return c.error(std::string("unexpected '") + ch + "'");
      }
      stack.pop_back();
    }
    c.advance();
  }
  if (!stack.empty()) {
    return c.error("unexpected end of file: an opened bracket or string is not closed");
  }
  return {};
}

Result<TfvarsEntry> parse_attribute(Cursor& c) {
  expr::SourcePos name_pos = c.pos();
  size_t from = c.offset();
  while (is_ident_char(c.peek())) {
    c.advance();
  }
  std::string name(c.slice(from));
  if (name.empty()) {
    return c.error("expected a variable name");
  }
  while (c.peek() == ' ' || c.peek() == '\t') {
    c.advance();
  }
  if (c.peek() != '=' || c.peek(1) == '=') {
    return c.error("expected '=' after variable name \"" + name + "\"");
  }
  c.advance();
  expr::SourcePos value_pos = c.pos();
  size_t value_from = c.offset();
  FAULTBOX_TRY_VOID(skip_value(c));
  FAULTBOX_TRY(value, expr::parse_expression(c.slice(value_from), value_pos));
  return TfvarsEntry{std::move(name), std::move(value), std::move(name_pos)};
}

}  // namespace

Result<std::vector<TfvarsEntry>> parse_tfvars(std::string_view text, const std::string& file) {
  Cursor c(text, file);
  std::vector<TfvarsEntry> out;
  for (skip_trivia(c); !c.done(); skip_trivia(c)) {
    FAULTBOX_TRY(entry, parse_attribute(c));
    out.push_back(std::move(entry));
  }
  return out;
}

Result<std::vector<TfvarsEntry>> parse_tfvars_json(const std::string& text,
                                                   const std::string& file) {
  FAULTBOX_TRY(doc, parse_json_text(file, text));
  if (!doc.is_object()) {
    return errors::validation(file + ": expected a JSON object of variable values");
  }
  std::vector<TfvarsEntry> out;
  for (const auto& [name, value] : doc.items()) {
    expr::SourcePos pos{file + ": " + name, 1, 1};
    out.push_back(
        {name, expr::Expression(expr::make_node(pos, expr::LiteralNode{expr::from_json(value)})),
         pos});
  }
  return out;
}

Result<std::vector<TfvarsEntry>> parse_var_file(const std::string& text, const std::string& file) {
  return file.ends_with(".json") ? parse_tfvars_json(text, file) : parse_tfvars(text, file);
}

}  // namespace faultbox::stack
