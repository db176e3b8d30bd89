#!/usr/bin/env bash
# Throughput and latency: wrk against one backend directly (the ceiling), faultbox's load
# balancer, HAProxy and nginx, with 1 and 2 load-balancer threads/workers; targets interleaved,
# REPS repetitions, medians. Besides rps and latency it prints, per load balancer, CPU time per
# request and context switches per 1000 requests (sleeps and preemptions), and faultbox's ratios
# to every other load balancer run, twice: of the medians, and paired (the median of
# per-repetition ratios).
# About 3.5 minutes with the defaults.
#   bench/speed.sh            (env: REPS=3 DURATION=5s CONNECTIONS=50 WRK_THREADS=2 LB_THREADS="1 2"
#                              TARGETS="direct faultbox haproxy nginx" MAX_STEAL=percent
#                              KEEP=dir to keep the runs)
source "$(dirname "$0")/lib.sh"

REPS=${REPS:-3}
DURATION=${DURATION:-5s}
CONNECTIONS=${CONNECTIONS:-50}
WRK_THREADS=${WRK_THREADS:-2}
LB_THREADS=${LB_THREADS:-1 2}
# In this order in each repetition; a long run of two (TARGETS="faultbox haproxy" REPS=40
# DURATION=3s) is what it takes to see a 5% p99 difference through this machine's noise. Also
# possible (see start_lb in lib.sh): baseline (FAULTBOX_BASELINE=path, to measure a change;
# FAULTBOX_ARGS and FAULTBOX_BASELINE_ARGS add lb-bench-proxy options, e.g. "--yield off"),
# haproxy-leastconn, nginx-leastconn, haproxy-xff (adding the headers an ELB adds), minimal and
# minimal-batch (a bare epoll relay: the floor on this machine; MINIMAL_SPIN_NS=ns per request).
TARGETS=${TARGETS:-direct faultbox haproxy nginx}

ensure_tools
backend_port=$(free_port)
start_backends "$backend_port"
log "backends on ${BACKEND_IPS[*]} port $backend_port; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
results=$BENCH_TMP/results.tsv
: >"$results"

# CPU time (user + system, clock ticks) of a process and its children (nginx workers): per
# request, it says what a load balancer costs even when other work shares the cores.
cpu_ticks() {
  local total=0 pid
  [[ -n $1 ]] || { echo 0; return; }
  for pid in "$1" $(pgrep -P "$1" || true); do
    total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}

# Context switches of all threads of a process and its children: "voluntary involuntary". A
# voluntary one is a sleep (epoll_wait with nothing to do), and each wake-up may wait for a core
# on a busy machine; an involuntary one is a preemption. Both put latency on the requests held.
ctx_switches() {
  local vol=0 invol=0 pid status v i
  [[ -n $1 ]] || { echo "0 0"; return; }
  for pid in "$1" $(pgrep -P "$1" || true); do
    for status in /proc/"$pid"/task/*/status; do
      read -r v i < <(awk '/^voluntary_ctxt/ {v=$2} /^nonvoluntary_ctxt/ {i=$2}
                            END {print v + 0, i + 0}' "$status" 2>/dev/null || echo "0 0")
      vol=$((vol + v)) invol=$((invol + i))
    done
  done
  echo "$vol $invol"
}

run_wrk() {  # label threads rep url [pid of the load balancer]
  local out=$BENCH_TMP/wrk-$1-$2-$3.txt before after ctx_before ctx_after machine_before machine_after
  before=$(cpu_ticks "${5:-}")
  read -ra ctx_before < <(ctx_switches "${5:-}")
  read -ra machine_before < <(machine_ticks)
  timeout 60 wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$4" >"$out" 2>&1 || true
  after=$(cpu_ticks "${5:-}")
  read -ra ctx_after < <(ctx_switches "${5:-}")
  read -ra machine_after < <(machine_ticks)
  echo "cpu_ticks $((after - before)) hz $(getconf CLK_TCK)" >>"$out"
  echo "ctx_switches $((ctx_after[0] - ctx_before[0])) $((ctx_after[1] - ctx_before[1]))" >>"$out"
  echo "machine_ticks $((machine_after[0] - machine_before[0])) $((machine_after[1] - machine_before[1]))" >>"$out"
  printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$out" >>"$results"
}

for threads in $LB_THREADS; do
  declare -A port=() pid=()
  for target in $TARGETS; do
    [[ $target == direct ]] && continue
    port[$target]=$(free_port)
    start_lb "$target" "$threads" "${port[$target]}" "$backend_port"
    pid[$target]=$LB_PID
  done
  for ((rep = 1; rep <= REPS; rep++)); do
    log "threads $threads, repetition $rep/$REPS"
    for target in $TARGETS; do
      if [[ $target == direct ]]; then
        run_wrk direct "$threads" "$rep" "http://${BACKEND_IPS[0]}:$backend_port/"
      else
        run_wrk "$target" "$threads" "$rep" "http://$LB_IP:${port[$target]}/" "${pid[$target]}"
      fi
    done
  done
  for target in "${!pid[@]}"; do stop_pid "${pid[$target]}"; done
done
log "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "wrk -t$WRK_THREADS -c$CONNECTIONS -d$DURATION --latency; $REPS repetitions, medians"
python3 "$BENCH_DIR/wrk_summary.py" "$results" "${MAX_STEAL:-}"
if [[ -n ${KEEP:-} ]]; then  # to summarize again, e.g. with another MAX_STEAL
  mkdir -p "$KEEP"
  cp "$BENCH_TMP"/wrk-*.txt "$KEEP"/
  sed "s|$BENCH_TMP|$KEEP|" "$results" >"$KEEP/results.tsv"
  log "runs kept in $KEEP: python3 $BENCH_DIR/wrk_summary.py $KEEP/results.tsv [max steal %]"
fi
