#!/usr/bin/env bash
# The main job: set-up, build, then the workshop scenario (../shared/seed/step03.md) end to end on
# the embedded default lab, at --speed 10 unless FAULTBOX_SPEED says otherwise: build the
# service, watch it rotate over 3 AZs, create the experiment template, run it with traffic flowing
# (2 of 3 instances: the service survives), update it to ALL and run it again (the alarm stops it).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/timing.sh
phase "set-up" bash scripts/setup.sh
phase "build" bash scripts/build.sh

faultbox=$PWD/build/src/cli/faultbox
work=$(mktemp -d /tmp/faultbox-workshop.XXXXXX)
# Reports outlive the run: they go to ./faultbox-reports unless FAULTBOX_REPORTS says otherwise.
export FAULTBOX_REPORTS=${FAULTBOX_REPORTS:-$PWD/faultbox-reports}
cp -r examples/workshop "$work/"
export FAULTBOX_SPEED=${FAULTBOX_SPEED:-10}
fb() { "$faultbox" --data-dir "$work/.faultbox" "$@"; }
traffic=""
cleanup() {
  [ -n "$traffic" ] && kill "$traffic" 2>/dev/null
  fb down >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
cd "$work/workshop/step03"
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
wait_in_service() {
  for _ in $(seq 600); do
    [ "$(fb lbs | grep -c InService)" -ge 3 ] && return 0
    sleep 0.1
  done
  echo "the service did not reach 3 InService instances" >&2
  return 1
}

echo "==> Building our infrastructure (lab speed ${FAULTBOX_SPEED}x: PT3M takes $((180 / FAULTBOX_SPEED)) s)"
fb apply --auto-approve --var-file ../common/common.tfvars
url=$(fb --output json output | json 'd["outputs"]["elb_url"]["value"]')
wait_in_service
fb lbs

echo "==> Opening $url and refreshing: the instance changes"
for _ in 1 2 3 4 5 6; do curl -s "$url/" | grep -o 'Server [^<]*'; done

echo "==> Creating the experiment template (stop 2 instances, wait PT3M, stop again; alarm as stop condition)"
template=$(fb templates create --file file://templates/stop-two-instances.json)
fb templates get "$template" | head -n 30

echo "==> The traffic loop ('.' for HTTP 200, 'X' otherwise) runs in the background: traffic.log"
# The binary itself, not the fb function: $! must be its PID, so that it can be stopped.
"$faultbox" --data-dir "$work/.faultbox" traffic "$url/" >"$work/traffic.log" 2>&1 &
traffic=$!

echo "==> Run 1: two of three servers die; the service should survive"
fb experiments start "$template" --wait
wait_in_service
fb groups

echo "==> Run 2: the template now targets ALL instances; the alarm should stop the experiment"
fb templates update "$template" --selection-mode step03-instances=ALL
status=0
fb experiments start "$template" --wait || status=$?
[ "$status" -eq 2 ] && echo "Run 2 was stopped by its stop condition, as the workshop expects."
fb alarms
echo "==> Waiting for the group to bring the service back"
wait_in_service
kill -TERM "$traffic"
wait "$traffic" || true
traffic=""
echo "==> Traffic during both runs:"
cat "$work/traffic.log"
echo
fb experiments list

reports=$FAULTBOX_REPORTS
mkdir -p "$reports"
for id in $(fb --output json experiments list | json '" ".join(e["id"] for e in d["experiments"])'); do
  fb report "$id" --dir "$reports"
done

echo "==> Cleaning up"
fb destroy --auto-approve
[ "$status" -eq 2 ] || { echo "run 2 was expected to be stopped by the alarm (exit $status)"; exit 1; }
