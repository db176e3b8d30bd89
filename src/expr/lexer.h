// Scanner for HCL native syntax: expression tokens, plus template text scanned on the parser's
// request (templates nest expressions, so the parser drives the switch between the two modes).
#pragma once

#include <cctype>
#include <string>
#include <string_view>

#include "core/result.h"
#include "expr/source_pos.h"

namespace faultbox::expr {

enum class TokenKind {
  End,
  Identifier,
  Number,
  OQuote,
  Heredoc,
  LParen,
  RParen,
  LBracket,
  RBracket,
  LBrace,
  RBrace,
  StripRBrace,
  Comma,
  Dot,
  Ellipsis,
  Colon,
  Question,
  FatArrow,
  Assign,
  Plus,
  Minus,
  Star,
  Slash,
  Percent,
  Bang,
  Eq,
  Ne,
  Lt,
  Le,
  Gt,
  Ge,
  And,
  Or,
};

struct Token {
  TokenKind kind = TokenKind::End;
  std::string text;  // identifier name, number text, or the heredoc's body
  SourcePos pos;
  SourcePos body_pos;  // heredocs: where the body starts
  bool flush = false;  // heredocs: `<<-` strips the common indentation
};

// How a template ends and which escapes it honours.
enum class TemplateMode {
  Quoted,  // inside "...": backslash escapes, ends at the closing quote, no raw newline
  Bare,    // a whole JSON string or a heredoc body: no backslash escapes, ends at the input end
};

// What stopped a run of template text.
enum class TemplateStop { End, Interpolation, Directive };

struct TemplateText {
  std::string text;
  TemplateStop stop = TemplateStop::End;
  bool strip_before = false;  // `${~` or `%{~`: trim trailing whitespace of this text
  SourcePos stop_pos;
};

class Lexer {
 public:
  Lexer(std::string_view src, const SourcePos& origin);

  // The next expression token; whitespace, newlines and comments are skipped.
  Result<Token> next();
  // Literal template text from the current position, with `$${` and `%%{` unescaped.
  Result<TemplateText> scan_template(TemplateMode mode);
  SourcePos pos() const { return pos_; }

 private:
  char peek(size_t ahead = 0) const;
  void advance(size_t n = 1);
  void skip_blank();
  Result<Token> number(Token token);
  Result<Token> heredoc(Token token);
  Result<Token> symbol(Token token);
  Result<bool> escape(std::string& out);
  Error error(const SourcePos& at, const std::string& message) const;

  std::string_view src_;
  size_t offset_ = 0;
  SourcePos pos_;
};

// "file:line:col: message" as a validation error.
Error error_at(const SourcePos& pos, const std::string& message);

// A character an HCL identifier may continue with (letters, digits, '_' and '-').
inline bool ident_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
}

}  // namespace faultbox::expr
