#!/usr/bin/env bash
# Crash-only recovery: the lab is killed with -9 at 20 moments of the seed's two runs (run 1:
# COUNT(2), run 2: ALL, with `faultbox traffic` flowing; some kills 0.1 s after an experiment
# started), and each time the next lab (started by the next command) must hold every experiment
# started so far, none failed by the restart; no instance process may listen that is not a running
# instance of the new lab, and none left by the killed one; lab time and each experiment's log
# must run forward; with nothing stopped, the group is back to 3 InService within 2 health-check
# cycles. Run 1 must still complete, and run 2 end stopped by its alarm or completed (below).
# Prints the 20 outcomes.
# After a graceful restart the group keeps its instances, which boot again.
source "$(dirname "$0")/lib.sh"
export FAULTBOX_SPEED=10
use_workshop_step step03
apply_step03
url=$(step03_output elb_url)
template=$(fb templates create --file templates/stop-two-instances.json)
"$FAULTBOX" "${D[@]}" traffic "$url/" --duration 300s >traffic.out 2>&1 &
STARTED_PIDS+=($!)

lab_pid() { json 'd["pid"]' <"$WORK/.faultbox/lab.json"; }
lab_time() { curl -sf "http://127.0.0.1:$FAULTBOX_PORT/_faultbox/health" | json 'd["time"]'; }
status_of() { fb --output json experiments get "$1" | json 'd["experiment"]["state"]["status"]'; }
wait_alarm_ok() {
  for _ in $(seq 300); do
    [ "$(fb --output json alarms | json 'd["MetricAlarms"][0]["StateValue"]')" = OK ] && return 0
    sleep 0.1
  done
  fail "the alarm did not return to OK"
}
# Seconds (real) until 3 instances are InService, 30 s at most; prints them.
seconds_to_in_service() {
  local start=$SECONDS
  for _ in $(seq 300); do
    [ "$(in_service)" -ge 3 ] && { echo $((SECONDS - start)); return 0; }
    sleep 0.1
  done
  echo never
}

started=()  # every experiment started, in order
outcomes=()
kill_and_check() {  # kill_and_check MOMENT: kill -9 the lab, restart it, check what it holds
  local moment=$1 pid before after e listening wrong recover="-" in_before
  pid=$(lab_pid)
  in_before=$(in_service)
  before=$(lab_time)
  kill -9 "$pid"
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fb experiments list >/dev/null  # a command that needs a lab starts the next one
  after=$(lab_time)
  [[ "$after" > "$before" || "$after" == "$before" ]] ||
    fail "$moment: lab time ran back across the restart: $before, then $after"
  local listed
  listed=$(fb --output json experiments list | json '" ".join(x["id"] for x in d["experiments"])')
  for e in "${started[@]}"; do
    [[ " $listed " == *" $e "* ]] || fail "$moment: experiment $e was lost by the kill"
    local status
    status=$(status_of "$e")
    [ "$status" != failed ] || fail "$moment: the restart failed experiment $e: $(fb experiments get "$e")"
    # The experiment's own log runs forward.
    fb --output json experiments get "$e" |
      json 'all(a["event_timestamp"] <= b["event_timestamp"] for a, b in zip(d["log"], d["log"][1:]))' |
      grep -qx True || fail "$moment: experiment $e's log runs backwards: $(fb experiments get "$e")"
  done
  # Let the new lab boot its instances, then: only its own running instances listen, each from
  # the process group the lab lists as the instance's (an orphan of the killed lab would not be).
  sleep 1
  listening=$(python3 "$REPO_ROOT/tests/e2e/listening_instances.py" "$WORK/")
  local owners
  owners=$(fb --output json instances |
    json '" ".join(i["PrivateIpAddress"] + "=" + str(i.get("Pid") or 0) for i in d if i["State"]["Name"] == "running")')
  wrong=$(while read -r ip pid pgid; do
    [ -n "$ip" ] || continue
    [[ " $owners " == *" $ip=$pgid "* ]] || echo "$ip (pid $pid, group $pgid)"
  done <<<"$listening")
  [ -z "$wrong" ] || fail "$moment: listening, but not a running instance's process: $wrong (the lab lists $owners)"
  # With the service whole before the kill, it is whole again within 2 health-check cycles
  # (10 s of lab time, 1 s at --speed 10) after the instances booted.
  if [ "$in_before" -ge 3 ]; then
    recover=$(seconds_to_in_service)
    [ "$recover" != never ] && [ "$recover" -le 2 ] ||
      fail "$moment: 3 InService again after ${recover}s, more than 2 health-check cycles"
  fi
  outcomes+=("$(printf '%-34s lab time %s -> %s  listening %s  back to 3 InService after %ss' \
    "$moment" "${before:11:8}" "${after:11:8}" "$(awk '{print $1}' <<<"$listening" | sort -u | wc -l)" "$recover")")
}

