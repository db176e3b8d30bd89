#!/usr/bin/env bash
# A whole workshop on one lab: N participants (default 68) each apply faultbox's step03 with a
# panda name of their own, run the workshop's traffic loop against their load balancer, and start
# the step03 template (COUNT(2): two of three instances stopped, PT3M, stopped again) at the same
# moment. Meanwhile bench/api_prober.py measures the lab's own API (health, CloudWatch, EC2, FIS
# reads and a FIS write), one call every 0.05 s.
#
#   bench/participants.sh [N=68] [SPEED=10]
#
# Environment:
#   FAULTBOX=path   the faultbox binary (default: build/src/cli/faultbox, else `faultbox` on PATH)
#   OUT=DIR         keep the evidence there (probes, phases, traffic summaries, experiments,
#                   lab.log); default: a temp dir, kept when a check fails
#   PROBER_NICE=N   the prober's nice value (default -5 as root: the client that measures should
#                   not be what waits for the CPU; 0 otherwise)
#
# It prints, in order: the applies (every 10th), the time until every group had 3 InService, the
# API's latency per phase (quiet: services up, no traffic; traffic: N loops; starts: the N
# experiments being started at once; experiments: until they all ended) and call, the lab's
# control thread's CPU time and run-queue wait per phase, the experiments' end states, the
# traffic loops' failures, the machine's load average, and the number of `serve` processes on
# the lab's directory. Exit 1 when an experiment did not complete, more than one lab served, or
# the API's p99 under load was over 100 ms.
#
# Only 127.0.0.0/8; the lab, its instances and every process started here are stopped by PID.
set -euo pipefail

N=${1:-68}
SPEED=${2:-10}
source "$(dirname "${BASH_SOURCE[0]}")/lab_lib.sh"
python3 -c 'import boto3' 2>/dev/null || { echo "the prober needs boto3 (apt-get install python3-boto3)" >&2; exit 2; }
if [[ -z ${PROBER_NICE:-} ]]; then
  if [[ $(id -u) -eq 0 ]]; then PROBER_NICE=-5; else PROBER_NICE=0; fi
fi
lab_bench_init participants

# Each phase's start, and the lab's control thread's scheduler counters then (time on a CPU and
# time runnable but waiting for one, in ns), which tell a busy thread from a starved one.
phase() {
  echo "$EPOCHREALTIME $1" >>"$OUT/phases.tsv"
  echo "$EPOCHREALTIME $1 $(cat "/proc/$LAB_PID/task/$LAB_PID/schedstat" 2>/dev/null)" >>"$OUT/control_thread.tsv"
}
panda() { printf 'p%02d' "$1"; }

log "lab: $N participants, speed $SPEED, port $PORT, data $FAULTBOX_DATA_DIR"
start_lab "$SPEED"

# --- every participant's stack, applied one after another as people would ------------------------
started=$EPOCHREALTIME
for ((i = 1; i <= N; i++)); do
  p=$(panda "$i")
  mkdir -p "$WORK/$p/common"
  cp -r "$REPO_DIR/examples/workshop/step03" "$WORK/$p/step03"
  echo "panda_name = \"$p\"" >"$WORK/$p/common/common.tfvars"
  (cd "$WORK/$p/step03" && fb apply --auto-approve --var-file ../common/common.tfvars >"$OUT/apply-$p.out")
  ((i % 10 == 0 || i == N)) && log "applied $i of $N stacks"
done
log "applies took $(python3 -c "print(round($EPOCHREALTIME - $started, 1))") s"

# Every group at 3 InService and every alarm OK (the 503s before the first instance is InService
# may have set them off), as the seed asks before a run.
ready() {
  local lbs alarms
  lbs=$(fb --output json lbs | json "sum(sum(h['State'] == 'InService' for h in b['InstanceHealth']) >= 3 for b in d)")
  alarms=$(fb --output json alarms | json "sum(a['StateValue'] == 'OK' for a in d['MetricAlarms'])")
  echo "$lbs $alarms"
}
for ((t = 0; ; t++)); do
  read -r whole quiet < <(ready)
  ((whole >= N && quiet >= N)) && break
  ((t % 10 == 0)) && log "$whole of $N groups at 3 InService, $quiet alarms OK"
  ((t < 600)) || { log "the services did not come up in 10 min"; BROKEN=1; exit 1; }
  sleep 1
done
log "every service ready $(python3 -c "print(round($EPOCHREALTIME - $started, 1))") s after the first apply"

# --- templates, the prober, the traffic loops, the experiments ----------------------------------
declare -a TEMPLATES URLS
for ((i = 1; i <= N; i++)); do
  p=$(panda "$i")
  sed "s/funky/$p/g" "$REPO_DIR/examples/workshop/step03/templates/stop-two-instances.json" \
    >"$WORK/$p/template.json"
  TEMPLATES[i]=$(fb templates create --file "$WORK/$p/template.json")
  URLS[i]=$(cd "$WORK/$p/step03" && fb --output json output | json 'd["outputs"]["elb_url"]["value"]')
done

: >"$OUT/probes.tsv"
: >"$OUT/phases.tsv"
phase quiet
nice -n "$PROBER_NICE" python3 "$LAB_LIB_DIR/api_prober.py" "$ENDPOINT" "$OUT/probes.tsv" \
  p01-elb-alarm "${TEMPLATES[1]}" p01 0.05 2>"$OUT/prober.err" &
