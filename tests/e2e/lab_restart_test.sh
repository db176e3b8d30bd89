#!/usr/bin/env bash
# Restarting the lab restores its resources from SQLite: the step01 instance keeps its id and IP
# and boots again, as after a host reboot; the stack state, templates and metrics survive too, and
# an experiment running at a kill -9 carries on in the next lab.
source "$(dirname "$0")/lib.sh"
export FAULTBOX_SPEED=10
use_workshop_step step01

out=$(fb apply --auto-approve -var-file=../common/common.tfvars)
expect_contains "$out" "Apply complete! Resources: 3 added, 0 changed, 0 destroyed."
url=$(fb --output json output | json 'd["outputs"]["instance_url"]["value"]')
id=$(fb --output json output | json 'd["outputs"]["instance_id"]["value"]')
page() { for _ in $(seq 100); do curl -sf "$url/" && return 0; sleep 0.1; done; return 1; }
expect_contains "$(page)" "Server step01-funky ($id)"
old_pid=$(fb --output json instances | json 'd[0]["Pid"]')

# The page above came from the instance's metadata service (its user data asks it); from
# outside the instance, that service answers nobody.
code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$FAULTBOX_PORT/_imds/$id/latest/meta-data/instance-id")
[ "$code" = 403 ] || fail "the metadata of $id answered $code to a process outside it, want 403"

# A template whose experiments leave the instance alone (the kill -9 below needs its process to
# be the one the lab started).
cat >template.json <<'JSON'
{
  "description": "Wait while the lab restarts",
  "targets": {},
  "actions": { "pause": { "actionId": "aws:fis:wait", "parameters": { "duration": "PT10M" } } },
  "stopConditions": [{ "source": "none" }],
  "roleArn": "arn:aws:iam::000000000000:role/funky-fis-role"
}
JSON
template=$(fb templates create --file template.json)

# A metric, to find again after the restart (reports chart the saved metrics).
use_aws_cli
awsx cloudwatch put-metric-data --namespace Lab/Restart --metric-name Probe --value 7 >/dev/null
probe_sum() {
  awsx cloudwatch get-metric-statistics --namespace Lab/Restart --metric-name Probe \
    --start-time "$(date -u -d '-2 days' +%FT%TZ)" --end-time "$(date -u -d '+2 days' +%FT%TZ)" \
    --period 3600 --statistics Sum | json 'sum(p["Sum"] for p in d["Datapoints"])'
}
[ "$(probe_sum)" = "7.0" ] || fail "the probe metric reads $(probe_sum) before the restart"

fb down >/dev/null
kill -0 "$old_pid" 2>/dev/null && fail "instance process $old_pid survived faultbox down"

# Any command starts the lab again; the instance boots with the same identity.
expect_contains "$(fb instances)" "$id"
expect_contains "$(page)" "I'm running in Availability Zone eu-west-2a"
expect_contains "$(fb output)" "instance_id = \"$id\""
expect_contains "$(fb templates list)" "$template"
expect_contains "$(fb templates get "$template")" "aws:fis:wait"
[ "$(probe_sum)" = "7.0" ] || fail "the probe metric reads $(probe_sum) after the restart"
out=$(fb plan -var-file=../common/common.tfvars)
expect_contains "$out" "No changes."

# What the lab acknowledged survives a kill -9 that follows at once: the template created, the
# experiment started, the datapoint put (each answer waits for the store; it once waited up to a
# second, and a datapoint up to a minute).
instance_pids=$(fb --output json instances | json '" ".join(str(i["Pid"]) for i in d if i.get("Pid"))')
lab_pid=$(json 'd["pid"]' <"$WORK/.faultbox/lab.json")
acked=$(fb templates create --file template.json)
experiment=$(fb experiments start "$acked" | sed -n "s/^started //p")
awsx cloudwatch put-metric-data --namespace Lab/Restart --metric-name Probe --value 5 >/dev/null
lab_time() { curl -sf "http://127.0.0.1:$FAULTBOX_PORT/_faultbox/health" | json 'd["time"]'; }
before=$(lab_time)
kill -9 "$lab_pid"
for _ in $(seq 50); do kill -0 "$lab_pid" 2>/dev/null || break; sleep 0.1; done
for pid in $instance_pids; do
  kill -0 "$pid" 2>/dev/null || fail "instance process $pid ended with its lab; the test needs it to outlive it"
done
expect_contains "$(fb templates list)" "$acked"
expect_contains "$(fb experiments list)" "$experiment"
[ "$(probe_sum)" = "12.0" ] || fail "the probe metric reads $(probe_sum) after a kill -9, expected 7 + 5"
# The experiment the kill interrupted carries on in the new lab: its wait keeps its end time.
got=$(fb --output json experiments get "$experiment")
[ "$(json 'd["experiment"]["state"]["status"]' <<<"$got")" = running ] ||
  fail "the interrupted experiment was not resumed: $(json 'd["experiment"]["state"]' <<<"$got")"
json '[r["log_type"] for r in d["log"]]' <<<"$got" | grep -q experiment-resume ||
  fail "the experiment's log does not say it was resumed"
# At --speed 10 lab time runs ahead of the wall clock: the next lab goes on from it.
after=$(lab_time)
[[ "$after" > "$before" ]] || fail "lab time ran back across the restart: $before, then $after"
# The next lab adopted the instance process the killed one left: the instance kept serving from
# the same process through the restart (it once was stopped and booted again, and before that an
# orphan kept the address while the restored instance could not bind it).
grep -q "adopted 1 instance process(es) that a previous lab" "$WORK/.faultbox/lab.log" ||
  fail "the new lab did not say it adopted the old lab's instance process"
new_pid=$(fb --output json instances | json '[i.get("Pid") for i in d if i["InstanceId"] == "'"$id"'"][0] or ""')
[ "$new_pid" = "$instance_pids" ] ||
  fail "the instance's process is $new_pid after the restart, expected the adopted $instance_pids"
expect_contains "$(page)" "Server step01-funky ($id)"

fb experiments stop "$experiment" >/dev/null
out=$(fb destroy --auto-approve)
expect_contains "$out" "Destroy complete! Resources: 3 destroyed."
echo "lab restart: ok"
