// Recursive-descent parser for HCL native expressions and templates (internal to expr).
#pragma once

#include <deque>
#include <string>
#include <string_view>

#include "core/result.h"
#include "expr/ast.h"
#include "expr/lexer.h"

namespace faultbox::expr {

class Parser {
 public:
  Parser(std::string_view src, const SourcePos& origin) : lexer_(src, origin) {}

  // An expression followed by the end of input.
  Result<NodePtr> whole_expression();
  // A template running to the end of input (JSON strings, heredoc bodies, template files).
  Result<NodePtr> whole_template();

 private:
  // Template parts up to the input end (or closing quote) or an else/endif/endfor directive.
  struct Parts {
    std::vector<NodePtr> parts;
    std::string end_keyword;  // "" at the end of the template
    SourcePos end_pos;
  };

  Result<const Token*> peek(size_t ahead = 0);
  Result<Token> take();
  Result<Token> expect(TokenKind kind, const std::string& what);
  Result<bool> at(TokenKind kind);
  Result<bool> at_keyword(std::string_view word, size_t ahead = 0);

  Result<NodePtr> expression();
  // `k, v in coll` / `v in coll` after `for`, shared by for expressions and template directives:
  // fills key_var, value_var and collection of `node`. `construct` names it in errors.
  template <class ForLike>
  Result<void> for_header(ForLike& node, std::string_view construct);
  Result<NodePtr> binary(int level);
  Result<NodePtr> unary();
  Result<NodePtr> primary();
  Result<NodePtr> postfix(NodePtr node);
  Result<NodePtr> attr_splat(NodePtr source, const SourcePos& pos);
  Result<NodePtr> index_or_splat(NodePtr node, const SourcePos& pos);

  Result<NodePtr> tuple(const SourcePos& pos);
  Result<NodePtr> object(const SourcePos& pos);
  Result<NodePtr> object_key();
  Result<NodePtr> for_expr(const SourcePos& pos, bool object_form);
  Result<NodePtr> call(const Token& name);

  Result<NodePtr> quoted_template(const SourcePos& pos);
  Result<NodePtr> heredoc_template(const Token& token);
  Result<Parts> template_parts(TemplateMode mode);
  Result<bool> template_text(TemplateMode mode, Parts& out);
  Result<NodePtr> interpolation(const SourcePos& pos);
  Result<bool> directive(TemplateMode mode, const SourcePos& pos, Parts& out);
  Result<NodePtr> template_if(TemplateMode mode, const SourcePos& pos);
  Result<NodePtr> template_for(TemplateMode mode, const SourcePos& pos);
  Result<bool> directive_close();
  static NodePtr join_parts(const SourcePos& pos, std::vector<NodePtr> parts);

  // Each level of nesting is a frame of this parser and, later, of the evaluator: bounded, so that
  // no stack file can exhaust the lab's stack. A level is entered for every nested expression or
  // template and for every link of an operator or traversal chain (`a + b + ...`, `a[0][0]...`).
  static constexpr int kMaxNesting = 256;
  struct Nesting {
    explicit Nesting(int& depth) : depth_(depth) {}
    ~Nesting() { --depth_; }
    Nesting(const Nesting&) = delete;
    Nesting& operator=(const Nesting&) = delete;
    int& depth_;
  };
  // Enters one more level (left again by the Nesting the caller makes); fails past the bound.
  Result<void> enter();
  // For a chain grown to `links` links at the current level.
  Result<void> check_chain(int links);

  Lexer lexer_;
  std::deque<Token> lookahead_;
  int depth_ = 0;
  bool strip_next_ = false;  // the last `}` was `~}`: trim the next text's leading whitespace
};

// "identifier \"foo\"", "'}'", "end of input": for "expected X, found Y" messages.
std::string describe_token(const Token& token);

}  // namespace faultbox::expr
