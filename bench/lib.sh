# Shared pieces of the load-balancer benchmarks: tools, a temp dir, three nginx backends on three
# loopback IPs (three "AZs"), and the three load balancers under test. Every process started here
# has its own config and pid file in $BENCH_TMP and is stopped by PID when the script exits.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(dirname "$BENCH_DIR")
FAULTBOX=${FAULTBOX:-$REPO_DIR/build/src/cli/faultbox}
LB_NICE=${LB_NICE:-0}  # the priority (nice value) every load balancer under test starts at
BACKEND_IPS=(127.30.0.1 127.30.0.2 127.30.0.3)
LB_IP=127.30.1.1
BENCH_TMP=$(mktemp -d /tmp/fb-bench.XXXXXX)
declare -a BENCH_PIDS=()

# The whole machine's CPU ticks: "steal total" (user..steal; guest time is inside user). Steal is
# time the hypervisor gave this virtual machine's cores to other guests: on a shared host it is
# the main source of noise, so every run records it and the summaries show it.
machine_ticks() {
  awk '/^cpu / {total = 0; for (i = 2; i <= 9; i++) total += $i; print $9, total}' /proc/stat
}

bench_cleanup() {
  local pid
  for pid in "${BENCH_PIDS[@]}"; do
    kill -CONT "$pid" 2>/dev/null || true  # a frozen backend cannot handle SIGTERM
    kill -TERM "$pid" 2>/dev/null || true
  done
  sleep 0.3
  for pid in "${BENCH_PIDS[@]}"; do
    kill -KILL "$pid" 2>/dev/null || true
  done
  rm -rf "$BENCH_TMP"
}
trap bench_cleanup EXIT

log() { echo "[$(date +%H:%M:%S)] $*" >&2; }

ensure_tools() {
  local missing=()
  command -v wrk >/dev/null || missing+=(wrk)
  command -v haproxy >/dev/null || missing+=(haproxy)
  command -v nginx >/dev/null || missing+=(nginx-light)
  if ((${#missing[@]})); then
    if [[ $(id -u) -ne 0 ]]; then
      echo "missing ${missing[*]}: install them (apt-get install ${missing[*]}) or run as root" >&2
      exit 1
    fi
    log "installing ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1 ||
      { apt-get update -qq >/dev/null 2>&1 &&
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; }
  fi
  [[ -x $FAULTBOX ]] || { echo "no faultbox binary at $FAULTBOX (build it or set FAULTBOX)" >&2; exit 1; }
}

# A port free on every address we use (checked on 127.30.0.0/16 via ss).
free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 20000))
    ss -Htan "sport = :$port" | grep -q . || { echo "$port"; return; }
  done
}

# Waits until HOST:PORT answers HTTP 200 (at most $2 seconds, default 15).
wait_http() {
  local url=$1 limit=${2:-15} i
  for ((i = 0; i < limit * 10; i++)); do
    curl -fs -o /dev/null --max-time 1 "$url" && return 0
    sleep 0.1
  done
  echo "timed out waiting for $url" >&2
  return 1
}

remember_pid() { BENCH_PIDS+=("$1"); echo "$1" >"$BENCH_TMP/$2.pid"; }

# start_backends PORT: nginx, one process each (master_process off, so kill -9 and SIGSTOP hit
# the process that serves), a ~400-byte page, keep-alive.
BACKEND_PIDS=()
start_backends() {
  local port=$1 i dir
  for i in 0 1 2; do
    dir=$BENCH_TMP/backend$((i + 1))
    mkdir -p "$dir/www" "$dir/tmp"
    python3 - "$dir/www/index.html" "$((i + 1))" <<'PY'
import sys
body = "<!doctype html><html><head><title>faultbox bench backend</title></head><body>"
body += f"<h1>backend {sys.argv[2]}</h1><p>"
body += "lorem ipsum dolor sit amet " * 10
body += "</p></body></html>\n"
open(sys.argv[1], "w").write(body[:400].ljust(399) + "\n")
PY
    cat >"$dir/nginx.conf" <<CONF
daemon off;
master_process off;
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $dir/tmp; proxy_temp_path $dir/tmp; fastcgi_temp_path $dir/tmp;
  uwsgi_temp_path $dir/tmp; scgi_temp_path $dir/tmp;
  keepalive_timeout 65s;
  keepalive_requests 1000000;
  server {
    listen ${BACKEND_IPS[$i]}:$port;
    root $dir/www;
    location / { index index.html; }
  }
}
CONF
    nginx -c "$dir/nginx.conf" -p "$dir" 2>>"$dir/error.log" &
    remember_pid $! "backend$((i + 1))"
    BACKEND_PIDS[$i]=$!
  done
  for i in 0 1 2; do wait_http "http://${BACKEND_IPS[$i]}:$port/"; done
}

