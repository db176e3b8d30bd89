# Shared by the benchmarks that run a whole lab (seed_promise.sh, participants.sh): the faultbox
# binary, a temp dir with the lab's data, a free port, evidence kept when a run breaks, and a
# cleanup that stops the lab, its instances and every process the script started, by PID.
#
#   source "$(dirname "$0")/lab_lib.sh"; lab_bench_init NAME
#
# Sets FAULTBOX, WORK, OUT (kept when OUT is given, or when the run fails or sets BROKEN=1),
# PORT, ENDPOINT, FAULTBOX_DATA_DIR; PIDS (append what the script starts), LAB_PID.
set -euo pipefail

LAB_LIB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(dirname "$LAB_LIB_DIR")

log() { echo "[$(date +%H:%M:%S)] $*" >&2; }
# (A background job started through this function would be a subshell, whose PID is not the
# process's: start background processes with "$FAULTBOX" itself.)
fb() { "$FAULTBOX" --data-dir "$FAULTBOX_DATA_DIR" "$@"; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

lab_bench_init() {
  LAB_BENCH_NAME=$1
  if [[ -z ${FAULTBOX:-} ]]; then
    if [[ -x $REPO_DIR/build/src/cli/faultbox ]]; then FAULTBOX=$REPO_DIR/build/src/cli/faultbox
    else FAULTBOX=$(command -v faultbox); fi
  fi
  FAULTBOX=$(readlink -f "$FAULTBOX")
  [[ -x $FAULTBOX ]] || { echo "no faultbox binary at $FAULTBOX" >&2; exit 2; }
  WORK=$(mktemp -d "/tmp/fb-$LAB_BENCH_NAME.XXXXXX")
  if [[ -n ${OUT:-} ]]; then mkdir -p "$OUT"; OUT=$(readlink -f "$OUT"); KEEP_OUT=1
  else OUT=$WORK/out; mkdir -p "$OUT"; KEEP_OUT=0; fi
  PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  export FAULTBOX_PORT=$PORT FAULTBOX_DATA_DIR=$WORK/.faultbox XDG_STATE_HOME=$WORK/state
  ENDPOINT="http://127.0.0.1:$PORT"
  PIDS=()
  LAB_PID=
  BROKEN=0
  trap lab_bench_cleanup EXIT
  trap 'exit 130' INT TERM
}

# Starts `faultbox serve` at SPEED on the bench's port and waits until it answers.
start_lab() {
  # shellcheck disable=SC2086  # SERVE_ARGS: more serve options, e.g. "--nice-lead 10"
  "$FAULTBOX" --data-dir "$FAULTBOX_DATA_DIR" serve --port "$PORT" --speed "$1" ${SERVE_ARGS:-} \
    >"$OUT/serve.out" 2>&1 &
  LAB_PID=$!
  for _ in $(seq 600); do curl -sf -o /dev/null "$ENDPOINT/_faultbox/health" && return 0; sleep 0.1; done
  echo "the lab did not start" >&2
  exit 1
}

lab_bench_cleanup() {
  local rc=$? pid env
  disown -a 2>/dev/null || true  # no job notices for the loops stopped below
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  fb down >/dev/null 2>&1 || true
  if [[ -n $LAB_PID ]] && kill -0 "$LAB_PID" 2>/dev/null; then
    kill -TERM "$LAB_PID" 2>/dev/null || true
    sleep 1
    kill -KILL "$LAB_PID" 2>/dev/null || true
  fi
  # Instance processes the lab left (they carry this lab's data directory).
  for env in /proc/[0-9]*/environ; do
    if grep -qz "^FAULTBOX_LAB_DATA_DIR=$WORK/" "$env" 2>/dev/null; then
      pid=${env#/proc/}
      kill -KILL "${pid%/environ}" 2>/dev/null || true
    fi
  done
  for pid in "${PIDS[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  [[ -f $WORK/.faultbox/lab.log ]] && cp "$WORK/.faultbox/lab.log" "$OUT/lab.log" 2>/dev/null
  if ((rc != 0 || BROKEN)) && ((!KEEP_OUT)); then
    local keep=/tmp/fb-$LAB_BENCH_NAME-evidence.$$
    mv "$OUT" "$keep" && echo "evidence kept in $keep" >&2
  fi
  rm -rf "$WORK"
  exit $rc
}
