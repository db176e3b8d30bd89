#!/usr/bin/env bash
# The workshop's step04 in the web console, in a real browser (playwright-core driving Debian's
# chromium): the README's console steps on the workshop's own step04, applied unchanged (see
# tests/console/lambda_steps.mjs). No skipping: without node, playwright-core or chromium it fails.
source "$(dirname "$0")/lib.sh"
export FAULTBOX_SPEED=10
need_browser
workshop="$REPO_ROOT/../shared/workshop"
(cd "$workshop" && sha256sum --quiet -c SHA256SUMS) || fail "the workshop repository was changed"
cp -r "$workshop" "$WORK/repo"
cd "$WORK/repo/steps/step04"
fb apply --auto-approve --var-file ../common/common.tfvars >/dev/null

run_browser_steps lambda_steps
fb destroy --auto-approve --var-file ../common/common.tfvars >/dev/null
echo "console lambda: ok"
