#!/usr/bin/env bash
# Identities and API faults with the real aws CLI: `aws sts assume-role` hands out a role's keys
# and `get-caller-identity` names the session; aws:fis:inject-api-throttle-error makes that role's
# `aws ec2 describe-instances` fail with RequestLimitExceeded after the CLI's own retries, while
# the account's keys are answered, and the role is answered again once the fault ends;
# aws:ec2:api-insufficient-instance-capacity-error on Auto Scaling's service-linked role refuses
# the group's launches in a zone, so the group heals into the others.
source "$(dirname "$0")/lib.sh"
export FAULTBOX_SPEED=10
use_workshop_step step03
use_aws_cli

apply_step03
fis_role=$(step03_output fis_role_arn)
fis_role_name=${fis_role##*/}
# FIS needs the inject permissions on the role it faults (AWS has no managed policy with them).
awsx iam put-role-policy --role-name "$fis_role_name" --policy-name inject-api-errors \
  --policy-document '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["fis:InjectApiThrottleError", "fis:InjectApiInternalError", "fis:InjectApiUnavailableError", "ec2:InjectApiError"], "Resource": "*"}]}'

# An operator role the account may assume, and its session.
ops=$(awsx iam create-role --role-name ops --assume-role-policy-document \
  '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::000000000000:root"}, "Action": "sts:AssumeRole"}]}' |
  json 'd["Role"]["Arn"]')
creds=$(awsx sts assume-role --role-arn "$ops" --role-session-name game-day)
as_ops() {
  AWS_ACCESS_KEY_ID=$(json 'd["Credentials"]["AccessKeyId"]' <<<"$creds") \
    AWS_SECRET_ACCESS_KEY=$(json 'd["Credentials"]["SecretAccessKey"]' <<<"$creds") \
    AWS_SESSION_TOKEN=$(json 'd["Credentials"]["SessionToken"]' <<<"$creds") awsx "$@"
}
who=$(as_ops sts get-caller-identity | json 'd["Arn"]')
[ "$who" = "arn:aws:sts::000000000000:assumed-role/ops/game-day" ] || fail "get-caller-identity says $who"
[ "$(awsx sts get-caller-identity | json 'd["Arn"]')" = "arn:aws:iam::000000000000:root" ] ||
  fail "the plain keys are not the account's root"
echo "identity: $who"

# Throttle the role's DescribeInstances for PT2M (12 s at --speed 10).
template=$(awsx fis create-experiment-template --cli-input-json "$(cat <<JSON
{
  "clientToken": "throttle-1",
  "description": "Throttle the ops role's DescribeInstances",
  "targets": {"Ops": {"resourceType": "aws:iam:role", "resourceArns": ["$ops"], "selectionMode": "ALL"}},
  "actions": {"Throttle": {"actionId": "aws:fis:inject-api-throttle-error",
                           "parameters": {"service": "ec2", "operations": "DescribeInstances",
                                          "percentage": "100", "duration": "PT2M"},
                           "targets": {"Roles": "Ops"}}},
  "stopConditions": [{"source": "none"}],
  "roleArn": "$fis_role"
}
JSON
)" | json 'd["experimentTemplate"]["id"]')
as_ops ec2 describe-instances >/dev/null || fail "the role cannot describe instances before the fault"
exp=$(awsx fis start-experiment --experiment-template-id "$template" | json 'd["experiment"]["id"]')
for _ in $(seq 50); do
  [ "$(awsx fis get-experiment --id "$exp" | json 'd["experiment"]["actions"]["Throttle"]["state"]["status"]')" = running ] && break
  sleep 0.2
done
rc=0
out=$(as_ops ec2 describe-instances 2>&1) || rc=$?
[ $rc -ne 0 ] || fail "a throttled call succeeded: $out"
expect_contains "$out" "RequestLimitExceeded"
expect_contains "$out" "Request limit exceeded."
# The CLI retried it as it retries throttling (standard mode, AWS_MAX_ATTEMPTS=2).
expect_contains "$out" "reached max retries: 1"
echo "throttled: $out"
as_ops ec2 describe-availability-zones >/dev/null || fail "another operation of the role was faulted"
awsx ec2 describe-instances >/dev/null || fail "the account's own call was faulted"
for _ in $(seq 150); do
  [ "$(awsx fis get-experiment --id "$exp" | json 'd["experiment"]["state"]["status"]')" = completed ] && break
  sleep 0.2
done
[ "$(awsx fis get-experiment --id "$exp" | json 'd["experiment"]["state"]["status"]')" = completed ] ||
  fail "the throttle experiment did not complete"
as_ops ec2 describe-instances >/dev/null || fail "the role is still throttled after the fault"
echo "throttle lifted after PT2M"

# Auto Scaling's service-linked role may not launch in eu-west-2a; the zone's instance stops.
slr=$(awsx autoscaling describe-auto-scaling-groups | json 'd["AutoScalingGroups"][0]["ServiceLinkedRoleARN"]')
template=$(awsx fis create-experiment-template --cli-input-json "$(cat <<JSON
{
  "clientToken": "launches-1",
  "description": "No instance launches in eu-west-2a; the zone's instance stops",
  "targets": {
    "Launchers": {"resourceType": "aws:iam:role", "resourceArns": ["$slr"], "selectionMode": "ALL"},
    "InZone": {"resourceType": "aws:ec2:instance", "resourceTags": {"Panda": "funky"},
               "filters": [{"path": "State.Name", "values": ["running"]},
                           {"path": "Placement.AvailabilityZone", "values": ["eu-west-2a"]}],
               "selectionMode": "ALL"}
  },
  "actions": {
    "Pause-Instance-Launches": {"actionId": "aws:ec2:api-insufficient-instance-capacity-error",
                                "parameters": {"availabilityZoneIdentifiers": "euw2-az1",
                                               "percentage": "100", "duration": "PT2M"},
                                "targets": {"Roles": "Launchers"}},
    "Stop": {"actionId": "aws:ec2:stop-instances", "targets": {"Instances": "InZone"}}
  },
  "stopConditions": [{"source": "none"}],
  "roleArn": "$fis_role"
}
JSON
)" | json 'd["experimentTemplate"]["id"]')
exp=$(awsx fis start-experiment --experiment-template-id "$template" | json 'd["experiment"]["id"]')
zones() {
  awsx ec2 describe-instances --filters Name=instance-state-name,Values=running |
    json '" ".join(sorted(i["Placement"]["AvailabilityZone"] for r in d["Reservations"] for i in r["Instances"]))'
}
for _ in $(seq 100); do
  z=$(zones)
  [ "$(wc -w <<<"$z")" -eq 3 ] && [[ "$z" != *eu-west-2a* ]] && break
  sleep 0.2
done
z=$(zones)
[ "$(wc -w <<<"$z")" -eq 3 ] && [[ "$z" != *eu-west-2a* ]] || fail "the group did not heal outside eu-west-2a: $z"
refused=$(awsx autoscaling describe-scaling-activities |
  json '[a["StatusMessage"] for a in d["Activities"] if a["StatusCode"] == "Failed"]')
expect_contains "$refused" "capacity in the Availability Zone you requested (eu-west-2a)"
echo "launches refused in eu-west-2a, running in: $z"

fb destroy --auto-approve >/dev/null
echo "fis api faults: ok"
