// Variable definition files: HCL `.tfvars` (`name = <expression>` per attribute) and
// `.tfvars.json`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "expr/expression.h"

namespace faultbox::stack {

struct TfvarsEntry {
  std::string name;
  expr::Expression value;
  expr::SourcePos pos;  // of the name
};

// `name = value` lines; a value may span lines inside brackets, strings with interpolations and
// heredocs. `#`, `//` and `/* */` comments are skipped. Errors carry file:line:col.
Result<std::vector<TfvarsEntry>> parse_tfvars(std::string_view text, const std::string& file);

// A JSON object of literal values (strings are not templates, as in Terraform).
Result<std::vector<TfvarsEntry>> parse_tfvars_json(const std::string& text,
                                                   const std::string& file);

// Either of the above, by the file name's extension.
Result<std::vector<TfvarsEntry>> parse_var_file(const std::string& text, const std::string& file);

}  // namespace faultbox::stack
