#!/usr/bin/env bash
# HCL through the real CLI: count on nested module calls (Terraform's addresses), a module with
# count = 0 as an empty tuple, outputs of counted modules, the time and YAML functions, and
# timestamp()/uuid() shown as "(known after apply)" in a plan.
source "$(dirname "$0")/lib.sh"
mkdir -p "$WORK/stack/modules/app" "$WORK/stack/modules/net"
cd "$WORK/stack"
cat >main.tf <<'HCL'
variable "sizes" {
  type    = list(number)
  default = [1, 2]
}

locals {
  settings = yamldecode(file("${path.module}/settings.yaml"))
}

module "app" {
  source  = "./modules/app"
  count   = length(var.sizes)
  name    = "${local.settings.prefix}${count.index}"
  subnets = var.sizes[count.index]
}

module "none" {
  source  = "./modules/app"
  count   = 0
  name    = "never"
  subnets = 1
}

output "roles" {
  value = module.app[*].role_names
}

output "first" {
  value = module.app[0].role_names[0]
}

output "none" {
  value = length(module.none)
}

output "expires" {
  value = formatdate("EEE, DD MMM YYYY hh:mm ZZZ", timeadd("2018-01-02T23:12:01Z", "1h30m"))
}
HCL
printf 'prefix: app\n' >settings.yaml
cat >modules/app/main.tf <<'HCL'
variable "name" {
  type = string
}

variable "subnets" {
  type = number
}

module "net" {
  source = "../net"
  count  = var.subnets > 0 ? 1 : 0
  n      = var.subnets
  label  = var.name
}

output "role_names" {
  value = flatten(module.net[*].names)
}
HCL
cat >modules/net/main.tf <<'HCL'
variable "n" {
  type = number
}

variable "label" {
  type = string
}

resource "aws_iam_role" "r" {
  count              = var.n
  name               = "${var.label}-${count.index}"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [] })
  tags = {
    Created = timestamp()
  }
}

output "names" {
  value = aws_iam_role.r[*].name
}
HCL

out=$(fb plan)
expect_contains "$out" "# module.app[1].module.net[0].aws_iam_role.r[1] will be created"
expect_contains "$out" "Created = (known after apply)"
expect_contains "$out" "Plan: 3 to add, 0 to change, 0 to destroy."

out=$(fb apply --auto-approve)
expect_contains "$out" "module.app[0].module.net[0].aws_iam_role.r[0]: Creation complete"
expect_contains "$out" "Apply complete! Resources: 3 added, 0 changed, 0 destroyed."
outputs=$(fb --output json output)
[ "$(json 'd["outputs"]["roles"]["value"]' <<<"$outputs")" = "[['app0-0'], ['app1-0', 'app1-1']]" ] ||
  fail "roles output: $outputs"
[ "$(json 'd["outputs"]["first"]["value"]' <<<"$outputs")" = "app0-0" ] || fail "first: $outputs"
[ "$(json 'd["outputs"]["none"]["value"]' <<<"$outputs")" = "0" ] || fail "none: $outputs"
[ "$(json 'd["outputs"]["expires"]["value"]' <<<"$outputs")" = "Wed, 03 Jan 2018 00:42 UTC" ] ||
  fail "expires: $outputs"

# timestamp() in an argument changes on every run, as in Terraform; nothing else does.
out=$(fb plan)
expect_contains "$out" "Plan: 0 to add, 3 to change, 0 to destroy."
sed -i 's/    Created = timestamp()/    Created = "fixed"/' modules/net/main.tf
fb apply --auto-approve >/dev/null
out=$(fb plan)
expect_contains "$out" "No changes."

out=$(fb destroy --auto-approve)
expect_contains "$out" "Destroy complete! Resources: 3 destroyed."
echo "hcl modules: ok"
