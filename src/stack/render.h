// Human rendering of plans and applies, in the shape Terraform prints them.
#pragma once

#include <map>
#include <string>

#include "expr/value.h"
#include "stack/plan.h"

namespace faultbox::stack {

// `  # aws_elb.this will be created` / `  + resource "aws_elb" "this" {` ... then
// `Plan: 6 to add, 0 to change, 0 to destroy.`; or "No changes." when there are none.
std::string render_plan(const Plan& plan);

// Progress lines, `Apply complete! Resources: 6 added, 0 changed, 0 destroyed.`, then
// `Outputs:` and `name = value` lines (sensitive ones as <sensitive>).
std::string render_apply(const ApplyResult& result);
// Progress lines and `Destroy complete! Resources: 6 destroyed.`
std::string render_destroy(const ApplyResult& result);

// `name = value` lines, sorted by name, as `terraform output` prints them.
std::string render_outputs(const std::map<std::string, PlannedOutput>& outputs);

// A value in HCL notation: "text", 3, true, null, (known after apply), lists and objects over
// several lines indented from `indent`.
std::string render_value(const expr::Value& value, int indent = 0);

}  // namespace faultbox::stack
