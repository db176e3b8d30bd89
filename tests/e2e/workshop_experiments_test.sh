#!/usr/bin/env bash
# The seed's experiment end to end: run 1 stops 2 of 3 instances, waits PT3M, stops again and
# completes with the service up; run 2 (selection mode ALL) takes the service down, the alarm
# fires and the stop condition stops the experiment; the group brings the service back.
source "$(dirname "$0")/lib.sh"
export FAULTBOX_SPEED=10
use_workshop_step step03

fb apply --auto-approve --var-file ../common/common.tfvars >/dev/null
url=$(fb --output json output | json 'd["outputs"]["elb_url"]["value"]')
wait_in_service

# A template with an unknown action is refused with FIS's error type.
sed 's/aws:fis:wait/aws:fis:nap/' templates/stop-two-instances.json >bad.json
out=$(fb templates create --file bad.json 2>&1) && fail "bad template accepted"
expect_contains "$out" "ValidationException"
expect_contains "$out" "aws:fis:nap"

template=$(fb templates create --file file://templates/stop-two-instances.json)
"$FAULTBOX" "${D[@]}" traffic "$url/" --duration 90s >traffic1.out 2>&1 &
traffic=$!
STARTED_PIDS+=($traffic)

# Run 1: two of three instances stop twice; the experiment completes.
rc=0
fb experiments start "$template" --wait >run1.out || rc=$?
cat run1.out
[ $rc -eq 0 ] || fail "run 1 should complete (exit $rc)"
expect_contains "$(cat run1.out)" "completed  Experiment completed."
[ "$(fb --output json alarms | json 'd["MetricAlarms"][0]["StateValue"]')" != "ALARM" ] ||
  fail "the alarm fired during run 1"
wait_in_service

# Run 2: every instance; the alarm stops the experiment.
fb templates update "$template" --selection-mode step03-instances=ALL >/dev/null
rc=0
fb experiments start "$template" --wait >run2.out || rc=$?
cat run2.out
[ $rc -eq 2 ] || fail "run 2 should end stopped (exit 2), got $rc"
expect_contains "$(cat run2.out)" "stopped  Experiment halted by stop condition."
expect_contains "$(cat run2.out)" "cancelled"
expect_contains "$(fb alarms)" "Alarm updated from OK to ALARM"
wait_in_service
kill -TERM "$traffic"
wait "$traffic" || true
summary=$(tail -n 1 traffic1.out)
echo "$summary"
expect_contains "$summary" "failures"
[[ "$summary" != *"failures 0,"* ]] || fail "run 2 should have made requests fail"

expect_contains "$(fb experiments list)" "completed"
run2=$(fb --output json experiments list | json 'd["experiments"][-1]["id"]')
out=$(fb report "$run2" --dir reports)
expect_contains "$out" "stop condition"
grep -q "HTTPCode_ELB_5XX" "reports/report-$run2.html" || fail "report has no 5XX chart"
grep -q "<script" "reports/report-$run2.html" && fail "report must not need scripts"
python3 -c "import json; d=json.load(open('reports/report-$run2.json')); assert d['verdict']['code']=='stopped-by-stop-condition', d['verdict']"
fb destroy --auto-approve >/dev/null
echo "workshop experiments: ok"
