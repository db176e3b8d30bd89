#!/usr/bin/env bash
# FIS's capacity and safety controls on the workshop's step03 service, driven and observed with
# the real aws CLI: a zone loses power (its instances stopped, the group's launches there refused
# with EC2's InsufficientInstanceCapacity), the group heals into the other zones, and the zone is
# usable again once the fault ends; assert-alarm-state fails an experiment before its fault; a
# skip-all run touches nothing; the safety lever stops a running experiment and cancels new ones.
# Operations an older aws CLI lacks (Debian 12's 2.9 has no safety lever, no actionsMode) are
# sent signed by curl instead.
source "$(dirname "$0")/lib.sh"
export FAULTBOX_SPEED=10
use_workshop_step step03
use_aws_cli

apply_step03
role=$(step03_output fis_role_arn)
alarm=$(step03_output alarm_name)
alarm_arn=$(awsx cloudwatch describe-alarms --alarm-names "$alarm" | json 'd["MetricAlarms"][0]["AlarmArn"]')
group=$(awsx autoscaling describe-auto-scaling-groups | json 'd["AutoScalingGroups"][0]["AutoScalingGroupName"]')

# FIS REST calls for operations the installed CLI may not know, signed as the CLI would sign.
fis_rest() {  # METHOD PATH [BODY]
  curl -sS --max-time 30 --aws-sigv4 "aws:amz:eu-west-2:fis" --user test:test \
    -H 'Content-Type: application/json' -X "$1" "$ENDPOINT$2" ${3:+--data "$3"}
}
cli_knows() { aws "$@" help >/dev/null 2>&1; }

running_by_zone() {  # "eu-west-2a=1 eu-west-2b=1 ..." of the running instances
  awsx ec2 describe-instances --filters Name=instance-state-name,Values=running |
    json '" ".join(f"{z}={n}" for z, n in sorted(__import__("collections").Counter(i["Placement"]["AvailabilityZone"] for r in d["Reservations"] for i in r["Instances"]).items()))'
}
experiment_status() { awsx fis get-experiment --id "$1" | json 'd["experiment"]["state"]["status"]'; }
wait_status() {  # ID STATUS... : waits up to 60 s for one of them
  local id=$1 s
  shift
  for _ in $(seq 120); do
    s=$(experiment_status "$id")
    for want in "$@"; do [ "$s" = "$want" ] && return 0; done
    sleep 0.5
  done
  awsx fis get-experiment --id "$id" >&2
  fail "experiment $id is $s, expected $*"
}
create_template() {  # JSON → template id
  awsx fis create-experiment-template --cli-input-json "$1" | json 'd["experimentTemplate"]["id"]'
}
start() {  # TEMPLATE → experiment id
  awsx fis start-experiment --experiment-template-id "$1" | json 'd["experiment"]["id"]'
}

