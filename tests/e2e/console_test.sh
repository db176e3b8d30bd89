#!/usr/bin/env bash
# The web console in a real browser: playwright-core drives Debian's chromium (headless, empty
# profile) through the seed's console steps on step03 with traffic running (see
# tests/console/seed_steps.mjs). No skipping: without node, playwright-core or chromium it fails.
source "$(dirname "$0")/lib.sh"
export FAULTBOX_SPEED=20
console_tests="$REPO_ROOT/tests/console"
command -v node >/dev/null || fail "node is not installed (run scripts/setup.sh)"
[ -f "$console_tests/node_modules/playwright-core/package.json" ] ||
  fail "playwright-core is not installed in tests/console (run scripts/setup.sh)"
export CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
[ -x "$CHROMIUM" ] || fail "no chromium at $CHROMIUM (run scripts/setup.sh)"

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

shots="$WORK/screenshots"
mkdir -p "$shots"
rc=0
timeout 150 node "$console_tests/seed_steps.mjs" "$base" "$shots" || rc=$?
# Kept after the lab's temporary directory is removed, to look at.
keep=/tmp/faultbox-console-screenshots
rm -rf "$keep" && cp -r "$shots" "$keep" && rm -rf "$keep"/chromium-profile-*
echo "screenshots copied to $keep"
[ $rc -eq 0 ] || fail "the browser steps failed (exit $rc)"
fb destroy --auto-approve >/dev/null
echo "console: ok"
