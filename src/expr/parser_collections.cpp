// Constructors, `for` expressions and function calls.
#include "expr/parser.h"

namespace faultbox::expr {

Result<NodePtr> Parser::tuple(const SourcePos& pos) {
  FAULTBOX_TRY(is_for, at_keyword("for"));
  if (is_for) {
    FAULTBOX_TRY(var, peek(1));
    if (var->kind == TokenKind::Identifier) {
      return for_expr(pos, false);
    }
  }
  TupleNode node;
  while (true) {
    FAULTBOX_TRY(close, at(TokenKind::RBracket));
    if (close) {
      break;
    }
    FAULTBOX_TRY(item, expression());
    node.items.push_back(item);
    FAULTBOX_TRY(comma, at(TokenKind::Comma));
    if (!comma) {
      break;
    }
    FAULTBOX_TRY_VOID(take());
  }
  FAULTBOX_TRY_VOID(expect(TokenKind::RBracket, "',' or ']' in a tuple"));
  return make_node(pos, std::move(node));
}

// Items are separated by commas or newlines; newlines are not tokens here, so commas are optional.
Result<NodePtr> Parser::object(const SourcePos& pos) {
  FAULTBOX_TRY(is_for, at_keyword("for"));
  if (is_for) {
    FAULTBOX_TRY(var, peek(1));
    if (var->kind == TokenKind::Identifier) {
      return for_expr(pos, true);
    }
  }
  ObjectNode node;
  while (true) {
    FAULTBOX_TRY(close, at(TokenKind::RBrace));
    if (close) {
      break;
    }
    FAULTBOX_TRY(key, object_key());
    FAULTBOX_TRY(sep, take());
    if (sep.kind != TokenKind::Assign && sep.kind != TokenKind::Colon) {
      return error_at(sep.pos,
                      "expected '=' or ':' after an object key, found " + describe_token(sep));
    }
    FAULTBOX_TRY(value, expression());
    node.items.emplace_back(key, value);
    FAULTBOX_TRY(comma, at(TokenKind::Comma));
    if (comma) {
      FAULTBOX_TRY_VOID(take());
    }
  }
  FAULTBOX_TRY_VOID(expect(TokenKind::RBrace, "'}' to close the object"));
  return make_node(pos, std::move(node));
}

// A bare name is a literal key (`{a = 1}`); `(a)` evaluates the variable.
Result<NodePtr> Parser::object_key() {
  FAULTBOX_TRY(first, peek());
  bool parenthesized = first->kind == TokenKind::LParen;
  FAULTBOX_TRY(key, expression());
  if (!parenthesized) {
    if (const auto* var = std::get_if<VariableNode>(&key->data)) {
      return make_node(key->pos, LiteralNode{Value::string(var->name)});
    }
  }
  return key;
}

Result<NodePtr> Parser::for_expr(const SourcePos& pos, bool object_form) {
  FAULTBOX_TRY_VOID(take());  // `for`
  ForNode node;
  FAULTBOX_TRY_VOID(for_header(node, "a for expression"));
  FAULTBOX_TRY_VOID(expect(TokenKind::Colon, "':' after the for expression's collection"));
  FAULTBOX_TRY(value, expression());
  node.value_expr = value;
  if (object_form) {
    FAULTBOX_TRY_VOID(expect(TokenKind::FatArrow, "'=>' in an object for expression"));
    node.key_expr = node.value_expr;
    FAULTBOX_TRY(object_value, expression());
    node.value_expr = object_value;
    FAULTBOX_TRY(group, at(TokenKind::Ellipsis));
    if (group) {
      FAULTBOX_TRY_VOID(take());
      node.grouping = true;
    }
  }
  FAULTBOX_TRY(has_if, at_keyword("if"));
  if (has_if) {
    FAULTBOX_TRY_VOID(take());
    FAULTBOX_TRY(condition, expression());
    node.condition = condition;
  }
  if (object_form) {
    FAULTBOX_TRY_VOID(expect(TokenKind::RBrace, "'}' to close the for expression"));
  } else {
    FAULTBOX_TRY_VOID(expect(TokenKind::RBracket, "']' to close the for expression"));
  }
  return make_node(pos, std::move(node));
}

Result<NodePtr> Parser::call(const Token& name) {
  FAULTBOX_TRY_VOID(take());  // '('
  CallNode node;
  node.name = name.text;
  while (true) {
    FAULTBOX_TRY(close, at(TokenKind::RParen));
    if (close) {
      break;
    }
    FAULTBOX_TRY(arg, expression());
    node.args.push_back(arg);
    FAULTBOX_TRY(ellipsis, at(TokenKind::Ellipsis));
    if (ellipsis) {
      FAULTBOX_TRY_VOID(take());
      node.expand_last = true;
      break;
    }
    FAULTBOX_TRY(comma, at(TokenKind::Comma));
    if (!comma) {
      break;
    }
    FAULTBOX_TRY_VOID(take());
  }
  FAULTBOX_TRY_VOID(expect(TokenKind::RParen, "',' or ')' in the call to " + name.text));
  return make_node(name.pos, std::move(node));
}

template <class ForLike>
Result<void> Parser::for_header(ForLike& node, std::string_view construct) {
  FAULTBOX_TRY(first, expect(TokenKind::Identifier, "a variable name after 'for'"));
  node.value_var = first.text;
  FAULTBOX_TRY(two, at(TokenKind::Comma));
  if (two) {
    FAULTBOX_TRY_VOID(take());
    FAULTBOX_TRY(second, expect(TokenKind::Identifier, "a second variable name"));
    node.key_var = first.text;
    node.value_var = second.text;
  }
  FAULTBOX_TRY(in, take());
  if (in.kind != TokenKind::Identifier || in.text != "in") {
    return error_at(in.pos,
                    "expected 'in' in " + std::string(construct) + ", found " + describe_token(in));
  }
  FAULTBOX_TRY(collection, expression());
  node.collection = collection;
  return {};
}

template Result<void> Parser::for_header(ForNode&, std::string_view);
template Result<void> Parser::for_header(TemplateForNode&, std::string_view);

}  // namespace faultbox::expr
