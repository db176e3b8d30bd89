#!/usr/bin/env bash
# Failover: a steady RATE requests/s for DURATION s through each load balancer; at KILL_AT s two
# of the three backends are killed (MODE=kill: kill -9) or frozen (MODE=stop: SIGSTOP, SIGCONT
# at the end). Counts client-visible errors (non-200, refused, reset, or no answer within 10 s)
# and the window of errors and of slow answers (> 200 ms). About 45 s per load balancer and mode.
#   bench/failover.sh         (env: MODES="kill stop" LBS="faultbox haproxy nginx" RATE=200 DURATION=40 KILL_AT=10)
source "$(dirname "$0")/lib.sh"

MODES=${MODES:-kill stop}
LBS=${LBS:-faultbox haproxy nginx}
RATE=${RATE:-200}
DURATION=${DURATION:-40}
KILL_AT=${KILL_AT:-10}
ensure_tools

# Errors before the fault mean the set-up, not the failover, went wrong: keep what tells why (the
# per-request CSV, the load balancer's and backends' logs) outside the temp dir that is removed.
# "Before" is half a second early: the client's clock starts a little after the script's.
keep_if_failed_early() {  # CSV LABEL
  local early kept
  early=$(awk -F, -v t="$KILL_AT" 'NR > 1 && $1 + $2 < t - 0.5 && $3 != 200' "$1" | wc -l)
  ((early > 0)) || return 0
  kept=$(mktemp -d "/tmp/fb-failover-$2.XXXXXX")
  cp "$1" "$kept/"
  find "$BENCH_TMP" -maxdepth 2 \( -name '*.err' -o -name '*.out' -o -name '*.log' \) \
    -exec cp --backup=numbered {} "$kept/" \;
  log "$early requests failed before the fault at ${KILL_AT}s; the CSV and logs are kept in $kept"
}
log "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for mode in $MODES; do
  for lb in $LBS; do
    backend_port=$(free_port)
    start_backends "$backend_port"
    lb_port=$(free_port)
    start_lb "$lb" 1 "$lb_port" "$backend_port"
    lb_pid=$LB_PID
    csv=$BENCH_TMP/failover-$mode-$lb.csv
    timeout $((DURATION + 30)) python3 "$BENCH_DIR/open_loop_client.py" --host "$LB_IP" \
      --port "$lb_port" --rate "$RATE" --duration "$DURATION" --csv "$csv" >"$csv.json" &
    client=$!
    sleep "$KILL_AT"
    if [[ $mode == kill ]]; then
      kill -KILL "${BACKEND_PIDS[1]}" "${BACKEND_PIDS[2]}"
    else
      kill -STOP "${BACKEND_PIDS[1]}" "${BACKEND_PIDS[2]}"
    fi
    wait "$client" || true
    printf '%-6s %-9s %s\n' "$mode" "$lb" "$(cat "$csv.json")"
    [[ -n ${KEEP_CSV:-} ]] && cp "$csv" "$KEEP_CSV-$mode-$lb.csv"
    keep_if_failed_early "$csv" "$mode-$lb"
    stop_pid "$lb_pid"
    for pid in "${BACKEND_PIDS[@]}"; do stop_pid "$pid"; done
  done
done
log "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
