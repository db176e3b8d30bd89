#!/usr/bin/env bash
# The seed's promise, repeated: on a fresh lab of its own, run 1 (the step03 template, COUNT(2):
# two of three instances stopped, PT3M, stopped again) must complete with no failed request and
# the alarm quiet; run 2 (the same template with selection mode ALL) must end `stopped` by the
# alarm. Both are repeated REPS times with the workshop's client loop running all along.
#
#   bench/seed_promise.sh [SPEED=10] [REPS=5] [CLIENT=curl|traffic]
#
#   CLIENT=curl     the workshop's loop: one `curl` every 0.5 s of lab time (0.05 s at --speed 10),
#                   '.' for 200, 'X' otherwise; CURL_PACING=clock (default) starts one on that
#                   schedule, CURL_PACING=sleep runs the README's `curl; sleep 0.5/N` literally
#                   (its lab-time rate falls when curl itself is slow, and with it the 5XX
#                   count per alarm period: run 2's alarm may then never fire)
#   CLIENT=traffic  `faultbox traffic URL` (paced in lab time, 0.5 s)
#
# Environment:
#   FAULTBOX=path   the faultbox binary (default: build/src/cli/faultbox, else `faultbox` on PATH)
#   STARTER=aws     start and follow experiments with the aws CLI (default), or STARTER=faultbox
#   AWS=aws         the aws CLI to use (e.g. /usr/bin/aws for Debian's 2.x)
#   OUT=DIR         keep the evidence there (client log with timestamps, each experiment, health
#                   samples, group activities, lab.log); default: a temp dir, kept when a
#                   repetition breaks the promise, removed otherwise
#   STACK=examples faultbox's step03 (examples/workshop/step03, default), or STACK=DIR: the
#                   workshop's own repository (e.g. ../shared/workshop): its init and step03, as
#                   the seed runs them (cloud-init instances; the group's default grace period)
#   BURN=N          N busy loops on the machine during the repetitions (a shared, starved machine)
#   MONITOR=1       sample the load balancer's instance health every 0.25 s into OUT (default 1)
#
# Per repetition it prints: run 1's failed requests, run 1's state, run 2's state, run 2's failed
# requests. A request is run 1's if it was sent from run 1's start until run 2's start (so the
# group's replacements after run 1 count too), run 2's from then until the service is back (3
# instances InService and the alarm OK). Exit 1 when any run 1 failed a request or ended other
# than `completed`, or any run 2 ended other than `stopped` (or the client sent nothing).
# Failed/sent counts are printed as F/N.
#
# Only 127.0.0.0/8; the lab, its instances and every process started here are stopped by PID.
set -euo pipefail

SPEED=${1:-10}
REPS=${2:-5}
CLIENT=${3:-curl}
STARTER=${STARTER:-aws}
AWS=${AWS:-aws}
MONITOR=${MONITOR:-1}
STACK=${STACK:-examples}
BURN=${BURN:-0}
CURL_PACING=${CURL_PACING:-clock}
[[ $STACK == examples ]] || STACK=$(readlink -f "$STACK")
case $CLIENT in curl | traffic) ;; *) echo "client must be curl or traffic" >&2; exit 2 ;; esac
case $STARTER in aws | faultbox) ;; *) echo "STARTER must be aws or faultbox" >&2; exit 2 ;; esac

source "$(dirname "${BASH_SOURCE[0]}")/lab_lib.sh"
lab_bench_init seed-promise
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=eu-west-2
export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_EC2_METADATA_DISABLED=true
export AWS_RETRY_MODE=standard AWS_MAX_ATTEMPTS=2 AWS_PAGER=""

awsx() { timeout 60 "$AWS" --endpoint-url "$ENDPOINT" --output json "$@"; }
now() { echo "$EPOCHREALTIME"; }

# --- the lab and the step03 service -----------------------------------------------------------
log "lab: speed $SPEED, port $PORT, data $FAULTBOX_DATA_DIR, client $CLIENT, starter $STARTER"
start_lab "$SPEED"

if [[ $STACK == examples ]]; then
  cp -r "$REPO_DIR/examples/workshop" "$WORK/workshop"
  cd "$WORK/workshop/step03"
  fb apply --auto-approve --var-file ../common/common.tfvars >"$OUT/apply.out"
  ROLE=arn:aws:iam::000000000000:role/funky-fis-role
else
  # The workshop's own repository, as its READMEs run it: init first, then step03.
  cp -r "$STACK" "$WORK/repo"  # Terraform writes state next to it (../../statefiles)
  for step in init step03; do
    (cd "$WORK/repo/steps/$step" && fb init >/dev/null &&
      fb apply --auto-approve --var-file ../common/common.tfvars >>"$OUT/apply.out")
  done
  cd "$WORK/repo/steps/step03"
  ROLE=arn:aws:iam::000000000000:role/funky_fis_iam_role
