#!/usr/bin/env bash
# Names are owned: the workshop repository's init (../shared/workshop, unchanged) applied from a
# second copy with the same panda name fails as AWS fails it (EntityAlreadyExists or the log
# group's ResourceAlreadyExistsException), naming the first copy's stack; destroying the second
# copy removes only what it created; the first still plans "No changes". A plan refreshes from
# the lab: a log group deleted with the aws CLI is planned again and made again by apply.
source "$(dirname "$0")/lib.sh"
use_aws_cli
workshop="$REPO_ROOT/../shared/workshop"
[ -f "$workshop/SHA256SUMS" ] || fail "the workshop repository is not at $workshop"
cp -r "$workshop" "$WORK/first"
cp -r "$workshop" "$WORK/second"
first="$WORK/first/steps/init"
second="$WORK/second/steps/init"
in_dir() { local dir=$1; shift; (cd "$dir" && fb "$@"); }

out=$(in_dir "$first" apply --auto-approve --var-file ../common/common.tfvars 2>&1) ||
  fail "the first copy's init did not apply: $out"
expect_contains "$out" "Apply complete!"
role_id=$(awsx iam get-role --role-name funky_fis_iam_role | json 'd["Role"]["RoleId"]')

# The second copy names the same role, policy and log group.
rc=0
out=$(in_dir "$second" apply --auto-approve --var-file ../common/common.tfvars 2>&1) || rc=$?
echo "$out" | tail -n 3
[ $rc -ne 0 ] || fail "the second copy's init applied over the first's resources"
[[ "$out" == *"EntityAlreadyExists"* || "$out" == *"ResourceAlreadyExistsException"* ]] ||
  fail "the second apply did not fail with AWS's error: $out"
expect_contains "$out" "It belongs to the stack in $first"

# Destroying the second copy leaves the first's resources as they were.
out=$(in_dir "$second" destroy --auto-approve 2>&1) || fail "the second copy did not destroy: $out"
[ "$(awsx iam get-role --role-name funky_fis_iam_role | json 'd["Role"]["RoleId"]')" = "$role_id" ] ||
  fail "the first copy's role was replaced or deleted"
awsx logs describe-log-groups --log-group-name-prefix /aws/fis/funky-fis-logs |
  json 'len(d["logGroups"])' | grep -qx 1 || fail "the first copy's log group is gone"
out=$(in_dir "$first" plan --var-file ../common/common.tfvars 2>&1) || fail "plan failed: $out"
expect_contains "$out" "No changes."

# A resource deleted outside the stack: the plan says so and plans it again; apply makes it.
awsx logs delete-log-group --log-group-name /aws/fis/funky-fis-logs >/dev/null
out=$(in_dir "$first" plan --var-file ../common/common.tfvars 2>&1) || fail "plan failed: $out"
expect_contains "$out" "aws_cloudwatch_log_group.log_group has been deleted"
expect_contains "$out" "Plan: 1 to add, 0 to change, 0 to destroy."
out=$(in_dir "$first" apply --auto-approve --var-file ../common/common.tfvars 2>&1) ||
  fail "apply after the deletion failed: $out"
expect_contains "$out" "Apply complete! Resources: 1 added, 0 changed, 0 destroyed."
out=$(in_dir "$first" plan --var-file ../common/common.tfvars 2>&1) || fail "plan failed: $out"
expect_contains "$out" "No changes."

# Once the first copy is destroyed, the names are free for the second.
out=$(in_dir "$first" destroy --auto-approve 2>&1) || fail "the first copy did not destroy: $out"
out=$(in_dir "$second" apply --auto-approve --var-file ../common/common.tfvars 2>&1) ||
  fail "the second copy's init did not apply once the names were free: $out"
in_dir "$second" destroy --auto-approve >/dev/null
echo "stack ownership: ok"
