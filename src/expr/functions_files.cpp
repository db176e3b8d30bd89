// File functions: file, filebase64, fileexists, templatefile, basename, dirname. Relative paths
// resolve against the registry's base directory (the configuration's folder).
#include "core/caller_rights.h"
#include "core/utf8.h"
#include "expr/base64.h"
#include "expr/evaluator.h"
#include "expr/function_args.h"
#include "expr/functions.h"

namespace faultbox::expr {
namespace {

namespace fs = std::filesystem;

fs::path resolve(const std::string& path, const CallContext& ctx) {
  fs::path p(path);
  return p.is_absolute() ? p : ctx.base_dir / p;
}

// With the rights of the user whose request is evaluated (core/caller_rights.h).
Result<std::string> read_file(const Args& a, const CallContext& ctx) {
  FAULTBOX_TRY(path, fn::str(a, 0));
  return read_file_as_caller(resolve(path, ctx));
}

Result<Value> file(const Args& a, const CallContext& ctx) {
  FAULTBOX_TRY(content, read_file(a, ctx));
  // As Terraform: file() reads text; binary files go through filebase64().
  if (auto problem = describe_invalid_utf8(content); !problem.empty()) {
    return errors::validation("the file is not valid UTF-8 (" + problem +
                              "); use filebase64 for binary files");
  }
  return Value::string(std::move(content));
}

Result<Value> filebase64(const Args& a, const CallContext& ctx) {
  FAULTBOX_TRY(content, read_file(a, ctx));
  return Value::string(base64_encode(content));
}

Result<Value> fileexists(const Args& a, const CallContext& ctx) {
  FAULTBOX_TRY(path, fn::str(a, 0));
  return Value::boolean(regular_file_as_caller(resolve(path, ctx)));
}

// The template sees only the variables passed to it, plus the same functions.
// As in Terraform, a template cannot call templatefile (else a template could render itself for
// ever). Evaluation runs on one thread at a time per evaluator; the flag is per thread.
thread_local bool rendering_template = false;

Result<Value> templatefile(const Args& a, const CallContext& ctx) {
  if (rendering_template) {
    return errors::validation("templatefile cannot be called from inside a template it renders");
  }
  FAULTBOX_TRY(content, read_file(a, ctx));
  FAULTBOX_TRY(vars, fn::mapping(a, 1));
  FAULTBOX_TRY(path, fn::str(a, 0));
  FAULTBOX_TRY(tpl, parse_template(content, SourcePos{path, 1, 1}));
  MapScope scope(std::move(vars), ctx.functions);
  rendering_template = true;
  auto rendered = evaluate(tpl, scope);
  rendering_template = false;
  return rendered;
}

Result<Value> basename(const Args& a, const CallContext&) {
  FAULTBOX_TRY(path, fn::str(a, 0));
  return Value::string(fs::path(path).filename().string());
}

Result<Value> dirname(const Args& a, const CallContext&) {
  FAULTBOX_TRY(path, fn::str(a, 0));
  std::string parent = fs::path(path).parent_path().string();
  return Value::string(parent.empty() ? "." : parent);
}

}  // namespace

void register_file_functions(FunctionRegistry& r) {
  r.add("file", {.min_args = 1, .max_args = 1, .eager = file});
  r.add("filebase64", {.min_args = 1, .max_args = 1, .eager = filebase64});
  r.add("fileexists", {.min_args = 1, .max_args = 1, .eager = fileexists});
  r.add("templatefile", {.min_args = 2, .max_args = 2, .eager = templatefile});
  r.add("basename", {.min_args = 1, .max_args = 1, .eager = basename});
  r.add("dirname", {.min_args = 1, .max_args = 1, .eager = dirname});
}

}  // namespace faultbox::expr
