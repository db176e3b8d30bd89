#!/usr/bin/env bash
# An experiment whose role may not do what its actions need fails: the action's reason names the
# denied call and the role, the experiment ends `failed`, and every instance keeps running.
source "$(dirname "$0")/lib.sh"
export FAULTBOX_SPEED=10
use_workshop_step step03

# Roles FIS may assume: one allowed only ec2:DescribeInstances; one with no policy at all; one
# allowed ec2:StopInstances on another instance only; one with the FIS EC2 managed policy and an
# explicit Deny of ec2:StopInstances, which wins. And one FIS may not assume (it trusts EC2).
cat >limited_role.tf.json <<'EOF'
{
  "resource": {
    "aws_iam_role": {
      "describe_only": {
        "name": "${var.panda_name}-describe-only",
        "assume_role_policy": "${jsonencode({ Version = \"2012-10-17\", Statement = [{ Effect = \"Allow\", Principal = { Service = \"fis.amazonaws.com\" }, Action = \"sts:AssumeRole\" }] })}"
      },
      "bare": {
        "name": "${var.panda_name}-bare",
        "assume_role_policy": "${jsonencode({ Version = \"2012-10-17\", Statement = [{ Effect = \"Allow\", Principal = { Service = \"fis.amazonaws.com\" }, Action = \"sts:AssumeRole\" }] })}"
      },
      "other_instance": {
        "name": "${var.panda_name}-other-instance",
        "assume_role_policy": "${jsonencode({ Version = \"2012-10-17\", Statement = [{ Effect = \"Allow\", Principal = { Service = \"fis.amazonaws.com\" }, Action = \"sts:AssumeRole\" }] })}"
      },
      "ec2_trust": {
        "name": "${var.panda_name}-ec2-trust",
        "assume_role_policy": "${jsonencode({ Version = \"2012-10-17\", Statement = [{ Effect = \"Allow\", Principal = { Service = \"ec2.amazonaws.com\" }, Action = \"sts:AssumeRole\" }] })}"
      },
      "deny_stop": {
        "name": "${var.panda_name}-deny-stop",
        "assume_role_policy": "${jsonencode({ Version = \"2012-10-17\", Statement = [{ Effect = \"Allow\", Principal = { Service = \"fis.amazonaws.com\" }, Action = \"sts:AssumeRole\" }] })}"
      }
    },
    "aws_iam_policy_attachment": {
      "deny_stop_ec2": {
        "name": "deny-stop-ec2",
        "roles": ["${aws_iam_role.deny_stop.name}"],
        "policy_arn": "arn:aws:iam::aws:policy/service-role/AWSFaultInjectionSimulatorEC2Access"
      }
    },
    "aws_iam_role_policy": {
      "describe_only": {
        "name": "describe-only",
        "role": "${aws_iam_role.describe_only.name}",
        "policy": "${jsonencode({ Version = \"2012-10-17\", Statement = [{ Effect = \"Allow\", Action = \"ec2:DescribeInstances\", Resource = \"*\" }] })}"
      },
      "other_instance": {
        "name": "stop-another-instance",
        "role": "${aws_iam_role.other_instance.name}",
        "policy": "${jsonencode({ Version = \"2012-10-17\", Statement = [{ Effect = \"Allow\", Action = [\"ec2:StopInstances\", \"ec2:StartInstances\"], Resource = \"arn:aws:ec2:*:*:instance/i-00000000000000000\" }] })}"
      },
      "deny_stop": {
        "name": "deny-stop",
        "role": "${aws_iam_role.deny_stop.name}",
        "policy": "${jsonencode({ Version = \"2012-10-17\", Statement = [{ Effect = \"Deny\", Action = \"ec2:Stop*\", Resource = \"*\" }] })}"
      }
    }
  },
  "output": {
    "describe_only_role_arn": { "value": "${aws_iam_role.describe_only.arn}" },
    "bare_role_arn": { "value": "${aws_iam_role.bare.arn}" },
    "other_instance_role_arn": { "value": "${aws_iam_role.other_instance.arn}" },
    "deny_stop_role_arn": { "value": "${aws_iam_role.deny_stop.arn}" },
    "ec2_trust_role_arn": { "value": "${aws_iam_role.ec2_trust.arn}" }
  }
}
EOF
# "Untouched" is checked by instance ids: a long grace period keeps the group from replacing an
# instance whose first boot failed (e.g. its private IP briefly held by another lab here).
python3 - <<'PY'
import json
stack = json.load(open("main.tf.json"))
stack["resource"]["aws_autoscaling_group"]["web"]["health_check_grace_period"] = 3600
json.dump(stack, open("main.tf.json", "w"), indent=1)
PY
fb apply --auto-approve --var-file ../common/common.tfvars >/dev/null
wait_in_service
outputs=$(fb --output json output)
running() {
  fb --output json instances | json '" ".join(sorted(i["InstanceId"] for i in d if i["State"]["Name"] == "running"))'
}
before=$(running)
[ "$(wc -w <<<"$before")" -eq 3 ] || fail "expected 3 running instances, got: $before"

