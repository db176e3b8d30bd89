#!/usr/bin/env bash
# `faultbox workshop`, the README's main job, end to end at speed 20 on faultbox's own stacks:
# step01's server comes back, step02's group replaces its server, step03's run 1 completes and
# run 2 is stopped by the alarm (both reports written), step04's function times out under the
# add-delay experiment; nothing is left running or on disk.
source "$(dirname "$0")/lib.sh"

rc=0
"$FAULTBOX" workshop --speed 20 --reports "$WORK/reports" >workshop.out 2>&1 || rc=$?
cat workshop.out
[ $rc -eq 0 ] || fail "faultbox workshop exited $rc"
out=$(cat workshop.out)
expect_contains "$out" "Apply complete! Resources: 6 added, 0 changed, 0 destroyed."
expect_contains "$out" "Server step03-funky"
expect_contains "$out" "completed  Experiment completed."
expect_contains "$out" "stopped  Experiment halted by stop condition."
expect_contains "$out" "availability"
expect_contains "$out" "Destroy complete! Resources: 6 destroyed."
expect_contains "$out" "Run 1 completed, as the workshop expects; run 2 was stopped by its stop condition"
expect_contains "$out" "Step 01: the server went away while stopped and came back after 2 minutes, as the README says."
expect_contains "$out" "Step 02: the group replaced the stopped server, as the README says."
expect_contains "$out" "Sandbox.Timedout"
expect_contains "$out" "Step 04: the function answered, timed out after 30.00 seconds during the experiment, and answered again after it, as the README says."
expect_contains "$out" "Every step ended as its README says."
[ "$(ls "$WORK"/reports/report-*.html | wc -l)" -eq 2 ] || fail "expected two HTML reports"
[ "$(ls "$WORK"/reports/report-*.json | wc -l)" -eq 2 ] || fail "expected two JSON reports"
# The workshop's own lab directory is gone, and with it its lab (it answers no more).
workdir=$(ls -d /tmp/faultbox-workshop-* 2>/dev/null | while read -r d; do
  grep -q "$d" workshop.out && echo "$d"; done || true)
[ -z "$workdir" ] || fail "the workshop left $workdir behind"
! curl -s -m 2 "http://127.0.0.1:$FAULTBOX_PORT/_faultbox/health" >/dev/null ||
  fail "the workshop's lab still answers on port $FAULTBOX_PORT"
echo "workshop command: ok"