# Runs the template once with kills at the given seconds after its start (real time, each counted
# from the previous restart), then waits for its end; prints the final status.
run_with_kills() {
  local run=$1 e
  shift
  wait_in_service
  wait_alarm_ok
  e=$(fb experiments start "$template" | sed -n 's/^started //p')
  started+=("$e")
  for delay in "$@"; do
    sleep "$delay"
    kill_and_check "run $run, ${delay}s after the last event"
  done
  for _ in $(seq 600); do
    case "$(status_of "$e")" in completed | stopped | failed | cancelled) break ;; esac
    sleep 0.2
  done
  RUN_STATUS=$(status_of "$e")
  RUN_ID=$e
}

run_with_kills 1 0.1 1 2 2 3 3 4 0.1 5 1
[ "$RUN_STATUS" = completed ] || fail "run 1 ended $RUN_STATUS: $(fb experiments get "$RUN_ID")"
run1=$RUN_ID
fb templates update "$template" --selection-mode step03-instances=ALL >/dev/null
run_with_kills 2 0.1 0.5 1 1 2 2 3 3 4 5
# Run 2 ends by its alarm, or completes when the kills kept the alarm from seeing 10 5XX in 2 of
# its 4 periods: the load balancer is down (no answers, no 5XX) while the lab restarts, and the
# metrics of the last minute before a kill -9 are lost (saved once a minute). Never failed.
case "$RUN_STATUS" in
  stopped) expect_contains "$(fb experiments get "$RUN_ID")" "Experiment halted by stop condition." ;;
  completed) echo "run 2 completed: the alarm did not fire between the kills" ;;
  *) fail "run 2 ended $RUN_STATUS: $(fb experiments get "$RUN_ID")" ;;
esac

printf '%s\n' "${outcomes[@]}"
[ "${#outcomes[@]}" -eq 20 ] || fail "expected 20 kills, made ${#outcomes[@]}"
wait_in_service
# The group's activities run forward in lab time across all the restarts.
fb --output json groups |
  json 'all(a["StartTime"] <= b["StartTime"] for g in d for a, b in zip(g["Activities"], g["Activities"][1:]))' |
  grep -qx True || fail "the group's activities are out of order: $(fb groups)"
echo "run 1 $run1 completed, run 2 $RUN_ID $RUN_STATUS, across 20 kills"

# A graceful restart: the instances boot again and are kept (their grace period starts again with
# the boot; it once counted from their first launch, and the group replaced them all).
ids() { fb --output json instances | json '" ".join(sorted(i["InstanceId"] for i in d if i["State"]["Name"] == "running"))'; }
before=$(ids)
fb down >/dev/null
fb experiments list >/dev/null
wait_in_service
sleep 3  # 30 s of lab time: past two failed checks, had the group wanted to replace them
[ "$(ids)" = "$before" ] || fail "the group replaced its instances after a graceful restart: $before, then $(ids)"
fb destroy --auto-approve >/dev/null
echo "kill moments: ok"
