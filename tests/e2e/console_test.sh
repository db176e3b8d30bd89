#!/usr/bin/env bash
# The web console in a real browser: playwright-core drives Debian's chromium (headless, empty
# profile) through the seed's console steps on step03 with traffic running (see
# tests/console/seed_steps.mjs). No skipping: without node, playwright-core or chromium it fails.
source "$(dirname "$0")/lib.sh"
export FAULTBOX_SPEED=20
need_browser

use_workshop_step step03
fb apply --auto-approve --var-file ../common/common.tfvars >/dev/null
url=$(fb --output json output | json 'd["outputs"]["elb_url"]["value"]')
wait_in_service
"$FAULTBOX" "${D[@]}" traffic "$url/" >traffic.out 2>&1 &
STARTED_PIDS+=($!)

base="http://127.0.0.1:$FAULTBOX_PORT"
# The console is served by the binary itself, whatever the directory.
curl -sf "$base/" | grep -q '<script type="module" src="/console/js/app.js">' ||
  fail "the lab does not serve the console at /"
curl -sf "$base/console/js/app.js" >/dev/null || fail "the lab does not serve /console/js/app.js"

run_browser_steps seed_steps
fb destroy --auto-approve >/dev/null
echo "console: ok"