fi
URL=$(fb --output json output | json 'd["outputs"]["elb_url"]["value"]')
ALARM=funky-elb-alarm
LB=$(fb --output json lbs | json '[b["LoadBalancerName"] for b in d if "step03" in b["LoadBalancerName"]][0]')

in_service() {
  fb --output json lbs | json "sum(h['State'] == 'InService' for b in d if b['LoadBalancerName'] == '$LB' for h in b['InstanceHealth'])"
}
alarm_state() { fb --output json alarms | json "[a['StateValue'] for a in d['MetricAlarms'] if a['AlarmName'] == '$ALARM'][0]"; }
# The service as the seed asks before each run: 3 instances InService, the alarm OK.
wait_ready() {
  local i
  for i in $(seq 3000); do
    [[ $(in_service) -ge 3 && $(alarm_state) == OK ]] && return 0
    sleep 0.2
  done
  log "the service did not come back (3 InService, alarm OK) in 10 min"
  fb lbs >&2 || true
  fb alarms >&2 || true
  BROKEN=1
  return 1
}
wait_ready

# --- the template: COUNT(2), switched to ALL and back -------------------------------------------
python3 - "$REPO_DIR/examples/workshop/step03/templates/stop-two-instances.json" "$WORK/template.json" "$WORK/targets" "$ROLE" <<'PY'
import json, sys
t = json.load(open(sys.argv[1]))
t["roleArn"] = sys.argv[4]
json.dump(t, open(sys.argv[2], "w"))
for mode in ("COUNT(2)", "ALL"):
    targets = json.loads(json.dumps(t["targets"]))
    targets["step03-instances"]["selectionMode"] = mode
    name = "count2" if mode != "ALL" else "all"
    json.dump(targets, open(f"{sys.argv[3]}-{name}.json", "w"))
PY
if [[ $STARTER == aws ]]; then
  TEMPLATE=$(awsx fis create-experiment-template --cli-input-json "file://$WORK/template.json" |
    json 'd["experimentTemplate"]["id"]')
else
  TEMPLATE=$(fb templates create --file "$WORK/template.json")
fi
log "template $TEMPLATE; url $URL; load balancer $LB; alarm $ALARM"

set_mode() {  # set_mode count2|all
  if [[ $STARTER == aws ]]; then
    awsx fis update-experiment-template --id "$TEMPLATE" \
      --targets "file://$WORK/targets-$1.json" >/dev/null
  else
    local mode=ALL
    [[ $1 == count2 ]] && mode='COUNT(2)'
    fb templates update "$TEMPLATE" --selection-mode "step03-instances=$mode" >/dev/null
  fi
}
# Runs the template to its end; sets RUN_ID and RUN_STATE.
run_experiment() {
  RUN_ID= RUN_STATE=
  if [[ $STARTER == aws ]]; then
    RUN_ID=$(awsx fis start-experiment --experiment-template-id "$TEMPLATE" |
      json 'd["experiment"]["id"]')
    while :; do
      RUN_STATE=$(awsx fis get-experiment --id "$RUN_ID" | json 'd["experiment"]["state"]["status"]') ||
        RUN_STATE=unknown
      case $RUN_STATE in completed | stopped | failed | cancelled) break ;; esac
      sleep 1
    done
  else
    local out rc=0
    out=$(fb experiments start "$TEMPLATE" --wait 2>&1) || rc=$?
    RUN_ID=$(awk '/^started /{print $2; exit}' <<<"$out")
    RUN_STATE=$(fb --output json experiments get "$RUN_ID" 2>/dev/null |
      json 'd["experiment"]["state"]["status"]' 2>/dev/null) || RUN_STATE="exit-$rc"
  fi
}

# --- the client loop, every answer timestamped ----------------------------------------------------
CLIENT_LOG=$OUT/client.log  # "epoch-seconds status" per request (status 200 is '.', others 'X')
if [[ $CLIENT == curl ]]; then
  INTERVAL=$(python3 -c "print(0.5 / $SPEED)")
  INTERVAL_US=$(python3 -c "print(round(500000 / $SPEED))")
  if [[ $CURL_PACING == sleep ]]; then
    # The README's loop as written: curl, then sleep. Each curl's own time (fork, exec, connect)
    # is wall-clock time, so at --speed N it costs N times as much lab time.
    (
      trap 'exit 0' TERM
      while :; do
        t=$EPOCHREALTIME
        code=$(curl -s -o /dev/null -w "%{http_code}" --max-time 30 "$URL") || true
        echo "$t ${code:-000}"
        sleep "$INTERVAL"
      done
    ) >"$CLIENT_LOG" &
  else
    # One curl started every 0.5 s of lab time, whatever the previous one took (each in the
    # background, so a slow answer does not hold back the next request).
    (
      trap 'exit 0' TERM
      next=${EPOCHREALTIME/./}
      while :; do
        (
          t=$EPOCHREALTIME
          code=$(curl -s -o /dev/null -w "%{http_code}" --max-time 30 "$URL") || true
          echo "$t ${code:-000}"
        ) &
        next=$((next + INTERVAL_US))
        now=${EPOCHREALTIME/./}
        if ((next - now > 0)); then
          sleep "$(printf '%d.%06d' $(((next - now) / 1000000)) $(((next - now) % 1000000)))"
        elif ((now - next > 1000000)); then
          next=$now  # more than a second behind: no burst to catch up
        fi
      done
    ) >"$CLIENT_LOG" &
  fi
  PIDS+=($!)
