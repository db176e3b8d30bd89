// Scanner for HCL native syntax and its template text.
#include "expr/lexer.h"

#include <cctype>

namespace faultbox::expr {
namespace {

bool ident_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

}  // namespace

Error error_at(const SourcePos& pos, const std::string& message) {
  return errors::validation(pos.to_string() + ": " + message);
}

Lexer::Lexer(std::string_view src, const SourcePos& origin) : src_(src), pos_(origin) {}

char Lexer::peek(size_t ahead) const {
  return offset_ + ahead < src_.size() ? src_[offset_ + ahead] : '\0';
}

void Lexer::advance(size_t n) {
  for (size_t i = 0; i < n && offset_ < src_.size(); ++i) {
    if (src_[offset_++] == '\n') {
      ++pos_.line;
      pos_.column = 1;
    } else {
      ++pos_.column;
    }
  }
}

Error Lexer::error(const SourcePos& at, const std::string& message) const {
  return error_at(at, message);
}

void Lexer::skip_blank() {
  while (offset_ < src_.size()) {
    char c = peek();
    if (std::isspace(static_cast<unsigned char>(c))) {
      advance();
    } else if (c == '#' || (c == '/' && peek(1) == '/')) {
      while (offset_ < src_.size() && peek() != '\n') {
        advance();
      }
    } else if (c == '/' && peek(1) == '*') {
      advance(2);
      while (offset_ < src_.size() && !(peek() == '*' && peek(1) == '/')) {
        advance();
      }
      advance(2);
    } else {
      return;
    }
  }
}

Result<Token> Lexer::next() {
  skip_blank();
  Token token;
  token.pos = pos_;
  if (offset_ >= src_.size()) {
    return token;
  }
  char c = peek();
  if (ident_start(c)) {
    token.kind = TokenKind::Identifier;
    while (ident_char(peek())) {
      token.text += peek();
      advance();
    }
    return token;
  }
  if (digit(c)) {
    return number(std::move(token));
  }
  if (c == '"') {
    advance();
    token.kind = TokenKind::OQuote;
    return token;
  }
  if (c == '<' && peek(1) == '<' && (peek(2) == '-' || ident_start(peek(2)))) {
    return heredoc(std::move(token));
  }
  return symbol(std::move(token));
}

Result<Token> Lexer::number(Token token) {
  token.kind = TokenKind::Number;
  auto take_digits = [&] {
    while (digit(peek())) {
      token.text += peek();
      advance();
    }
  };
  take_digits();
  if (peek() == '.' && digit(peek(1))) {
    token.text += '.';
    advance();
    take_digits();
  }
  if ((peek() == 'e' || peek() == 'E') &&
      (digit(peek(1)) || ((peek(1) == '+' || peek(1) == '-') && digit(peek(2))))) {
    token.text += peek();
    advance();
    if (!digit(peek())) {
      token.text += peek();
      advance();
    }
    take_digits();
  }
  return token;
}

Result<Token> Lexer::symbol(Token token) {
  struct Symbol {
    std::string_view text;
    TokenKind kind;
  };
  static constexpr Symbol kSymbols[] = {
      {"...", TokenKind::Ellipsis}, {"=>", TokenKind::FatArrow}, {"==", TokenKind::Eq},
      {"!=", TokenKind::Ne},        {"<=", TokenKind::Le},       {">=", TokenKind::Ge},
      {"&&", TokenKind::And},       {"||", TokenKind::Or},       {"~}", TokenKind::StripRBrace},
      {"(", TokenKind::LParen},     {")", TokenKind::RParen},    {"[", TokenKind::LBracket},
      {"]", TokenKind::RBracket},   {"{", TokenKind::LBrace},    {"}", TokenKind::RBrace},
      {",", TokenKind::Comma},      {".", TokenKind::Dot},       {":", TokenKind::Colon},
      {"?", TokenKind::Question},   {"=", TokenKind::Assign},    {"+", TokenKind::Plus},
      {"-", TokenKind::Minus},      {"*", TokenKind::Star},      {"/", TokenKind::Slash},
      {"%", TokenKind::Percent},    {"!", TokenKind::Bang},      {"<", TokenKind::Lt},
      {">", TokenKind::Gt},
  };
  for (const auto& s : kSymbols) {
    if (src_.substr(offset_, s.text.size()) == s.text) {
      advance(s.text.size());
      token.kind = s.kind;
      token.text = std::string(s.text);
      return token;
    }
  }
  return error(token.pos, std::string("unexpected character '") + peek() + "'");
}

}  // namespace faultbox::expr