# start_faultbox THREADS LB_PORT BACKEND_PORT [BINARY [EXTRA_ARGS]]: the lab's Proxy +
# LoadBalancer (lb-bench-proxy; EXTRA_ARGS, space-separated, e.g. "--yield off"). Returns once
# every backend is InService (two passed health checks, ~5 s).
start_faultbox() {
  local threads=$1 lb_port=$2 backend_port=$3 binary=${4:-$FAULTBOX} i args=()
  read -r -a extra <<<"${5:-}"
  args+=("${extra[@]}")
  local name
  name=$(basename "$binary")-$1-$lb_port
  for i in 0 1 2; do args+=(--backend "${BACKEND_IPS[$i]}:$backend_port"); done
  nice -n "$LB_NICE" "$binary" lb-bench-proxy --listen "$LB_IP:$lb_port" --threads "$threads" "${args[@]}" \
    >"$BENCH_TMP/$name.out" 2>"$BENCH_TMP/$name.err" &
  remember_pid $! "$name"
  LB_PID=$!
  for ((i = 0; i < 200; i++)); do
    if grep -q '^ready' "$BENCH_TMP/$name.out" 2>/dev/null; then
      log "$name: $(grep -m1 '^ready' "$BENCH_TMP/$name.out")"  # says which sockets it runs on
      return 0
    fi
    sleep 0.1
  done
  echo "faultbox lb-bench-proxy did not become ready; stderr:" >&2
  cat "$BENCH_TMP/$name.err" >&2
  return 1
}

# HAProxy: round-robin (or the 4th argument's algorithm, e.g. leastconn), keep-alive with http-reuse always, health
# checks every 5 s (fall 2, rise 2), retries with redispatch.
start_haproxy() {
  local threads=$1 lb_port=$2 backend_port=$3 balance=${4:-roundrobin} elb_headers=${5:-}
  local name=haproxy-$1${4:+-$4}${5:+-xff} i
  local cfg=$BENCH_TMP/$name.cfg
  {
    echo "global"
    echo "  maxconn 9000  # the hard fd limit here is 20000"
    echo "  nbthread $threads"
    echo "  pidfile $BENCH_TMP/$name.pidfile"
    echo "defaults"
    echo "  mode http"
    echo "  option http-keep-alive"
    echo "  http-reuse always"
    echo "  timeout connect 1s"
    echo "  timeout client 60s"
    echo "  timeout server ${ANCHOR_READ_TIMEOUT:-5s}"
    echo "  timeout http-keep-alive 60s"
    echo "  retries 3"
    echo "  option redispatch 1"
    echo "frontend fe"
    echo "  bind $LB_IP:$lb_port"
    if [[ -n $elb_headers ]]; then  # what a Classic ELB (and faultbox) adds to each request
      echo "  option forwardfor"
      echo "  http-request set-header X-Forwarded-Proto http"
      echo "  http-request set-header X-Forwarded-Port %[dst_port]"
    fi
    echo "  default_backend be"
    echo "backend be"
    echo "  balance $balance"
    echo "  option httpchk GET /"
    echo "  default-server inter 5s fall 2 rise 2"
    for i in 0 1 2; do echo "  server s$((i + 1)) ${BACKEND_IPS[$i]}:$backend_port check"; done
  } >"$cfg"
  nice -n "$LB_NICE" haproxy -db -f "$cfg" >"$BENCH_TMP/$name.log" 2>&1 &
  remember_pid $! "$name"
  LB_PID=$!
  wait_http "http://$LB_IP:$lb_port/"
}

# nginx: round-robin upstream (or least_conn with a 4th argument) with keep-alive connections,
# proxy_next_upstream on errors and timeouts (passive checks: max_fails 1, fail_timeout 10 s,
# nginx's defaults).
start_nginx_lb() {
  local workers=$1 lb_port=$2 backend_port=$3 method=${4:-} name=nginx-$1${4:+-$4} i
  local dir=$BENCH_TMP/$name
  mkdir -p "$dir/tmp"
  {
    echo "daemon off;"
    echo "worker_processes $workers;"
    echo "pid $dir/nginx.pid;"
    echo "error_log $dir/error.log warn;"
    echo "worker_rlimit_nofile 30000;"
    echo "events { worker_connections 20000; }"
    echo "http {"
    echo "  access_log off;"
    echo "  client_body_temp_path $dir/tmp; proxy_temp_path $dir/tmp; fastcgi_temp_path $dir/tmp;"
    echo "  uwsgi_temp_path $dir/tmp; scgi_temp_path $dir/tmp;"
    echo "  keepalive_timeout 60s;"
    echo "  keepalive_requests 1000000;"
    echo "  upstream be {"
    [[ -z $method ]] || echo "    $method;"
    for i in 0 1 2; do echo "    server ${BACKEND_IPS[$i]}:$backend_port;"; done
    echo "    keepalive 64;"
    echo "  }"
    echo "  server {"
    echo "    listen $LB_IP:$lb_port;"
    echo "    location / {"
    echo "      proxy_pass http://be;"
    echo "      proxy_http_version 1.1;"
    echo "      proxy_set_header Connection \"\";"
    echo "      proxy_connect_timeout 1s;"
    echo "      proxy_read_timeout ${ANCHOR_READ_TIMEOUT:-5s};"
    echo "      proxy_next_upstream error timeout http_502 http_503 http_504;"
    echo "    }"
    echo "  }"
    echo "}"
  } >"$dir/nginx.conf"
  nice -n "$LB_NICE" nginx -c "$dir/nginx.conf" -p "$dir" 2>>"$dir/error.log" &
  remember_pid $! "$name"
  LB_PID=$!
  wait_http "http://$LB_IP:$lb_port/"
}

