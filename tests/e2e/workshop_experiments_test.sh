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

# Run 1's figures: traffic flowed and none of it failed.
run1=$(fb --output json experiments list | json 'd["experiments"][-1]["id"]')
out=$(fb report "$run1" --json r1/run1.json --html r1/run1.html)
echo "$out"
expect_contains "$out" "availability     100.00 %"
[ -s r1/run1.html ] || fail "--html did not write the page"
figure() {  # figure FILE EXPR: a Python expression over the report's figures f
  python3 -c "import json,sys; f=json.load(open(sys.argv[1]))['figures']; print($2)" "$1"
}
[ "$(figure r1/run1.json 'f["requests"] > 0 and f["failedRequests"] == 0')" = True ] ||
  fail "run 1 should have traffic and no failed request: $(figure r1/run1.json f)"
[ "$(figure r1/run1.json 'f["availabilityPercent"]')" = "100.0" ] || fail "run 1 availability"
[ "$(figure r1/run1.json 'f["timeToRecover"]["outcome"]')" != "unknown" ] ||
  fail "run 1 has a fault and a group: recovery must be measured"

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
# The group is back in service; its healthy-host count reaches the metrics a second later.
for _ in $(seq 50); do
  out=$(fb report "$run2" --dir reports)
  [ "$(figure "reports/report-$run2.json" 'f["timeToRecover"]["outcome"]')" = recovered ] && break
  sleep 0.2
done
echo "$out"
expect_contains "$out" "stop condition"
expect_contains "$out" "time to detect"
grep -q "HTTPCode_ELB_5XX" "reports/report-$run2.html" || fail "report has no 5XX chart"
grep -q "<script" "reports/report-$run2.html" && fail "report must not need scripts"
python3 -c "import json; d=json.load(open('reports/report-$run2.json')); assert d['verdict']['code']=='stopped-by-stop-condition', d['verdict']"
# Run 2's figures: failures, an outage, the alarm detecting it, the group recovering.
f2="reports/report-$run2.json"
[ "$(figure "$f2" 'f["failedRequests"] > 0 and f["availabilityPercent"] < 100')" = True ] ||
  fail "run 2 should have failed requests: $(figure "$f2" f)"
[ "$(figure "$f2" 'f["longestOutage"]["seconds"] > 0')" = True ] || fail "run 2 has no outage"
[ "$(figure "$f2" 'f["timeToDetect"]["seconds"] is not None and f["timeToDetect"]["seconds"] >= 0')" = True ] ||
  fail "run 2 has no time to detect: $(figure "$f2" 'f["timeToDetect"]')"
[ "$(figure "$f2" 'f["timeToRecover"]["outcome"] == "recovered" and f["timeToRecover"]["seconds"] > 0')" = True ] ||
  fail "run 2 has no time to recover: $(figure "$f2" 'f["timeToRecover"]')"
# Instance states: one lane per AZ, with the stopped instances.
html="reports/report-$run2.html"
grep -q 'id="instances"' "$html" || fail "report has no instance states section"
[ "$(grep -o 'class="label" x="8.0" y="[0-9.]*" text-anchor="start">eu-west-2[a-c]<' "$html" | wc -l)" -ge 2 ] ||
  fail "report should draw a lane per AZ"
grep -q 'class="seg is-stopped"' "$html" || fail "the stopped instances are not drawn"
[ "$(python3 -c "import json; d=json.load(open('$f2')); print(len(d['instanceStates']))")" -ge 2 ] ||
  fail "the JSON report should list instance states per AZ"
fb destroy --auto-approve >/dev/null
echo "workshop experiments: ok"
