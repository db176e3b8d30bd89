#!/usr/bin/env bash
# The workshop as its users' Terraform repository (examples/workshop-tf, HCL): step01 applied
# and destroyed, step02 planned, then init (VPC module,
# subnets, security group, FIS role, log group; state in its directory through backend "local"),
# then step03 reading it with terraform_remote_state; its instances boot a `#cloud-config`
# (jsonencode + filebase64) that builds the page from IMDS at 169.254.169.254 and starts httpd;
# the page is served by 3 instances in 3 AZs; plan shows no changes; bad HCL names file:line:column and applies nothing; destroy.
source "$(dirname "$0")/lib.sh"
export FAULTBOX_SPEED=10
cp -r "$REPO_ROOT/examples/workshop-tf" "$WORK/workshop-tf"

# step01 on its own: one instance and the FIS role; applied, read back, destroyed.
cd "$WORK/workshop-tf/step01"
out=$(fb apply --auto-approve --var-file ../common/common.tfvars)
expect_contains "$out" "Apply complete! Resources: 2 added, 0 changed, 0 destroyed."
id=$(fb --output json output | json 'd["outputs"]["instance_id"]["value"]')
[[ "$id" =~ ^i-[0-9a-f]{17}$ ]] || fail "step01 instance_id: $id"
url=$(fb --output json output | json 'd["outputs"]["instance_url"]["value"]')
expect_contains "$url" "http://127."
out=$(fb plan --var-file ../common/common.tfvars)
expect_contains "$out" "No changes."
out=$(fb destroy --auto-approve --var-file ../common/common.tfvars)
expect_contains "$out" "Destroy complete! Resources: 2 destroyed."
# step02 plans the group behind a load balancer, its alarm and the FIS role (not applied here:
# the JSON workshop's e2e tests apply the same stack).
cd ../step02
out=$(fb plan --var-file ../common/common.tfvars)
expect_contains "$out" "Plan: 6 to add, 0 to change, 0 to destroy."
expect_contains "$out" "aws_autoscaling_group.web"

cd "$WORK/workshop-tf/init"
start=$(date +%s%N)
out=$(fb apply --auto-approve --var-file ../common/common.tfvars)
echo "init apply took $(( ($(date +%s%N) - start) / 1000000 )) ms"
expect_contains "$out" "Apply complete! Resources: 16 added, 0 changed, 0 destroyed."
expect_contains "$out" "module.vpc.aws_subnet.public[2]: Creation complete [id=subnet-"
[ -f terraform.tfstate ] || fail "backend \"local\" did not put the state in init/terraform.tfstate"
# A Terraform-style reader: every resource, module ones carrying "module".
subnets=$(json 'sum(1 for r in d["resources"] if r.get("module")=="module.vpc" and r["type"]=="aws_subnet" for i in r["instances"] if i["attributes"]["id"].startswith("subnet-"))' <terraform.tfstate)
[ "$subnets" -eq 3 ] || fail "state lists $subnets subnets of module.vpc, expected 3"
azs=$(json '",".join(d["outputs"]["availability_zones"]["value"])' <terraform.tfstate)
[ "$azs" = "eu-west-2a,eu-west-2b,eu-west-2c" ] || fail "availability_zones output: $azs"
tags=$(json '[i["attributes"]["tags_all"] for r in d["resources"] if r["type"]=="aws_security_group" for i in r["instances"]][0]' <terraform.tfstate)
expect_contains "$tags" "'Panda': 'funky'"

cd ../step03
out=$(fb apply --auto-approve --var-file ../common/common.tfvars)
expect_contains "$out" "Apply complete! Resources: 4 added, 0 changed, 0 destroyed."
url=$(fb --output json output | json 'd["outputs"]["elb_url"]["value"]')
expect_contains "$url" "http://127.20."
role=$(fb --output json output | json 'd["outputs"]["fis_role_arn"]["value"]')
[ "$role" = "arn:aws:iam::000000000000:role/funky-fis-role" ] || fail "fis_role_arn from init: $role"

wait_in_service 3
expect_rotation "$url" 12
pages=$PAGES
expect_contains "$pages" "Server step03-funky (i-"
expect_contains "$pages" "Availability Zone eu-west-2"
expect_contains "$pages" "Panda: funky"  # a tag, read from IMDS (instance_metadata_tags)
log=$(fb --output json instances | json '[i["ConsoleLog"] for i in d if i["State"]["Name"]=="running"][0]')
expect_contains "$(cat "$log")" "Started httpd.service."
expect_contains "$(cat "$log")" "No errors."

out=$(fb plan --var-file ../common/common.tfvars)
expect_contains "$out" "No changes."
# One changed attribute changes that resource only.
out=$(fb plan --var-file ../common/common.tfvars -var instance_type=t3.small)
expect_contains "$out" "Plan: 0 to add, 1 to change, 0 to destroy."
expect_contains "$out" "aws_launch_template.web"

# Bad HCL: a syntax error names file:line:column; an unknown function names itself and where.
mkdir -p "$WORK/bad" && cd "$WORK/bad"
printf 'variable "x" {\n  default = 1\n}\n\nresource "aws_elb" "this" {\n  name = \n}\n' >main.tf
if out=$(fb apply --auto-approve 2>&1); then fail "a syntax error applied: $out"; fi
expect_contains "$out" "main.tf:6:"
expect_contains "$out" "Invalid expression"
printf 'locals {\n  x = nosuchfn(1)\n}\n' >main.tf
if out=$(fb apply --auto-approve 2>&1); then fail "an unknown function applied: $out"; fi
expect_contains "$out" "nosuchfn"
expect_contains "$out" "main.tf"

cd "$WORK/workshop-tf/step03"
pids=$(fb --output json instances | json '" ".join(str(i["Pid"]) for i in d if i["Pid"])')
out=$(fb destroy --auto-approve)
expect_contains "$out" "Destroy complete! Resources: 4 destroyed."
cd ../init
out=$(fb destroy --auto-approve --var-file ../common/common.tfvars)
expect_contains "$out" "Destroy complete! Resources: 16 destroyed."
sleep 1
for pid in $pids; do
  kill -0 "$pid" 2>/dev/null && fail "instance process $pid still alive after destroy"
done
left=$(json 'len(d["resources"])' <terraform.tfstate)
[ "$left" -eq 0 ] || fail "$left resources left in init's state after destroy"
echo "hcl workshop: ok"
