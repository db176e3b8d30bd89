#!/usr/bin/env bash
# Systems Manager on the workshop's own step03 (init and step03 of ../shared/workshop, as its
# users have them), driven with the real aws CLI: the three instances' SSM agents are online;
# AWS-RunShellScript runs inside an instance (its own hostname, its Amazon Linux os-release) and
# its output comes back; bad documents, parameters and instances get SSM's errors; a long
# command is cancelled and its process is gone. Then FIS's aws:ssm:send-command with AWS's fault
# documents, each effect measured: AWSFIS-Run-Kill-Process of httpd makes one instance refuse
# connections at its own address until the group replaces it, while a curl loop through the
# load balancer keeps >= 99 % of its requests; AWSFIS-Run-CPU-Stress runs stress-ng inside the
# target instance only, and stopping the experiment cancels the command and ends stress-ng;
# AWSFIS-Run-Memory-Stress holds its share of the instance type's memory until cancelled.
source "$(dirname "$0")/lib.sh"
export FAULTBOX_SPEED=10
use_aws_cli
apply_workshop_repo init step03
wait_in_service
fis_role_name=$(cd "$WORK/repo/steps/init" && fb --output json output | json 'd["outputs"]["fis_iam_role"]["value"]')
fis_role=$(awsx iam get-role --role-name "$fis_role_name" | json 'd["Role"]["Arn"]')
elb_url=$(cd "$WORK/repo/steps/step03" && fb --output json output | json 'd["outputs"]["elb_url"]["value"]')
running_ids() {
  awsx ec2 describe-instances --filters Name=instance-state-name,Values=running |
    json '" ".join(sorted(i["InstanceId"] for r in d["Reservations"] for i in r["Instances"]))'
}
read -r -a ids <<<"$(running_ids)"
[ "${#ids[@]}" -eq 3 ] || fail "expected 3 running instances, got ${ids[*]}"

# 1. The agents come online (they poll the lab every second).
online=""
for _ in $(seq 60); do
  online=$(awsx ssm describe-instance-information |
    json '" ".join(sorted(i["InstanceId"] for i in d["InstanceInformationList"] if i["PingStatus"] == "Online"))')
  [ "$online" = "${ids[*]}" ] && break
  sleep 0.5
done
[ "$online" = "${ids[*]}" ] || fail "SSM agents online: '$online', instances: ${ids[*]}"
info=$(awsx ssm describe-instance-information --filters "Key=InstanceIds,Values=${ids[0]}")
[ "$(json 'd["InstanceInformationList"][0]["PlatformName"]' <<<"$info")" = "Amazon Linux" ] ||
  fail "platform: $info"

# 2. AWS-RunShellScript runs inside the instance, as root of its own view.
dns=$(awsx ec2 describe-instances --instance-ids "${ids[0]}" | json 'd["Reservations"][0]["Instances"][0]["PrivateDnsName"]')
cmd=$(awsx ssm send-command --document-name AWS-RunShellScript --instance-ids "${ids[0]}" \
  --comment "who am I" --parameters '{"commands":["hostname","grep ^NAME= /etc/os-release","echo to-stderr >&2"]}' |
  json 'd["Command"]["CommandId"]')
inv=$(wait_invocation "$cmd" "${ids[0]}" Success)
out=$(json 'd["StandardOutputContent"]' <<<"$inv")
expect_contains "$out" "$dns"
expect_contains "$out" 'NAME="Amazon Linux"'
expect_contains "$(json 'd["StandardErrorContent"]' <<<"$inv")" "to-stderr"
[ "$(json 'd["ResponseCode"]' <<<"$inv")" = 0 ] || fail "response code: $inv"
listed=$(awsx ssm list-commands --command-id "$cmd" | json 'd["Commands"][0]["Status"] + " " + d["Commands"][0]["Comment"]')
[ "$listed" = "Success who am I" ] || fail "list-commands: $listed"
# A failing script: Failed with its exit code.
cmd=$(awsx ssm send-command --document-name AWS-RunShellScript --instance-ids "${ids[1]}" \
  --parameters '{"commands":["exit 3"]}' | json 'd["Command"]["CommandId"]')
inv=$(wait_invocation "$cmd" "${ids[1]}" Failed)
[ "$(json 'd["ResponseCode"]' <<<"$inv")" = 3 ] || fail "exit 3 answered: $inv"

# faultbox actions names the documents aws:ssm:send-command can run, required parameters starred.
expect_contains "$(fb actions)" "AWSFIS-Run-Kill-Process  ProcessName*, Signal, InstallDependencies"

# 3. SSM's errors.
expect_error() {  # CODE ARGS... : the aws CLI fails naming CODE
  local out
  if out=$(awsx ssm "${@:2}" 2>&1); then fail "ssm ${*:2} succeeded: $out"; fi
  expect_contains "$out" "$1"
}
expect_error InvalidInstanceId send-command --document-name AWS-RunShellScript \
  --instance-ids i-0123456789abcdef0 --parameters '{"commands":["true"]}'