# Stop all instances with role $1; prints the experiment id after checking it failed.
run_denied() {
  local role=$1 file template out rc=0 id
  file=$(basename "$role").json
  python3 - templates/stop-two-instances.json "$role" >"$file" <<'PY'
import json, sys
t = json.load(open(sys.argv[1]))
t["roleArn"] = sys.argv[2]
t["targets"]["step03-instances"]["selectionMode"] = "ALL"
print(json.dumps(t))
PY
  template=$(fb templates create --file "$file")
  out=$(fb experiments start "$template" --wait) || rc=$?
  echo "$out" >&2
  [ $rc -eq 1 ] || fail "role $role: expected the experiment to fail (exit 1), got $rc"
  awk '/^started /{print $2}' <<<"$out"
}

for role in $(json '" ".join(d["outputs"][k + "_role_arn"]["value"] for k in ("describe_only", "bare", "other_instance", "deny_stop"))' <<<"$outputs"); do
  id=$(run_denied "$role" 2>run.log) || { cat run.log; exit 1; }
  got=$(fb --output json experiments get "$id")
  [ "$(json 'd["experiment"]["state"]["status"]' <<<"$got")" = failed ] || fail "experiment not failed"
  action=$(json 'json.dumps(d["experiment"]["actions"]["stop-instances"]["state"])' <<<"$got")
  expect_contains "$action" '"status": "failed"'
  expect_contains "$action" "not authorized to perform: ec2:StopInstances"
  expect_contains "$action" "$role"
  expect_contains "$(json 'd["experiment"]["state"]["reason"]' <<<"$got")" "ec2:StopInstances"
  # The actions after it never ran.
  expect_contains "$(json 'd["experiment"]["actions"]["pause"]["state"]["status"]' <<<"$got")" "cancelled"
  # Nothing was stopped: the same instances are running, now and a moment later.
  [ "$(running)" = "$before" ] || fail "instances changed: $before → $(running)"
  echo "$id failed as expected: $(json 'd["experiment"]["actions"]["stop-instances"]["state"]["reason"]' <<<"$got")"
done
# A role that does not trust fis.amazonaws.com is refused when the template is created.
role=$(json 'd["outputs"]["ec2_trust_role_arn"]["value"]' <<<"$outputs")
python3 - templates/stop-two-instances.json "$role" >untrusted.json <<'PY2'
import json, sys
t = json.load(open(sys.argv[1]))
t["roleArn"] = sys.argv[2]
print(json.dumps(t))
PY2
rc=0
out=$(fb templates create --file untrusted.json 2>&1) || rc=$?
[ $rc -ne 0 ] || fail "a template with a role FIS cannot assume was created"
expect_contains "$out" "ValidationException: Role $role cannot be assumed by fis.amazonaws.com"
echo "untrusting role refused: $out"
sleep 1
[ "$(running)" = "$before" ] || fail "instances changed: $before → $(running)"
[ "$(in_service)" -eq 3 ] || fail "the service lost instances"
fb destroy --auto-approve >/dev/null
echo "role permission: ok"
