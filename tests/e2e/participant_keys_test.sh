#!/usr/bin/env bash
# A workshop host on one lab with `serve --auth` gives each participant keys that reach only
# their own resources. The workshop's own repository (init, step03, panda "funky") is applied;
# with the aws CLI, the root makes one managed policy (read everything; stop and start only
# instances whose Panda tag is the caller's user name) and attaches it to users "funky" and
# "other". funky stops one of funky's instances; other may describe it but not stop it; neither
# may terminate nor make IAM users; funky makes and starts an experiment with funky's own FIS role,
# other may neither pass that role nor start funky's template. Each refusal is AWS's error naming
# the user, the action and the resource. "other" is made by the host's own Terraform stack, and is
# gone with its key when that stack is destroyed.
source "$(dirname "$0")/lib.sh"
use_aws_cli
export FAULTBOX_AUTH=1 FAULTBOX_SPEED=10
apply_workshop_repo init step03
wait_in_service 3
eval "$(fb credentials)"

victim=$(awsx ec2 describe-instances --filters Name=tag:Panda,Values=funky \
  Name=instance-state-name,Values=running | json 'd["Reservations"][0]["Instances"][0]["InstanceId"]')
[ -n "$victim" ] || fail "no running instance tagged Panda=funky"

cat >participant.json <<'JSON'
{"Version": "2012-10-17",
 "Statement": [
  {"Effect": "Allow", "Action": ["ec2:Describe*", "sts:GetCallerIdentity"], "Resource": "*"},
  {"Effect": "Allow", "Action": ["ec2:StopInstances", "ec2:StartInstances"],
   "Resource": "arn:aws:ec2:*:*:instance/*",
   "Condition": {"StringEquals": {"aws:ResourceTag/Panda": "${aws:username}"}}},
  {"Effect": "Allow", "Action": "fis:CreateExperimentTemplate", "Resource": "*"},
  {"Effect": "Allow", "Action": "fis:StartExperiment", "Resource": "*",
   "Condition": {"StringEquals": {"aws:ResourceTag/Panda": "${aws:username}"}}},
  {"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::*:role/${aws:username}_*"}]}
JSON
policy=$(awsx iam create-policy --policy-name participant --policy-document file://participant.json |
  json 'd["Policy"]["Arn"]')
# funky by the aws CLI; other by the host's own stack (aws_iam_user, aws_iam_access_key,
# aws_iam_user_policy_attachment, and an aws_iam_user_policy that also lets other list FIS
# templates), its key read from the stack's outputs as `terraform output -json` gives them.
awsx iam create-user --user-name funky >/dev/null
awsx iam attach-user-policy --user-name funky --policy-arn "$policy"
awsx iam create-access-key --user-name funky >funky.json
mkdir -p "$WORK/host"
cat >"$WORK/host/main.tf" <<TF
provider "aws" {
  region = "eu-west-2"
}
resource "aws_iam_user" "other" {
  name          = "other"
  force_destroy = true
}
resource "aws_iam_user_policy_attachment" "other" {
  user       = aws_iam_user.other.name
  policy_arn = "$policy"
}
resource "aws_iam_user_policy" "other_fis" {
  user   = aws_iam_user.other.name
  name   = "list-templates"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "fis:ListExperimentTemplates", Resource = "*" }]
  })
}
resource "aws_iam_access_key" "other" {
  user = aws_iam_user.other.name
}
output "other_key" {
  value = aws_iam_access_key.other.id
}
output "other_secret" {
  value     = aws_iam_access_key.other.secret
  sensitive = true
}
TF
(cd "$WORK/host" && fb apply --auto-approve | tail -n 4)
(cd "$WORK/host" && fb --output json output) |
  json '{"AccessKey": {"AccessKeyId": d["outputs"]["other_key"]["value"], "SecretAccessKey": d["outputs"]["other_secret"]["value"]}}' |
  tr "'" '"' >other.json
[ "$(awsx iam list-attached-user-policies --user-name other | json 'd["AttachedPolicies"][0]["PolicyArn"]')" = "$policy" ] ||
  fail "the stack did not attach the policy to other"
as() {  # USER CMD...
  local user=$1
  shift
  AWS_ACCESS_KEY_ID=$(json 'd["AccessKey"]["AccessKeyId"]' <"$user.json") \
    AWS_SECRET_ACCESS_KEY=$(json 'd["AccessKey"]["SecretAccessKey"]' <"$user.json") "$@"
}
refused() {  # CODE CMD... → fails with that error code; prints the message
  local code=$1 out
  shift
  if out=$("$@" 2>&1); then
    fail "'$*' was allowed: $out"
  fi
  expect_contains "$out" "($code)"
  echo "$out" | tail -n 1
}

[ "$(as other awsx ec2 describe-instances --instance-ids "$victim" |
  json 'd["Reservations"][0]["Instances"][0]["InstanceId"]')" = "$victim" ] ||
  fail "other cannot describe the instance"
out=$(refused UnauthorizedOperation as other awsx ec2 stop-instances --instance-ids "$victim")
expect_contains "$out" "arn:aws:iam::000000000000:user/other"
expect_contains "$out" "ec2:StopInstances"
expect_contains "$out" "instance/$victim"
[ "$(awsx ec2 describe-instances --instance-ids "$victim" |
  json 'd["Reservations"][0]["Instances"][0]["State"]["Name"]')" = running ] ||
  fail "the refused stop stopped the instance"

refused UnauthorizedOperation as funky awsx ec2 terminate-instances --instance-ids "$victim"
refused AccessDeniedException as funky awsx fis list-experiment-templates
as other awsx fis list-experiment-templates >/dev/null ||
  fail "other's inline policy (aws_iam_user_policy) does not let other list templates"
refused AccessDenied as funky awsx iam create-user --user-name mallory
state=$(as funky awsx ec2 stop-instances --instance-ids "$victim" |
  json 'd["StoppingInstances"][0]["CurrentState"]["Name"]')
[ "$state" = stopping ] || fail "funky could not stop funky's instance (state $state)"
# Experiments: funky makes the step03 template with funky's own FIS role (the workshop's init
# made funky_fis_iam_role) and starts it; other may neither hand FIS funky's role nor start
# funky's template.
python3 - "$REPO_ROOT/examples/workshop/step03/templates/stop-two-instances.json" <<'PY' >template.json
import json, sys
t = json.load(open(sys.argv[1]))
t["roleArn"] = "arn:aws:iam::000000000000:role/funky_fis_iam_role"
t["stopConditions"] = [{"source": "none"}]
print(json.dumps(t))
PY
template=$(as funky awsx fis create-experiment-template --cli-input-json file://template.json |
  json 'd["experimentTemplate"]["id"]')
[ -n "$template" ] || fail "funky could not make a template with funky's role"
out=$(refused AccessDeniedException as other awsx fis create-experiment-template   --cli-input-json file://template.json)
expect_contains "$out" "iam:PassRole on resource: arn:aws:iam::000000000000:role/funky_fis_iam_role"
refused AccessDeniedException as other awsx fis start-experiment --experiment-template-id "$template"
experiment=$(as funky awsx fis start-experiment --experiment-template-id "$template" |
  json 'd["experiment"]["id"]')
[ -n "$experiment" ] || fail "funky could not start funky's experiment"

# The host's stack is destroyed: other and its key are gone.
(cd "$WORK/host" && fb destroy --auto-approve >/dev/null)
refused InvalidClientTokenId as other awsx sts get-caller-identity
refused NoSuchEntity awsx iam get-user --user-name other
echo "PASS participant_keys"
