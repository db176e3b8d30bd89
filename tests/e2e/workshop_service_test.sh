#!/usr/bin/env bash
# The workshop's step03 service stands up for real: apply, rotation over 3 AZs, a killed instance
# is replaced with no failed request, a stopped one is replaced, destroy leaves no process.
source "$(dirname "$0")/lib.sh"
export FAULTBOX_SPEED=10
use_workshop_step step03

out=$(fb apply --auto-approve --var-file ../common/common.tfvars)
expect_contains "$out" "Apply complete! Resources: 6 added, 0 changed, 0 destroyed."
url=$(fb --output json output | json 'd["outputs"]["elb_url"]["value"]')
expect_contains "$url" "http://127.20."

wait_in_service 3

expect_rotation "$url" 10

listed=$(fb instances --filter tag:Panda=funky --filter instance-state-name=running | tail -n +2 | wc -l)
[ "$listed" -eq 3 ] || fail "instances --filter tag:Panda=funky listed $listed, expected 3"

out=$(fb apply --auto-approve --var-file ../common/common.tfvars)
expect_contains "$out" "0 added, 0 changed, 0 destroyed"

# kill -9 one instance's process while traffic flows: no request may fail.
victim_pid=$(fb --output json instances | json 'd[0]["Pid"]')
victim_id=$(fb --output json instances | json 'd[0]["InstanceId"]')
"$FAULTBOX" traffic "$url/" --interval 50ms --duration 12s >traffic.out 2>&1 &
traffic_pid=$!
STARTED_PIDS+=($traffic_pid)
sleep 1
kill -9 "$victim_pid"
sleep 9
wait_in_service 3
wait "$traffic_pid"
cat traffic.out
expect_contains "$(cat traffic.out)" "failures 0,"
fb groups | grep -q "Terminating EC2 instance: $victim_id" || { fb groups; fail "$victim_id not replaced"; }

# Stopping an instance through the CLI gets it replaced.
stopped_id=$(fb --output json instances --filter instance-state-name=running | json 'd[0]["InstanceId"]')
expect_contains "$(fb instance stop "$stopped_id")" "$stopped_id: stopping"
for _ in $(seq 300); do
  fb groups | grep -q "Terminating EC2 instance: $stopped_id" && break; sleep 0.1
done
fb groups | grep -q "Terminating EC2 instance: $stopped_id" || { fb groups; fail "stopped $stopped_id not replaced"; }
wait_in_service 3

# Changing the health check re-applies in place: the load balancer keeps its address and serves.
python3 - <<'PY'
import json
d = json.load(open("main.tf.json"))
d["resource"]["aws_elb"]["this"]["health_check"]["interval"] = 6
json.dump(d, open("main.tf.json", "w"), indent=1)
PY
out=$(fb apply --auto-approve --var-file ../common/common.tfvars)
expect_contains "$out" "Apply complete! Resources: 0 added, 1 changed, 0 destroyed."
wait_in_service 3
expect_contains "$(curl -s "$url/")" "Server step03-funky"
[ "$(fb --output json lbs | json 'd[0]["HealthCheck"]["Interval"]')" = 6 ] ||
  fail "the new health-check interval is not in effect"

pids=$(fb --output json instances | json '" ".join(str(i["Pid"]) for i in d if i["Pid"])')
out=$(fb destroy --auto-approve)
expect_contains "$out" "Destroy complete! Resources: 6 destroyed."
sleep 1
for pid in $pids; do
  kill -0 "$pid" 2>/dev/null && fail "instance process $pid still alive after destroy"
done
echo "workshop service: ok"
