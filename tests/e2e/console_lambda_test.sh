#!/usr/bin/env bash
# The workshop's step04 in the web console, in a real browser (playwright-core driving Debian's
# chromium): the README's console steps on the workshop's own step04, applied unchanged (see
# tests/console/lambda_steps.mjs). No skipping: without node, playwright-core or chromium it fails.
source "$(dirname "$0")/lib.sh"
export FAULTBOX_SPEED=10
console_tests="$REPO_ROOT/tests/console"
command -v node >/dev/null || fail "node is not installed (run scripts/setup.sh)"
[ -f "$console_tests/node_modules/playwright-core/package.json" ] ||
  fail "playwright-core is not installed in tests/console (run scripts/setup.sh)"
export CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
[ -x "$CHROMIUM" ] || fail "no chromium at $CHROMIUM (run scripts/setup.sh)"
workshop="$REPO_ROOT/../shared/workshop"
(cd "$workshop" && sha256sum --quiet -c SHA256SUMS) || fail "the workshop repository was changed"
cp -r "$workshop" "$WORK/repo"
cd "$WORK/repo/steps/step04"
fb apply --auto-approve --var-file ../common/common.tfvars >/dev/null

shots="$WORK/screenshots"
mkdir -p "$shots"
rc=0
timeout 150 node "$console_tests/lambda_steps.mjs" "http://127.0.0.1:$FAULTBOX_PORT" "$shots" || rc=$?
keep=/tmp/faultbox-console-lambda-screenshots
rm -rf "$keep" && cp -r "$shots" "$keep" && rm -rf "$keep"/chromium-profile-*
echo "screenshots copied to $keep"
[ $rc -eq 0 ] || fail "the browser steps failed (exit $rc)"
fb destroy --auto-approve --var-file ../common/common.tfvars >/dev/null
echo "console lambda: ok"