# bench/minimal_proxy.c, built here: a bare epoll relay, the floor for any proxy on this machine
# (THREADS processes sharing the port with SO_REUSEPORT; MINIMAL_SPIN_NS of busy work per
# request). A 4th argument of 1: HAProxy's order, every read of a batch of events, then every send.
start_minimal() {
  local processes=$1 lb_port=$2 backend_port=$3 batch=${4:-0} name=minimal-$1-${4:-0} i args=()
  command -v cc >/dev/null ||
    { echo "no C compiler (cc) for the minimal targets: install gcc" >&2; return 1; }
  [[ -x $BENCH_TMP/minimal_proxy ]] ||
    cc -O2 -Wall -Wextra -o "$BENCH_TMP/minimal_proxy" "$BENCH_DIR/minimal_proxy.c"
  for i in 0 1 2; do args+=("${BACKEND_IPS[$i]}:$backend_port"); done
  nice -n "$LB_NICE" "$BENCH_TMP/minimal_proxy" -t "$processes" -s "${MINIMAL_SPIN_NS:-0}" -o "$batch" \
    "$LB_IP" "$lb_port" "${args[@]}" >"$BENCH_TMP/$name.out" 2>"$BENCH_TMP/$name.err" &
  remember_pid $! "$name"
  LB_PID=$!
  wait_http "http://$LB_IP:$lb_port/"
}

# start_lb NAME THREADS LB_PORT BACKEND_PORT; sets LB_PID. NAME is faultbox, haproxy or nginx
# (round-robin, as the anchors are compared), or for a closer look: baseline (another faultbox
# binary, FAULTBOX_BASELINE, to compare a change with in one run), haproxy-leastconn or
# nginx-leastconn (the anchors balancing on outstanding requests, as a Classic ELB's HTTP
# listener does; faultbox's proxy is round-robin, bench/RESULTS.md says why), haproxy-xff
# (HAProxy adding the X-Forwarded-For/-Proto/-Port headers a Classic ELB adds), or minimal
# or minimal-batch (bench/minimal_proxy.c: what a bare relay reaches here, in its own order of
# work or in HAProxy's).
start_lb() {
  case $1 in
    faultbox) start_faultbox "$2" "$3" "$4" "$FAULTBOX" "${FAULTBOX_ARGS:-}" ;;
    baseline)
      [[ -x ${FAULTBOX_BASELINE:-} ]] ||
        { echo "baseline: set FAULTBOX_BASELINE to a faultbox binary" >&2; return 1; }
      start_faultbox "$2" "$3" "$4" "$FAULTBOX_BASELINE" "${FAULTBOX_BASELINE_ARGS:-}" ;;
    haproxy) start_haproxy "$2" "$3" "$4" ;;
    haproxy-leastconn) start_haproxy "$2" "$3" "$4" leastconn ;;
    haproxy-xff) start_haproxy "$2" "$3" "$4" roundrobin elb-headers ;;
    nginx) start_nginx_lb "$2" "$3" "$4" ;;
    nginx-leastconn) start_nginx_lb "$2" "$3" "$4" least_conn ;;
    minimal) start_minimal "$2" "$3" "$4" ;;
    minimal-batch) start_minimal "$2" "$3" "$4" 1 ;;
    *) echo "unknown load balancer: $1 (faultbox, haproxy, nginx, baseline, haproxy-leastconn," \
         "nginx-leastconn, haproxy-xff, minimal, minimal-batch)" >&2; return 1 ;;
  esac
}

# stop_pid PID: TERM, then KILL after 3 s; waits for it.
stop_pid() {
  local pid=$1 i
  kill -CONT "$pid" 2>/dev/null || true
  kill -TERM "$pid" 2>/dev/null || return 0
  for ((i = 0; i < 30; i++)); do
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
