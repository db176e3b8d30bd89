#!/usr/bin/env bash
# System calls per request of each load balancer under the same wrk load: counts, not times, so
# they hardly move when other work shares the cores (rps and latency do, by ±20% here). Most of a
# proxy's CPU time is in the kernel, per call; a read that finds nothing (EAGAIN) is pure waste.
# One thread/worker each; `perf trace -s` attached for the whole wrk run. About 1 minute.
#   bench/syscalls.sh         (env: DURATION=4s CONNECTIONS=50 WRK_THREADS=2 LBS="faultbox haproxy nginx")
source "$(dirname "$0")/lib.sh"

DURATION=${DURATION:-4s}
CONNECTIONS=${CONNECTIONS:-50}
WRK_THREADS=${WRK_THREADS:-2}
LBS=${LBS:-faultbox haproxy nginx}

ensure_tools
if ! command -v perf >/dev/null; then
  [[ $(id -u) -eq 0 ]] || { echo "perf is missing: apt-get install linux-perf" >&2; exit 1; }
  log "installing linux-perf"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq linux-perf >/dev/null
fi

backend_port=$(free_port)
start_backends "$backend_port"
log "backends on ${BACKEND_IPS[*]} port $backend_port; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-9s %8s %9s %9s %12s %12s %10s %8s\n' target requests "sys/req" "reads" "failed_reads" \
  "writes" "epoll" "other"
for lb in $LBS; do
  lb_port=$(free_port)
  start_lb "$lb" 1 "$lb_port" "$backend_port"
  lb_pid=$LB_PID
  url="http://$LB_IP:$lb_port/"
  timeout 30 wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d2s "$url" >/dev/null 2>&1 || true  # warm-up
  trace=$BENCH_TMP/trace-$lb.txt
  pids=$lb_pid
  for child in $(pgrep -P "$lb_pid" || true); do pids+=",$child"; done  # nginx's workers
  perf trace -s -p "$pids" -o "$trace" 2>/dev/null &
  tracer=$!
  sleep 1  # attached before the first request counted
  out=$BENCH_TMP/wrk-syscalls-$lb.txt
  timeout 60 wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$DURATION" "$url" >"$out" 2>&1 || true
  kill -INT "$tracer" 2>/dev/null || true
  wait "$tracer" 2>/dev/null || true
  requests=$(awk '/requests in/ {print $1}' "$out")
  # perf trace -s: per thread, "name calls errors total min avg max stddev" rows.
  awk -v lb="$lb" -v n="${requests:-0}" '
    $1 ~ /^[a-z_0-9]+$/ && $2 ~ /^[0-9]+$/ && $3 ~ /^[0-9]+$/ && NF >= 8 {
      if ($1 ~ /^(read|recvfrom|recvmsg|readv)$/) { reads += $2; failed += $3 }
      else if ($1 ~ /^(write|sendto|sendmsg|writev)$/) writes += $2
      else if ($1 ~ /^epoll_/) epoll += $2
      else other += $2
      total += $2
    }
    END {
      if (n == 0) { printf "%-9s no requests counted\n", lb; exit }
      printf "%-9s %8d %9.2f %9.2f %12.3f %12.2f %10.3f %8.3f\n", lb, n, total / n, reads / n,
        failed / n, writes / n, epoll / n, other / n
    }' "$trace"
  stop_pid "$lb_pid"
done
log "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "per request (wrk -t$WRK_THREADS -c$CONNECTIONS -d$DURATION, one LB thread/worker); failed_reads: EAGAIN"
