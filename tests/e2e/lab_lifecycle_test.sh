#!/usr/bin/env bash
# A lab serves its port, reports its speed, refuses a second
# lab on the same directory, and `faultbox down` stops it.
source "$(dirname "$0")/lib.sh"

out=$("$FAULTBOX" status) && fail "status should exit non-zero with no lab: $out"
expect_contains "$out" "No lab is running"

"$FAULTBOX" serve --port "$FAULTBOX_PORT" --speed 10 >serve.log 2>&1 &
STARTED_PIDS+=($!)
for _ in $(seq 100); do "$FAULTBOX" status >/dev/null 2>&1 && break; sleep 0.1; done

out=$("$FAULTBOX" status)
expect_contains "$out" "Lab running at http://127.0.0.1:$FAULTBOX_PORT"
expect_contains "$out" "speed 10x"

health=$(curl -s "http://127.0.0.1:$FAULTBOX_PORT/_faultbox/health")
expect_contains "$health" '"status":"ok"'

out=$("$FAULTBOX" serve --port "$FAULTBOX_PORT" 2>&1) && fail "second serve should fail"
expect_contains "$out" "ConflictException: a lab already serves"

lab_pid=$(python3 -c 'import json; print(json.load(open(".faultbox/lab.json"))["pid"])')
out=$("$FAULTBOX" down)
expect_contains "$out" "Lab stopped (pid $lab_pid)"
kill -0 "$lab_pid" 2>/dev/null && fail "lab process $lab_pid still alive after down"
[ -f .faultbox/lab.json ] && fail "lab.json left behind"
echo "lab lifecycle: ok"