expect_error InvalidDocument send-command --document-name AWSFIS-Run-Nothing --instance-ids "${ids[0]}"
expect_error InvalidParameters send-command --document-name AWSFIS-Run-Kill-Process --instance-ids "${ids[0]}"
expect_error InvalidParameters send-command --document-name AWSFIS-Run-CPU-Stress \
  --instance-ids "${ids[0]}" --parameters '{"DurationSeconds":["a minute"]}'

# 4. A long command, cancelled: Cancelled, and its process gone from the instance.
in_instance() {  # PID INSTANCE: the process or one of its parents carries the instance's id
  # (stress-ng's workers write their titles over their own environment, so look upwards).
  local pid=$1
  for _ in 1 2 3 4 5 6 7 8; do
    tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null | grep -qx "INSTANCE_ID=$2" && return 0
    pid=$(awk '/^PPid:/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
    [ "${pid:-0}" -gt 1 ] || return 1
  done
  return 1
}
instance_processes() {  # INSTANCE NAME → how many processes named NAME run in that instance
  local n=0 pid
  for pid in $(pgrep -x "$2" || true); do
    in_instance "$pid" "$1" && n=$((n + 1))
  done
  echo "$n"
}
cmd=$(awsx ssm send-command --document-name AWS-RunShellScript --instance-ids "${ids[2]}" \
  --parameters '{"commands":["exec sleep 987"]}' | json 'd["Command"]["CommandId"]')
wait_invocation "$cmd" "${ids[2]}" InProgress >/dev/null
for _ in $(seq 40); do [ "$(instance_processes "${ids[2]}" sleep)" -ge 1 ] && break; sleep 0.25; done
[ "$(instance_processes "${ids[2]}" sleep)" -ge 1 ] || fail "the command's sleep does not run in ${ids[2]}"
awsx ssm cancel-command --command-id "$cmd" >/dev/null
inv=$(wait_invocation "$cmd" "${ids[2]}" Cancelled)
[ "$(instance_processes "${ids[2]}" sleep)" = 0 ] || fail "the cancelled command's sleep still runs"

# 5. AWSFIS-Run-Memory-Stress takes its share of the instance type's memory (t3.nano: 512 MiB),
# not of the machine's, and a cancel gives it back.
instance_rss_mib() {  # INSTANCE → MiB resident in its stress-ng processes
  local kib=0 pid rss
  for pid in $(pgrep stress-ng || true); do
    in_instance "$pid" "$1" || continue
    rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
    kib=$((kib + ${rss:-0}))
  done
  echo $((kib / 1024))
}
cmd=$(awsx ssm send-command --document-name AWSFIS-Run-Memory-Stress --instance-ids "${ids[0]}" \
  --parameters '{"DurationSeconds":["600"],"Percent":["50"]}' | json 'd["Command"]["CommandId"]')
rss=0
for _ in $(seq 80); do rss=$(instance_rss_mib "${ids[0]}"); [ "$rss" -ge 200 ] && break; sleep 0.25; done
echo "Memory-Stress 50 % of a t3.nano: ${rss} MiB resident in the instance's stress-ng"
[ "$rss" -ge 200 ] || fail "the memory stress took only ${rss} MiB (want about 256)"
[ "$rss" -le 512 ] || fail "the memory stress took ${rss} MiB, more than the instance's 512"
awsx ssm cancel-command --command-id "$cmd" >/dev/null
wait_invocation "$cmd" "${ids[0]}" Cancelled >/dev/null
[ "$(instance_rss_mib "${ids[0]}")" = 0 ] || fail "the cancelled memory stress still holds memory"

# 6. FIS: AWSFIS-Run-Kill-Process of httpd on one instance.
template() {  # DOCUMENT PARAMETERS DURATION → template id (COUNT(1) of the group's instances)
  awsx fis create-experiment-template --cli-input-json "$(python3 - "$fis_role" "$@" <<'PY'
import json, sys
role, document, parameters, duration = sys.argv[1:]
print(json.dumps({
  "description": document, "roleArn": role, "stopConditions": [{"source": "none"}],
  "targets": {"One": {"resourceType": "aws:ec2:instance", "selectionMode": "COUNT(1)",
                      "resourceTags": {"Experiment": "step03"},
                      "filters": [{"path": "State.Name", "values": ["running"]}]}},
  "actions": {"Fault": {"actionId": "aws:ssm:send-command", "targets": {"Instances": "One"},
                        "parameters": {"documentArn": "arn:aws:ssm:eu-west-2::document/" + document,
                                       "documentParameters": parameters, "duration": duration}}}}))
PY
)" | json 'd["experimentTemplate"]["id"]'
}
experiment() { awsx fis get-experiment --id "$1"; }
status_of() { experiment "$1" | json 'd["experiment"]["state"]["status"]'; }
target_of() {  # the instance the experiment's COUNT(1) chose, from its SSM command
  awsx ssm list-commands | json "[c['InstanceIds'][0] for c in d['Commands'] if '$1' in c['Comment']][0]"
}
wait_status() {  # EXPERIMENT STATUS (90 s at most)
  for _ in $(seq 180); do [ "$(status_of "$1")" = "$2" ] && return 0; sleep 0.5; done
  echo "the experiment's commands:" >&2
  awsx ssm list-command-invocations --details |
    json "[i for i in d['CommandInvocations'] if '$1' in i['Comment']]" >&2
  fail "experiment $1 is $(status_of "$1"), expected $2: $(experiment "$1")"
}
requests=0 failures=0
curl_loop() {  # through the load balancer until the file `stop` exists; counts to curl.counts
  local ok=0 bad=0
  while [ ! -f "$WORK/stop" ]; do
    if curl -sf --max-time 2 "$elb_url/" >/dev/null; then ok=$((ok + 1)); else bad=$((bad + 1)); fi
    sleep 0.05
  done
  echo "$ok $bad" >"$WORK/curl.counts"
}
curl_loop &
STARTED_PIDS+=($!)
loop=$!
kill_template=$(template AWSFIS-Run-Kill-Process '{"ProcessName":"httpd","Signal":"SIGKILL"}' PT1M)
exp=$(awsx fis start-experiment --experiment-template-id "$kill_template" | json 'd["experiment"]["id"]')
victim=""
for _ in $(seq 60); do victim=$(target_of "$exp" 2>/dev/null || true); [ -n "$victim" ] && break; sleep 0.25; done
[ -n "$victim" ] || fail "no SSM command for experiment $exp: $(experiment "$exp")"
victim_ip=$(awsx ec2 describe-instances --instance-ids "$victim" | json 'd["Reservations"][0]["Instances"][0]["PrivateIpAddress"]')
refused=""
for _ in $(seq 80); do
  if ! curl -s --max-time 1 "http://$victim_ip/" >/dev/null; then refused=yes; break; fi
  sleep 0.25
