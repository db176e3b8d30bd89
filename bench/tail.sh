#!/usr/bin/env bash
# Where the slowest requests come from: a closed-loop client (bench/request_log.c, built here
# with the system's C compiler) logs every request against faultbox and the anchors in turn, and
# bench/tail_summary.py prints, besides the percentiles, whether the slowest 1% were behind one
# stalled backend or in moments when every connection was late at once. The connections are
# shared among CLIENTS processes (2, as wrk -t2 has two threads: one client process alone sees
# less of a difference). ~1 minute by default; REPS=12 or more to compare p99.
# RATE=requests/s makes the clients open-loop: requests go on a fixed schedule (shared by the
# client processes) below saturation, as a lab's traffic does, and latency counts from each
# request's turn, so a stall counts in full. Each run records the hypervisor's steal (see lib.sh).
#   bench/tail.sh             (env: REPS=6 SECONDS_PER_RUN=3 CONNECTIONS=50 CLIENTS=2 RATE=
#                              LB_THREADS=1 TARGETS="faultbox haproxy"; KEEP=DIR keeps the CSVs)
source "$(dirname "$0")/lib.sh"

REPS=${REPS:-6}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-3}
CONNECTIONS=${CONNECTIONS:-50}
CLIENTS=${CLIENTS:-2}
LB_THREADS=${LB_THREADS:-1}
TARGETS=${TARGETS:-faultbox haproxy}
RATE=${RATE:-}

ensure_tools
command -v cc >/dev/null || { echo "no C compiler (cc): install gcc" >&2; exit 1; }
cc -O2 -Wall -o "$BENCH_TMP/request_log" "$BENCH_DIR/request_log.c"
backend_port=$(free_port)
start_backends "$backend_port"
declare -A port=()
for target in $TARGETS; do
  port[$target]=$(free_port)
  start_lb "$target" "$LB_THREADS" "${port[$target]}" "$backend_port"
done
log "backends on ${BACKEND_IPS[*]} port $backend_port; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
runs=$BENCH_TMP/runs.tsv
for ((rep = 1; rep <= REPS; rep++)); do
  log "repetition $rep/$REPS"
  for target in $TARGETS; do
    csv=$BENCH_TMP/$target-$rep.csv
    client_pids=()
    read -ra machine_before < <(machine_ticks)
    for ((client = 1; client <= CLIENTS; client++)); do
      "$BENCH_TMP/request_log" "$LB_IP" "${port[$target]}" \
        $(((CONNECTIONS + client - 1) / CLIENTS)) "$SECONDS_PER_RUN" "$csv.$client" \
        ${RATE:+$((RATE / CLIENTS))} 2>>"$BENCH_TMP/request_log.err" &
      client_pids+=($!)
    done
    for pid in "${client_pids[@]}"; do
      if ! wait "$pid"; then
        kill "${client_pids[@]}" 2>/dev/null || true  # the others, by PID
        echo "request_log failed:" >&2
        cat "$BENCH_TMP/request_log.err" >&2
        exit 1
      fi
    done
    read -ra machine_after < <(machine_ticks)
    head -1 "$csv.1" >"$csv" && tail -q -n +2 "$csv".[0-9]* >>"$csv" && rm "$csv".[0-9]*
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$target" "$rep" "$CONNECTIONS" "$csv" \
      $((machine_after[0] - machine_before[0])) $((machine_after[1] - machine_before[1])) >>"$runs"
  done
done
log "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "request_log: $CONNECTIONS connections from $CLIENTS processes," \
  "${RATE:+open loop at $RATE requests/s, }${SECONDS_PER_RUN}s;" \
  "$LB_THREADS load-balancer thread(s); $REPS repetitions, medians"
python3 "$BENCH_DIR/tail_summary.py" "$runs"
if [[ -n ${KEEP:-} ]]; then
  mkdir -p "$KEEP" && cp "$BENCH_TMP"/*.csv "$runs" "$KEEP"/ && log "CSVs kept in $KEEP"
fi
