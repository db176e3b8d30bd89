// Building blocks of the configuration loader: JSON to bodies and expressions, block readers.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "core/result.h"
#include "stack/config.h"

namespace faultbox::stack {

using EntryFn = std::function<Result<void>(const std::string& key, const nlohmann::json& value)>;

// Visits the entries of a block container: an object, or (Terraform's array form) each object of
// an array in turn. "//" comment keys are skipped.
Result<void> for_each_entry(const nlohmann::json& json, const std::string& where,
                            const EntryFn& fn);

// While set, expressions read from JSON are placed at their line and column in `source`, the HCL
// text the file was converted from (hcl2json keeps no positions); the Loader sets it per file.
struct HclSource {
  std::string file;
  std::string text;
};
void set_hcl_source(const HclSource* source);
// The line of a block header in the current HCL source: `keyword "label" "label" {` (labels may
// be unquoted), or, with an empty label list inside `locals`, of the local named by `local`.
// 0 when there is no HCL source or it is not found.
int hcl_block_line(const std::string& keyword, const std::vector<std::string>& labels);
int hcl_local_line(const std::string& name);

// One JSON value as an expression: strings are templates, other scalars literals, and arrays or
// objects literal values too (their strings are templates, see read_body).
Result<expr::Expression> read_expression(const nlohmann::json& json, const std::string& where);
// A JSON value as a body; `where` names the attribute for error messages.
Result<Body> read_body(const nlohmann::json& json, const std::string& where);
// `depends_on`: an array of strings naming resources ("aws_elb.this" or "${aws_elb.this}").
Result<std::vector<expr::Traversal>> read_depends_on(const nlohmann::json& json,
                                                     const std::string& where);

Result<VariableBlock> read_variable(const std::string& name, const nlohmann::json& json,
                                    const Origin& origin);
Result<OutputBlock> read_output(const std::string& name, const nlohmann::json& json,
                                const Origin& origin);
Result<ResourceBlock> read_resource(const std::string& type, const std::string& name,
                                    const nlohmann::json& json, const Origin& origin);

// `module "name" { source = "./x" ... }`: only local sources.
Result<ModuleCall> read_module_call(const std::string& name, const nlohmann::json& json,
                                    const Origin& origin);

}  // namespace faultbox::stack
