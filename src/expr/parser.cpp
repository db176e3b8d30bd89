// Expression grammar: operators by HCL precedence, primaries and traversal postfixes.
#include "expr/parser.h"

#include <cstdlib>

namespace faultbox::expr {
namespace {

struct OpInfo {
  TokenKind token;
  BinaryOp op;
  int level;  // 0 binds loosest
};

constexpr OpInfo kBinaryOps[] = {
    {TokenKind::Or, BinaryOp::Or, 0},       {TokenKind::And, BinaryOp::And, 1},
    {TokenKind::Eq, BinaryOp::Eq, 2},       {TokenKind::Ne, BinaryOp::Ne, 2},
    {TokenKind::Lt, BinaryOp::Lt, 3},       {TokenKind::Le, BinaryOp::Le, 3},
    {TokenKind::Gt, BinaryOp::Gt, 3},       {TokenKind::Ge, BinaryOp::Ge, 3},
    {TokenKind::Plus, BinaryOp::Add, 4},    {TokenKind::Minus, BinaryOp::Sub, 4},
    {TokenKind::Star, BinaryOp::Mul, 5},    {TokenKind::Slash, BinaryOp::Div, 5},
    {TokenKind::Percent, BinaryOp::Mod, 5},
};
constexpr int kUnaryLevel = 6;

const OpInfo* binary_op(TokenKind kind, int level) {
  for (const auto& info : kBinaryOps) {
    if (info.token == kind && info.level == level) {
      return &info;
    }
  }
  return nullptr;
}

}  // namespace

std::string describe_token(const Token& token) {
  switch (token.kind) {
    case TokenKind::End:
      return "end of input";
    case TokenKind::Identifier:
      return "identifier \"" + token.text + "\"";
    case TokenKind::Number:
      return "number " + token.text;
    case TokenKind::OQuote:
      return "a string";
    case TokenKind::Heredoc:
      return "a heredoc";
    default:
      return "'" + token.text + "'";
  }
}

Result<const Token*> Parser::peek(size_t ahead) {
  while (lookahead_.size() <= ahead) {
    FAULTBOX_TRY(token, lexer_.next());
    lookahead_.push_back(std::move(token));
  }
  return &lookahead_[ahead];
}

Result<Token> Parser::take() {
  FAULTBOX_TRY(token, peek());
  Token taken = *token;
  lookahead_.pop_front();
  return taken;
}

Result<Token> Parser::expect(TokenKind kind, const std::string& what) {
  FAULTBOX_TRY(token, peek());
  if (token->kind != kind) {
    return error_at(token->pos, "expected " + what + ", found " + describe_token(*token));
  }
  return take();
}

Result<bool> Parser::at(TokenKind kind) {
  FAULTBOX_TRY(token, peek());
  return token->kind == kind;
}

Result<bool> Parser::at_keyword(std::string_view word, size_t ahead) {
  FAULTBOX_TRY(token, peek(ahead));
  return token->kind == TokenKind::Identifier && token->text == word;
}

Result<void> Parser::enter() {
  ++depth_;
  return check_chain(0);
}

Result<void> Parser::check_chain(int links) {
  if (depth_ + links <= kMaxNesting) {
    return {};
  }
  // Where the lexer is: peeking here could lex template text as an expression token.
  auto pos = lookahead_.empty() ? lexer_.pos() : lookahead_.front().pos;
  return error_at(pos,
                  "the expression nests more than " + std::to_string(kMaxNesting) + " levels deep");
}

Result<NodePtr> Parser::whole_expression() {
  FAULTBOX_TRY(node, expression());
  FAULTBOX_TRY(end, peek());
  if (end->kind != TokenKind::End) {
    return error_at(end->pos, "unexpected " + describe_token(*end) + " after the expression");
  }
  return node;
}

Result<NodePtr> Parser::expression() {
  Nesting level(depth_);
  FAULTBOX_TRY_VOID(enter());
  FAULTBOX_TRY(condition, binary(0));
  FAULTBOX_TRY(question, at(TokenKind::Question));
  if (!question) {
    return condition;
  }
  FAULTBOX_TRY(q, take());
  FAULTBOX_TRY(then_expr, expression());
  FAULTBOX_TRY_VOID(expect(TokenKind::Colon, "':' in a conditional expression"));
  FAULTBOX_TRY(else_expr, expression());
  return make_node(q.pos, ConditionalNode{condition, then_expr, else_expr});
}

Result<NodePtr> Parser::binary(int level) {
  if (level == kUnaryLevel) {
    return unary();
  }
  FAULTBOX_TRY(lhs, binary(level + 1));
  for (int links = 1;; ++links) {
    FAULTBOX_TRY(token, peek());
    const OpInfo* info = binary_op(token->kind, level);
    if (info == nullptr) {
      return lhs;
    }
    FAULTBOX_TRY_VOID(check_chain(links));
    FAULTBOX_TRY(op, take());
    FAULTBOX_TRY(rhs, binary(level + 1));
    lhs = make_node(op.pos, BinaryNode{info->op, lhs, rhs});
  }
}

Result<NodePtr> Parser::unary() {
  FAULTBOX_TRY(token, peek());
  if (token->kind == TokenKind::Minus || token->kind == TokenKind::Bang) {
    Nesting level(depth_);
    FAULTBOX_TRY_VOID(enter());
    FAULTBOX_TRY(op, take());
    FAULTBOX_TRY(operand, unary());
    UnaryOp kind = op.kind == TokenKind::Minus ? UnaryOp::Negate : UnaryOp::Not;
    return make_node(op.pos, UnaryNode{kind, operand});
  }
  FAULTBOX_TRY(node, primary());
  return postfix(node);
}

Result<NodePtr> Parser::primary() {
  FAULTBOX_TRY(token, take());
  switch (token.kind) {
    case TokenKind::Number:
      return make_node(token.pos,
                       LiteralNode{Value::number(std::strtod(token.text.c_str(), nullptr))});
    case TokenKind::Identifier: {
      if (token.text == "true" || token.text == "false") {
        return make_node(token.pos, LiteralNode{Value::boolean(token.text == "true")});
      }
      if (token.text == "null") {
        return make_node(token.pos, LiteralNode{});
      }
      FAULTBOX_TRY(is_call, at(TokenKind::LParen));
      if (is_call) {
        return call(token);
      }
      return make_node(token.pos, VariableNode{token.text});
    }
    case TokenKind::OQuote:
      return quoted_template(token.pos);
    case TokenKind::Heredoc:
      return heredoc_template(token);
    case TokenKind::LParen: {
      FAULTBOX_TRY(inner, expression());
      FAULTBOX_TRY_VOID(expect(TokenKind::RParen, "')'"));
      return inner;
    }
    case TokenKind::LBracket:
      return tuple(token.pos);
    case TokenKind::LBrace:
      return object(token.pos);
    default:
      return error_at(token.pos, "expected an expression, found " + describe_token(token));
  }
}

Result<NodePtr> Parser::postfix(NodePtr node) {
  for (int links = 0;; ++links) {
    FAULTBOX_TRY_VOID(check_chain(links));
    FAULTBOX_TRY(token, peek());
    if (token->kind == TokenKind::LBracket) {
      FAULTBOX_TRY_VOID(take());
      FAULTBOX_TRY(indexed, index_or_splat(node, node->pos));
      node = indexed;
      continue;
    }
    if (token->kind != TokenKind::Dot) {
      return node;
    }
    FAULTBOX_TRY_VOID(take());
    FAULTBOX_TRY(step, take());
    if (step.kind == TokenKind::Identifier) {
      node = make_node(node->pos, GetAttrNode{node, step.text});
    } else if (step.kind == TokenKind::Number &&
               step.text.find_first_of(".eE") == std::string::npos) {
      // Legacy index syntax: aws_instance.web.0.id
      auto key =
          make_node(step.pos, LiteralNode{Value::number(std::strtod(step.text.c_str(), nullptr))});
      node = make_node(node->pos, IndexNode{node, key});
    } else if (step.kind == TokenKind::Star) {
      FAULTBOX_TRY(splat, attr_splat(node, node->pos));
      node = splat;
    } else {
      return error_at(step.pos,
                      "expected an attribute name after '.', found " + describe_token(step));
    }
  }
}

// `.*` applies only the attribute steps that follow it to each element.
Result<NodePtr> Parser::attr_splat(NodePtr source, const SourcePos& pos) {
  NodePtr each = make_node(pos, SplatItemNode{});
  for (int links = 0;; ++links) {
    FAULTBOX_TRY_VOID(check_chain(links));
    FAULTBOX_TRY(dot, at(TokenKind::Dot));
    if (!dot) {
      break;
    }
    FAULTBOX_TRY(next, peek(1));
    if (next->kind != TokenKind::Identifier) {
      break;
    }
    FAULTBOX_TRY_VOID(take());
    FAULTBOX_TRY(step, take());
    each = make_node(pos, GetAttrNode{each, step.text});
  }
  return make_node(pos, SplatNode{source, each});
}

// After '[': `[*]` is a full splat taking every later step; anything else is an index.
Result<NodePtr> Parser::index_or_splat(NodePtr node, const SourcePos& pos) {
  FAULTBOX_TRY(star, at(TokenKind::Star));
  if (star) {
    FAULTBOX_TRY_VOID(take());
    FAULTBOX_TRY_VOID(expect(TokenKind::RBracket, "']' after '[*'"));
    FAULTBOX_TRY(each, postfix(make_node(pos, SplatItemNode{})));
    return make_node(pos, SplatNode{node, each});
  }
  FAULTBOX_TRY(key, expression());
  FAULTBOX_TRY_VOID(expect(TokenKind::RBracket, "']' to close the index"));
  return make_node(pos, IndexNode{node, key});
}

}  // namespace faultbox::expr
