#!/usr/bin/env bash
# Bad HCL directories through the real CLI (hcl2json path): each kind gives one error that names
# the .tf file and line, the apply exits non-zero, and nothing is created in the lab.
source "$(dirname "$0")/lib.sh"

KINDS=0
# name, expected "file:line" part, expected message part; the stack's files are in $dir already.
check_bad_hcl() {
  local name=$1 where=$2 what=$3 dir="$WORK/hcl-$1"
  local out rc=0
  out=$(cd "$dir" && fb apply --auto-approve 2>&1) || rc=$?
  [ $rc -ne 0 ] || fail "$name: apply should fail: $out"
  expect_contains "$out" "$where"
  expect_contains "$out" "$what"
  [ "$(grep -c "^error:" <<<"$out")" -eq 1 ] || fail "$name: expected one error line: $out"
  [ -z "$(grep -E 'Creation complete|Apply complete' <<<"$out")" ] || fail "$name: applied: $out"
  [ ! -f "$dir/terraform.tfstate" ] || [ "$(json 'len(d["resources"])' <"$dir/terraform.tfstate")" -eq 0 ] ||
    fail "$name: state has resources"
  echo "  $name: $(grep '^error:' <<<"$out" | cut -c1-150)"
  KINDS=$((KINDS + 1))
}
# name, file (relative), content
put() { mkdir -p "$(dirname "$WORK/hcl-$1/$2")"; printf '%s\n' "$3" >"$WORK/hcl-$1/$2"; }

ROLE='resource "aws_iam_role" "ok" {
  name               = "ok"
  assume_role_policy = "{}"
}'

put syntax main.tf "$ROLE

resource \"aws_iam_role\" \"r\" {
  name = 
}"
check_bad_hcl syntax "main.tf:7:" "Invalid expression"

put unknown_function main.tf "$ROLE

locals {
  x = nosuchfn(1)
}"
check_bad_hcl unknown_function "main.tf:7:" 'unknown function "nosuchfn"'

put wrong_argument_type main.tf "$ROLE

resource \"aws_iam_role\" \"r\" {
  name               = upper([\"a\"])
  assume_role_policy = \"{}\"
}"
check_bad_hcl wrong_argument_type "main.tf:7:" "upper(): argument 1 must be a string"

put undeclared_resource main.tf "$ROLE

output \"x\" {
  value = aws_iam_role.missing.arn
}"
check_bad_hcl undeclared_resource "main.tf:7" "undeclared resource aws_iam_role.missing"

put undeclared_variable main.tf "$ROLE

locals {
  name = \"\${var.nope}-x\"
}"
check_bad_hcl undeclared_variable "main.tf:7" "undeclared variable var.nope"

put undeclared_local main.tf "$ROLE

output \"x\" {
  value = local.nope
}"
check_bad_hcl undeclared_local "main.tf:7" "undeclared local value local.nope"

put undeclared_module_output main.tf "module \"m\" {
  source = \"./m\"
}

output \"x\" {
  value = module.m.nope
}"
put undeclared_module_output m/main.tf 'output "here" {
  value = 1
}'
check_bad_hcl undeclared_module_output "main.tf:6" 'has no output "nope"'

put count_string main.tf "$ROLE

resource \"aws_iam_role\" \"r\" {
  count              = \"three\"
  name               = \"r\${count.index}\"
  assume_role_policy = \"{}\"
}"
check_bad_hcl count_string "main.tf:6" 'count: a whole number is required, got string "three"'

put count_negative main.tf "$ROLE

resource \"aws_iam_role\" \"r\" {
  count              = -1
  name               = \"r\${count.index}\"
  assume_role_policy = \"{}\"
}"
check_bad_hcl count_negative "main.tf:6" "count: a whole number from 0"

put count_unknown main.tf "$ROLE

resource \"aws_iam_role\" \"r\" {
  count              = length(aws_iam_role.ok.arn)
  name               = \"r\${count.index}\"
  assume_role_policy = \"{}\"
}"
check_bad_hcl count_unknown "main.tf:6" "known only after apply"