# 1. The zone's power goes (examples/workshop/step03/templates/zone-power.json): its instances
# stop and the group may not launch there.
# The example template as a user would take it, with the stack's role and shorter durations.
power=$(create_template "$(python3 - "$role" <<'PY'
import json, sys
t = json.load(open("templates/zone-power.json"))
t["roleArn"] = sys.argv[1]
t["clientToken"] = "zone-power-1"
t["actions"]["Pause-ASG-Scaling"]["parameters"]["duration"] = "PT2M"
t["actions"]["Stop-Instances"]["parameters"]["startInstancesAfterDuration"] = "PT2M"
print(json.dumps(t))
PY
)")
[ "$(running_by_zone)" = "eu-west-2a=1 eu-west-2b=1 eu-west-2c=1" ] || fail "not one per zone: $(running_by_zone)"
exp=$(start "$power")
healed=""
for _ in $(seq 100); do
  zones=$(running_by_zone)
  # Three running, none in eu-west-2a.
  total=0
  for zone in $zones; do total=$((total + ${zone#*=})); done
  if [[ "$zones" != *eu-west-2a* ]] && [ "$total" -eq 3 ]; then
    healed=$zones
    break
  fi
  sleep 0.2
done
[ -n "$healed" ] || fail "the group did not heal into the other zones: $(running_by_zone)"
[ "$(experiment_status "$exp")" = running ] || fail "the capacity fault ended before the group healed"
activities=$(awsx autoscaling describe-scaling-activities --auto-scaling-group-name "$group")
refused=$(json 'json.dumps([a["StatusMessage"] for a in d["Activities"] if a["StatusCode"] == "Failed"])' <<<"$activities")
expect_contains "$refused" "We currently do not have sufficient t3.micro capacity in the Availability Zone you requested (eu-west-2a)"
expect_contains "$refused" "Launching EC2 instance failed."
echo "zone power: healed into $healed; refused: $(json 'd[0]' <<<"$refused")"
wait_status "$exp" completed
states=$(awsx fis get-experiment --id "$exp" | json '" ".join(a["state"]["status"] for a in d["experiment"]["actions"].values())')
[ "$states" = "completed completed" ] || fail "the actions ended $states"
# The zone has capacity again: when one of the two instances that share a zone goes, its
# replacement goes back to eu-west-2a (the zone with fewest).
crowded=$(tr ' ' '\n' <<<"$healed" | grep '=2$' | cut -d= -f1)
victim=$(awsx ec2 describe-instances --filters Name=instance-state-name,Values=running \
  "Name=availability-zone,Values=$crowded" |
  json '[i["InstanceId"] for r in d["Reservations"] for i in r["Instances"]][0]')
awsx ec2 terminate-instances --instance-ids "$victim" >/dev/null
for _ in $(seq 100); do
  [ "$(running_by_zone)" = "eu-west-2a=1 eu-west-2b=1 eu-west-2c=1" ] && break
  sleep 0.2
done
[ "$(running_by_zone)" = "eu-west-2a=1 eu-west-2b=1 eu-west-2c=1" ] ||
  fail "the zone did not take a launch again after the fault: $(running_by_zone)"
wait_in_service
echo "zone power: eu-west-2a launches again"

# 2. assert-alarm-state: the alarm is OK, the template asserts ALARM: the experiment fails before
# its stop action, and no instance stops.
before=$(running_by_zone)
assert=$(create_template "$(cat <<JSON
{
  "clientToken": "assert-1",
  "description": "Stop two instances, only while the alarm is in ALARM",
  "targets": {"Two": {"resourceType": "aws:ec2:instance", "resourceTags": {"Panda": "funky"},
                      "filters": [{"path": "State.Name", "values": ["running"]}],
                      "selectionMode": "COUNT(2)"}},
  "actions": {
    "Assert": {"actionId": "aws:cloudwatch:assert-alarm-state",
               "parameters": {"alarmArns": "$alarm_arn", "alarmStates": "ALARM"}},
    "Stop": {"actionId": "aws:ec2:stop-instances", "targets": {"Instances": "Two"},
             "startAfter": ["Assert"]}
  },
  "stopConditions": [{"source": "none"}],
  "roleArn": "$role"
}
JSON
)")
exp=$(start "$assert")
wait_status "$exp" failed
got=$(awsx fis get-experiment --id "$exp")
expect_contains "$(json 'd["experiment"]["actions"]["Assert"]["state"]["reason"]' <<<"$got")" "is in state OK, not in ALARM"
[ "$(json 'd["experiment"]["actions"]["Stop"]["state"]["status"]' <<<"$got")" = cancelled ] ||
  fail "the stop after a failed assertion was not cancelled"
sleep 1
[ "$(running_by_zone)" = "$before" ] || fail "instances changed: $before → $(running_by_zone)"
out=$(awsx fis create-experiment-template --cli-input-json "$(cat <<JSON
{"clientToken": "assert-2", "description": "an alarm state AWS does not have",
 "actions": {"Assert": {"actionId": "aws:cloudwatch:assert-alarm-state",
             "parameters": {"alarmArns": "$alarm_arn", "alarmStates": "RED"}}},
 "stopConditions": [{"source": "none"}], "roleArn": "$role"}
JSON
)" 2>&1) && fail "alarmStates RED accepted"
expect_contains "$out" 'Invalid alarm state "RED"'
echo "assert-alarm-state: failed the experiment before its fault"

# 3. skip-all: targets are resolved, every action skipped, nothing stopped.
two=$(create_template "$(python3 -c "
import json; t = json.load(open('templates/stop-two-instances.json')); t['roleArn'] = '$role'
t['clientToken'] = 'two-1'; print(json.dumps(t))")")
if cli_knows fis start-experiment && aws fis start-experiment help 2>/dev/null | grep -q experiment-options; then
  exp=$(awsx fis start-experiment --experiment-template-id "$two" \
    --experiment-options actionsMode=skip-all | json 'd["experiment"]["id"]')
else
  exp=$(fis_rest POST /experiments "{\"experimentTemplateId\": \"$two\", \"clientToken\": \"skip-1\", \"experimentOptions\": {\"actionsMode\": \"skip-all\"}}" |
    json 'd["experiment"]["id"]')
fi
wait_status "$exp" completed
got=$(awsx fis get-experiment --id "$exp")
[ "$(json '" ".join(sorted(set(a["state"]["status"] for a in d["experiment"]["actions"].values())))' <<<"$got")" = skipped ] ||
  fail "skip-all ran an action: $got"
resolved=$(fis_rest GET "/experiments/$exp/resolvedTargets" | json 'len(d["resolvedTargets"])')
[ "$resolved" -eq 2 ] || fail "skip-all resolved $resolved targets, expected 2"
sleep 1
[ "$(running_by_zone)" = "$before" ] || fail "skip-all changed instances: $before → $(running_by_zone)"
echo "skip-all: 2 targets resolved, every action skipped"

# 4. The safety lever stops the running seed experiment, and cancels one started while engaged.
lever() {  # engaged|disengaged REASON → the lever's status after the call
  if cli_knows fis update-safety-lever-state; then
    awsx fis update-safety-lever-state --id default --state "status=$1,reason=$2"
  else
    fis_rest PATCH /safetyLevers/default/state "{\"state\": {\"status\": \"$1\", \"reason\": \"$2\"}}"
  fi | json 'd["safetyLever"]["state"]["status"]'
}
lever_status() {
  if cli_knows fis get-safety-lever; then awsx fis get-safety-lever --id default; else fis_rest GET /safetyLevers/default; fi |
    json 'd["safetyLever"]["state"]["status"]'
}
[ "$(lever_status)" = disengaged ] || fail "the lever starts $(lever_status)"
exp=$(start "$two")
wait_status "$exp" running
for _ in $(seq 50); do
  [ "$(awsx fis get-experiment --id "$exp" | json 'd["experiment"]["actions"]["pause"]["state"]["status"]')" = running ] && break
  sleep 0.2
done
status=$(lever engaged "game day over")
[[ "$status" = engag* ]] || fail "engaging the lever answered $status"
wait_status "$exp" stopped
expect_contains "$(awsx fis get-experiment --id "$exp" | json 'd["experiment"]["state"]["reason"]')" "safety lever"
[ "$(lever_status)" = engaged ] || fail "the lever is $(lever_status) after its experiments stopped"
cancelled=$(start "$two")
[ "$(experiment_status "$cancelled")" = cancelled ] || fail "an experiment started under the lever is $(experiment_status "$cancelled")"
[ "$(lever disengaged "resumed")" = disengaged ] || fail "the lever did not disengage"
echo "safety lever: stopped $exp, cancelled $cancelled"

fb destroy --auto-approve >/dev/null
echo "fis zone capacity: ok"
