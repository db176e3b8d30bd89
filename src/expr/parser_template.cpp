// Templates: literal text, `${ }` interpolations, `%{ if/for }` directives and strip markers.
#include "expr/expression.h"
#include "expr/parser.h"

namespace faultbox::expr {
namespace {

constexpr const char* kSpace = " \t\r\n";

std::string keyword_text(const std::string& keyword) { return "%{ " + keyword + " }"; }

}  // namespace

NodePtr Parser::join_parts(const SourcePos& pos, std::vector<NodePtr> parts) {
  if (parts.empty()) {
    return make_node(pos, LiteralNode{Value::string("")});
  }
  if (parts.size() == 1) {
    // A lone literal takes the template's position (its opening quote), not its text's.
    if (const auto* literal = std::get_if<LiteralNode>(&parts.front()->data)) {
      return make_node(pos, *literal);
    }
    return parts.front();
  }
  return make_node(pos, TemplateNode{std::move(parts)});
}

Result<NodePtr> Parser::whole_template() {
  SourcePos pos = lexer_.pos();
  FAULTBOX_TRY(parts, template_parts(TemplateMode::Bare));
  if (!parts.end_keyword.empty()) {
    return error_at(parts.end_pos,
                    "unexpected " + keyword_text(parts.end_keyword) + " with no opening directive");
  }
  return join_parts(pos, std::move(parts.parts));
}

Result<NodePtr> Parser::quoted_template(const SourcePos& pos) {
  FAULTBOX_TRY(parts, template_parts(TemplateMode::Quoted));
  if (!parts.end_keyword.empty()) {
    return error_at(parts.end_pos,
                    "unexpected " + keyword_text(parts.end_keyword) + " with no opening directive");
  }
  return join_parts(pos, std::move(parts.parts));
}

Result<NodePtr> Parser::heredoc_template(const Token& token) {
  Parser body(token.text, token.body_pos);
  return body.whole_template();
}

Result<Parser::Parts> Parser::template_parts(TemplateMode mode) {
  Nesting level(depth_);
  FAULTBOX_TRY_VOID(enter());
  Parts out;
  while (true) {
    FAULTBOX_TRY(more, template_text(mode, out));
    if (!more) {
      return out;
    }
  }
}

// One run of text and the interpolation or directive after it; false once a block has ended.
Result<bool> Parser::template_text(TemplateMode mode, Parts& out) {
  SourcePos start = lexer_.pos();
  FAULTBOX_TRY(text, lexer_.scan_template(mode));
  std::string literal = std::move(text.text);
  if (strip_next_) {
    literal.erase(0, std::min(literal.size(), literal.find_first_not_of(kSpace)));
    strip_next_ = false;
  }
  if (text.strip_before) {
    size_t last = literal.find_last_not_of(kSpace);
    literal.erase(last == std::string::npos ? 0 : last + 1);
  }
  if (!literal.empty()) {
    out.parts.push_back(make_node(start, LiteralNode{Value::string(std::move(literal))}));
  }
  switch (text.stop) {
    case TemplateStop::End:
      return false;
    case TemplateStop::Interpolation: {
      FAULTBOX_TRY(node, interpolation(text.stop_pos));
      out.parts.push_back(node);
      return true;
    }
    case TemplateStop::Directive:
      return directive(mode, text.stop_pos, out);
  }
  return false;
}

Result<NodePtr> Parser::interpolation(const SourcePos& pos) {
  FAULTBOX_TRY(node, expression());
  auto closed = directive_close();
  if (!closed) {
    return error_at(pos, "interpolation is not closed: " + closed.error().message);
  }
  return node;
}

Result<bool> Parser::directive_close() {
  FAULTBOX_TRY(token, take());
  if (token.kind != TokenKind::RBrace && token.kind != TokenKind::StripRBrace) {
    return error_at(token.pos, "expected '}', found " + describe_token(token));
  }
  strip_next_ = token.kind == TokenKind::StripRBrace;
  return true;
}

Result<bool> Parser::directive(TemplateMode mode, const SourcePos& pos, Parts& out) {
  FAULTBOX_TRY(keyword, expect(TokenKind::Identifier, "if, for, else, endif or endfor after '%{'"));
  if (keyword.text == "if" || keyword.text == "for") {
    auto node = keyword.text == "if" ? template_if(mode, pos) : template_for(mode, pos);
    if (!node) {
      return node.error();
    }
    out.parts.push_back(*node);
    return true;
  }
  if (keyword.text == "else" || keyword.text == "endif" || keyword.text == "endfor") {
    FAULTBOX_TRY_VOID(directive_close());
    out.end_keyword = keyword.text;
    out.end_pos = pos;
    return false;
  }
  return error_at(keyword.pos, "unknown template directive \"" + keyword.text + "\"");
}

Result<NodePtr> Parser::template_if(TemplateMode mode, const SourcePos& pos) {
  FAULTBOX_TRY(condition, expression());
  FAULTBOX_TRY_VOID(directive_close());
  FAULTBOX_TRY(then_parts, template_parts(mode));
  Parts else_parts;
  if (then_parts.end_keyword == "else") {
    FAULTBOX_TRY(parsed_else, template_parts(mode));
    else_parts = std::move(parsed_else);
  } else {
    else_parts.end_keyword = then_parts.end_keyword;
    else_parts.end_pos = then_parts.end_pos;
  }
  if (else_parts.end_keyword != "endif") {
    return error_at(pos, "this %{ if } has no matching %{ endif }");
  }
  return make_node(pos, TemplateIfNode{condition, join_parts(pos, std::move(then_parts.parts)),
                                       join_parts(pos, std::move(else_parts.parts))});
}

Result<NodePtr> Parser::template_for(TemplateMode mode, const SourcePos& pos) {
  TemplateForNode node;
  FAULTBOX_TRY_VOID(for_header(node, "a for directive"));
  FAULTBOX_TRY_VOID(directive_close());
  FAULTBOX_TRY(body, template_parts(mode));
  if (body.end_keyword != "endfor") {
    return error_at(pos, "this %{ for } has no matching %{ endfor }");
  }
  node.body = join_parts(pos, std::move(body.parts));
  return make_node(pos, std::move(node));
}

Result<Expression> parse_expression(std::string_view src, const SourcePos& origin) {
  Parser parser(src, origin);
  FAULTBOX_TRY(root, parser.whole_expression());
  return Expression(root);
}

Result<Expression> parse_template(std::string_view src, const SourcePos& origin) {
  Parser parser(src, origin);
  FAULTBOX_TRY(root, parser.whole_template());
  return Expression(root);
}

}  // namespace faultbox::expr