done
[ -n "$refused" ] || fail "httpd of $victim ($victim_ip) still answers after Kill-Process"
[ "$(instance_processes "$victim" httpd)" = 0 ] || fail "an httpd still runs in $victim"
# The load balancer takes it out, the group (ELB health checks) replaces it.
replaced=""
for _ in $(seq 240); do
  now=$(running_ids)
  if [[ " $now " != *" $victim "* ]] && [ "$(wc -w <<<"$now")" -eq 3 ] && [ "$(in_service)" -eq 3 ]; then
    replaced=yes
    break
  fi
  sleep 0.5
done
[ -n "$replaced" ] || fail "the group did not replace $victim: running $(running_ids), $(in_service) InService"
wait_status "$exp" completed
touch "$WORK/stop"
wait "$loop"
read -r ok bad <"$WORK/curl.counts"
echo "Kill-Process: $victim replaced; through the load balancer $ok answered, $bad failed"
[ $((ok + bad)) -ge 50 ] || fail "the curl loop made only $((ok + bad)) requests"
[ $((bad * 100)) -le $((ok + bad)) ] || fail "availability under 99 %: $bad of $((ok + bad)) failed"

# 7. FIS: AWSFIS-Run-CPU-Stress on one instance, stopped half-way: stress-ng ran only there and
# ends with the experiment.
stress_template=$(template AWSFIS-Run-CPU-Stress '{"DurationSeconds":"600","CPU":"1","LoadPercent":"30"}' PT10M)
exp=$(awsx fis start-experiment --experiment-template-id "$stress_template" | json 'd["experiment"]["id"]')
victim=""
for _ in $(seq 60); do victim=$(target_of "$exp" 2>/dev/null || true); [ -n "$victim" ] && break; sleep 0.25; done
[ -n "$victim" ] || fail "no SSM command for experiment $exp"
stressed=""
for _ in $(seq 60); do [ "$(instance_processes "$victim" stress-ng)" -ge 1 ] && { stressed=yes; break; }; sleep 0.25; done
[ -n "$stressed" ] || fail "stress-ng does not run in $victim"
for other in $(running_ids); do
  [ "$other" = "$victim" ] && continue
  [ "$(instance_processes "$other" stress-ng)" = 0 ] || fail "stress-ng runs in $other too"
done
awsx fis stop-experiment --id "$exp" >/dev/null
wait_status "$exp" stopped
cmd=$(awsx ssm list-commands | json "[c['CommandId'] for c in d['Commands'] if '$exp' in c['Comment']][0]")
wait_invocation "$cmd" "$victim" Cancelled >/dev/null
for _ in $(seq 40); do [ "$(instance_processes "$victim" stress-ng)" = 0 ] && break; sleep 0.25; done
[ "$(instance_processes "$victim" stress-ng)" = 0 ] || fail "stress-ng still runs in $victim after the stop"
expect_contains "$(fb experiments get "$exp")" "Fault  Cancelling SSM command $cmd"
echo "PASS"