PROBER_PID=$!
PIDS+=("$PROBER_PID")
sleep 10

phase traffic
declare -a LOOPS
for ((i = 1; i <= N; i++)); do
  # Bounded in time whatever happens here (a loop ends with its summary on SIGTERM below).
  "$FAULTBOX" --data-dir "$FAULTBOX_DATA_DIR" traffic "${URLS[i]}" --duration 20m >"$OUT/traffic-$(panda "$i").out" 2>&1 &
  LOOPS[i]=$!
  PIDS+=("${LOOPS[i]}")
done
sleep 15
read -r load1 _ </proc/loadavg
log "load average with $N traffic loops: $load1"

phase starts
if [[ -n ${PERF:-} ]]; then
  # shellcheck disable=SC2086
  perf record -q ${PERF_ARGS:---call-graph dwarf,16384 -F 499} -t "$LAB_PID" -o "$PERF" 2>"$OUT/perf.err" &
  PERF_PID=$!
  PIDS+=("$PERF_PID")
fi
declare -a STARTERS
for ((i = 1; i <= N; i++)); do
  fb experiments start "${TEMPLATES[i]}" >"$OUT/start-$(panda "$i").out" 2>&1 &
  STARTERS[i]=$!
done
for ((i = 1; i <= N; i++)); do
  wait "${STARTERS[i]}" || { log "$(panda "$i"): start failed: $(cat "$OUT/start-$(panda "$i").out")"; BROKEN=1; }
done
log "$N experiments started"
phase experiments
max_load=0
for ((t = 0; ; t++)); do
  fb --output json experiments list >"$OUT/experiments.json"
  running=$(json "sum(e['state']['status'] in ('pending', 'initiating', 'running', 'stopping') for e in d['experiments'])" <"$OUT/experiments.json")
  read -r load1 _ </proc/loadavg
  max_load=$(python3 -c "print(max($max_load, $load1))")
  ((running == 0)) && break
  ((t % 10 == 0)) && log "$running experiments running, load average $load1"
  ((t < 600)) || { log "experiments still running after 10 min"; BROKEN=1; break; }
  sleep 1
done
phase end
[[ -n ${PERF:-} ]] && { kill -INT "$PERF_PID" 2>/dev/null; wait "$PERF_PID" 2>/dev/null || true; }
kill -TERM "$PROBER_PID" 2>/dev/null || true
for ((i = 1; i <= N; i++)); do kill -TERM "${LOOPS[i]}" 2>/dev/null || true; done
wait "$PROBER_PID" 2>/dev/null || true
for ((i = 1; i <= N; i++)); do wait "${LOOPS[i]}" 2>/dev/null || true; done

# --- what happened ---------------------------------------------------------------------------------
echo
echo "== the lab's API, per phase (ms; prober at nice $PROBER_NICE) =="
python3 "$LAB_LIB_DIR/api_latency_summary.py" "$OUT/probes.tsv" "$OUT/phases.tsv" || BROKEN=1
echo
echo "== the lab's control thread, per phase (share of the phase's wall time) =="
python3 - "$OUT/control_thread.tsv" <<'PY'
import sys
rows = [line.split() for line in open(sys.argv[1])]
for a, b in zip(rows, rows[1:]):
    if len(a) < 4 or len(b) < 4:
        continue
    wall = (float(b[0]) - float(a[0])) * 1e9
    print(f"{a[1]:<12} on a CPU {100 * (int(b[2]) - int(a[2])) / wall:5.1f} %, "
          f"runnable and waiting {100 * (int(b[3]) - int(a[3])) / wall:5.1f} %")
PY
echo
echo "== experiments =="
json "'\n'.join(f'{s}: {n}' for s, n in sorted(__import__('collections').Counter(e['state']['status'] for e in d['experiments']).items()))" \
  <"$OUT/experiments.json"
completed=$(json "sum(e['state']['status'] == 'completed' for e in d['experiments'])" <"$OUT/experiments.json")
((completed == N)) || { log "$completed of $N experiments completed"; BROKEN=1; }
echo
echo "== traffic (the workshop's loop, one per participant) =="
python3 - "$OUT" "$N" <<'PY'
import glob, re, sys
totals = [0, 0]
worst = (0, "")
for path in sorted(glob.glob(f"{sys.argv[1]}/traffic-*.out")):
    m = re.search(r"requests (\d+), failures (\d+)", open(path).read())
    if not m:
        print(f"{path}: no summary")
        continue
    requests, failures = int(m.group(1)), int(m.group(2))
    totals[0] += requests
    totals[1] += failures
    worst = max(worst, (failures, path.rsplit("traffic-", 1)[1][:-4]))
print(f"requests {totals[0]}, failures {totals[1]}, most failures {worst[0]} ({worst[1]})")
PY
echo "highest load average while the experiments ran: $max_load (2 cores: $(nproc))"
serves=$(pgrep -fc -- "--data-dir $FAULTBOX_DATA_DIR serve" || true)
echo "serve processes on the lab's directory: $serves"
((serves == 1)) || BROKEN=1
((BROKEN == 0)) || exit 1
