#!/usr/bin/env bash
# Memory: resident set size of each load balancer before and while N (10,000) idle keep-alive
# client connections are open (each made one request). HAProxy is left out: its maxconn needs
# two descriptors per connection and the descriptor limit here is 20,000.
#   bench/memory.sh           (env: CLIENTS=10000 LBS="faultbox nginx")
source "$(dirname "$0")/lib.sh"
CLIENTS=${CLIENTS:-10000}
LBS=${LBS:-faultbox nginx}
ensure_tools
rss_kb() {  # the process and its children (nginx workers)
  local total=0 pid
  for pid in "$1" $(pgrep -P "$1" || true); do
    total=$((total + $(awk '/^VmRSS/ {print $2}' "/proc/$pid/status")))
  done
  echo "$total"
}
backend_port=$(free_port)
start_backends "$backend_port"
for lb in $LBS; do
  lb_port=$(free_port)
  case $lb in
    faultbox) start_faultbox 2 "$lb_port" "$backend_port" ;;
    nginx) start_nginx_lb 2 "$lb_port" "$backend_port" ;;
  esac
  pid=$LB_PID
  timeout 20 wrk -t1 -c20 -d2s "http://$LB_IP:$lb_port/" >/dev/null  # warm-up
  sleep 1
  before=$(rss_kb "$pid")
  out=$BENCH_TMP/idle-$lb.out
  timeout 120 python3 "$BENCH_DIR/idle_clients.py" "$LB_IP" "$lb_port" "$CLIENTS" 6 >"$out" &
  client=$!
  for ((i = 0; i < 600; i++)); do grep -q ready "$out" 2>/dev/null && break; sleep 0.1; done
  sleep 2
  during=$(rss_kb "$pid")
  printf '%-9s idle connections answered: %s; RSS before %d KB, with them %d KB: +%.1f MB\n' \
    "$lb" "$(awk '{print $2}' "$out")" "$before" "$during" "$(echo "($during - $before) / 1024" | bc -l)"
  wait "$client" || true
  stop_pid "$pid"
done
