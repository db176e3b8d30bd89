#!/usr/bin/env bash
# The main job: set-up, build, then the workshop scenario (../shared/seed/step03.md) on the
# embedded default lab, at --speed 10 unless FAULTBOX_SPEED says otherwise. Steps the lab cannot
# do yet are reported as missing, never faked.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/timing.sh
phase "set-up" bash scripts/setup.sh
phase "build" bash scripts/build.sh

faultbox=$PWD/build/src/cli/faultbox
work=$(mktemp -d /tmp/faultbox-workshop.XXXXXX)
cp -r examples/workshop "$work/"
export FAULTBOX_SPEED=${FAULTBOX_SPEED:-10}
fb() { "$faultbox" --data-dir "$work/.faultbox" "$@"; }
trap 'fb down >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
cd "$work/workshop/step03"

echo "==> Building our infrastructure (lab speed ${FAULTBOX_SPEED}x)"
fb apply --auto-approve --var-file ../common/common.tfvars
url=$(fb --output json output | python3 -c 'import json,sys; print(json.load(sys.stdin)["outputs"]["elb_url"]["value"])')
for _ in $(seq 100); do
  [ "$(fb lbs | grep -c InService)" -ge 3 ] && break
  sleep 0.2
done
fb lbs

echo "==> Opening $url and refreshing: the instance changes"
for _ in 1 2 3 4 5 6; do curl -s "$url/" | grep -o 'Server [^<]*'; done

echo "==> Traffic through the load balancer while 2 of 3 instances are stopped by hand"
fb traffic "$url/" --interval 0.1s --duration 25s &
traffic=$!
sleep 2
fb --output json instances --filter instance-state-name=running |
  python3 -c 'import json,sys; print("\n".join(i["InstanceId"] for i in json.load(sys.stdin)[:2]))' |
  xargs "$faultbox" --data-dir "$work/.faultbox" instance stop
wait "$traffic"
fb groups
fb instances --filter tag:Panda=funky

echo
echo "NOT YET: steps 3-6 of the seed (the FIS experiment template, its two runs and the alarm as"
echo "stop condition) need the FIS engine and alarms (issue #3); this build cannot run them."

echo "==> Cleaning up"
fb destroy --auto-approve