put for_each_list_of_objects main.tf "$ROLE

resource \"aws_iam_role\" \"r\" {
  for_each           = [{ name = \"a\" }, { name = \"b\" }]
  name               = each.value.name
  assume_role_policy = \"{}\"
}"
check_bad_hcl for_each_list_of_objects "main.tf:6" "for_each: a map, or set of strings, is required"

put duplicate_resource main.tf "$ROLE"
put duplicate_resource other.tf "
resource \"aws_iam_role\" \"ok\" {
  name               = \"again\"
  assume_role_policy = \"{}\"
}"
check_bad_hcl duplicate_resource "other.tf:2" "duplicate resource aws_iam_role.ok"

put cycle main.tf 'resource "aws_iam_role" "a" {
  name               = aws_iam_role.b.name
  assume_role_policy = "{}"
}

resource "aws_iam_role" "b" {
  name               = aws_iam_role.a.name
  assume_role_policy = "{}"
}'
check_bad_hcl cycle "main.tf:" "cycle"

put module_cycle main.tf 'module "m" {
  source = "./m"
  input  = aws_iam_role.r.name
}

resource "aws_iam_role" "r" {
  name               = module.m.out
  assume_role_policy = "{}"
}'
put module_cycle m/main.tf 'variable "input" {
  type = string
}

output "out" {
  value = "${var.input}-x"
}'
check_bad_hcl module_cycle "main.tf:" "cycle"

put self_reference main.tf 'resource "aws_iam_role" "r" {
  name               = "${aws_iam_role.r.arn}-x"
  assume_role_policy = "{}"
}'
check_bad_hcl self_reference "main.tf:2:" "self-referential block: aws_iam_role.r refers to itself"

put missing_variable main.tf "variable \"panda_name\" {
  type = string
}

$ROLE"
check_bad_hcl missing_variable "main.tf:1" 'no value for required variable "panda_name"'

put validation main.tf "variable \"env\" {
  type    = string
  default = \"qa\"
  validation {
    condition     = contains([\"dev\", \"prod\"], var.env)
    error_message = \"env must be dev or prod.\"
  }
}

$ROLE"
check_bad_hcl validation "main.tf:1" "env must be dev or prod."

put type_constraint main.tf "variable \"size\" {
  type    = number
  default = \"big\"
}

$ROLE"
check_bad_hcl type_constraint "main.tf:1" "number"

put missing_required_block main.tf 'resource "aws_autoscaling_group" "g" {
  min_size = 1
  max_size = 2
}'
check_bad_hcl missing_required_block "main.tf:1" "one launch_template or mixed_instances_policy block is required"

put unknown_argument main.tf "variable \"size\" {
  type    = number
  defualt = 3
}

$ROLE"
check_bad_hcl unknown_argument "main.tf:1" 'unsupported argument "defualt"'

put module_unknown_argument main.tf 'module "m" {
  source = "./m"
  inptu  = "x"
}'
put module_unknown_argument m/main.tf 'variable "input" {
  type    = string
  default = "y"
}'
check_bad_hcl module_unknown_argument "main.tf:1" 'unsupported argument "inptu"'

put bad_module_source main.tf "$ROLE

module \"vpc\" {
  source = \"./modules/nowhere\"
}"
check_bad_hcl bad_module_source "main.tf:6" "modules/nowhere"

put unknown_block main.tf "$ROLE

resourse \"aws_iam_role\" \"r\" {
  name = \"r\"
}"
check_bad_hcl unknown_block "main.tf:6" 'unsupported block type "resourse"'

put unknown_resource_type main.tf 'resource "aws_nonsense" "x" {
  name = "x"
}'
check_bad_hcl unknown_resource_type "main.tf:1" 'unknown resource type "aws_nonsense"'

[ "$KINDS" -ge 15 ] || fail "only $KINDS kinds of bad HCL checked"
[ "$(fb --output json instances)" = "[]" ] || fail "instances were created"
[ "$(fb --output json lbs)" = "[]" ] || fail "load balancers were created"
echo "bad hcl: $KINDS kinds ok"