else
  # faultbox traffic prints '.' or 'X' per answer; each is stamped as it arrives.
  "$FAULTBOX" --data-dir "$FAULTBOX_DATA_DIR" traffic "$URL/" 2>"$OUT/traffic.err" |
    python3 -u -c '
import sys, time
while True:
    c = sys.stdin.read(1)
    if not c:
        break
    if c in ".X":
        print("%.6f %d" % (time.time(), 200 if c == "." else 0), flush=True)
' >"$CLIENT_LOG" &
  PIDS+=($!)
  # The pipeline's first process: found by its parent (this shell) and its command line.
  sleep 0.5
  for p in $(pgrep -P $$ -f "traffic $URL/" || true); do PIDS+=("$p"); done
fi

# --- health samples, for the evidence -------------------------------------------------------------
if ((MONITOR)); then
  (
    trap 'exit 0' TERM
    while :; do
      printf '%s ' "$EPOCHREALTIME"
      fb --output json lbs 2>/dev/null | tr -d '\n ' || true
      echo
      sleep 0.25
    done
  ) >"$OUT/health.log" &
  PIDS+=($!)
fi

# --- a starved machine, on request ---------------------------------------------------------------
for _ in $(seq "$BURN"); do
  (trap 'exit 0' TERM; while :; do :; done) &
  PIDS+=($!)
done

failures() {  # failures FROM TO: failed requests sent in [FROM, TO)
  awk -v a="$1" -v b="$2" '$1 >= a && $1 < b { n++; if ($2 != 200) f++ } END { printf "%d/%d", f, n }' "$CLIENT_LOG"
}

# --- the repetitions ------------------------------------------------------------------------------
printf '%-4s %-14s %-10s %-10s %-14s %s\n' rep run1-failed run1 run2 run2-failed experiments
for rep in $(seq "$REPS"); do
  wait_ready
  set_mode count2
  t1=$(now)
  run_experiment
  r1_id=$RUN_ID r1_state=$RUN_STATE
  wait_ready
  set_mode all
  t2=$(now)
  run_experiment
  r2_id=$RUN_ID r2_state=$RUN_STATE
  wait_ready
  t3=$(now)
  sleep 0.2  # the last requests land in the log
  f1=$(failures "$t1" "$t2") f2=$(failures "$t2" "$t3")
  for id in "$r1_id" "$r2_id"; do fb --output json experiments get "$id" >"$OUT/$id.json" 2>&1 || true; done
  echo "$rep $t1 $t2 $t3 $r1_id $r2_id" >>"$OUT/windows.txt"
  printf '%-4s %-14s %-10s %-10s %-14s %s %s\n' "$rep" "$f1" "$r1_state" "$r2_state" "$f2" "$r1_id" "$r2_id"
  if [[ ${f1%%/*} != 0 || ${f1#*/} == 0 || ${f2#*/} == 0 || $r1_state != completed ||
    $r2_state != stopped ]]; then
    BROKEN=1
    awk -v a="$t1" -v b="$t2" '$1 >= a && $1 < b && $2 != 200 { printf "  run1 failure at +%.2fs status %s\n", $1 - a, $2 }' "$CLIENT_LOG" | head -20
  fi
done
fb --output json groups >"$OUT/groups.json" 2>/dev/null || true
# An instance the group replaced for failing the load balancer's checks (not for being stopped):
# in run 1 that is how the one surviving instance is lost.
elb_replaced=$(grep -o 'ELB system health check failure' "$OUT/groups.json" | wc -l || true)
log "group activities: $elb_replaced instance(s) replaced after failing the load balancer's checks"
fb alarms >"$OUT/alarms.txt" 2>/dev/null || true
fb instances >"$OUT/instances.txt" 2>/dev/null || true
for e in $(fb --output json instances | json '" ".join(i["ConsoleLog"] for i in d)' 2>/dev/null); do
  { echo "--- $e"; cat "$e"; } >>"$OUT/consoles.txt" 2>/dev/null || true
done
((BROKEN)) && { log "the seed's promise was broken (evidence in $OUT)"; exit 1; }
log "the seed's promise held $REPS times"
