#!/usr/bin/env bash
# `faultbox workshop --repo DIR`: every step's story on the user's clone of the workshop's
# repository (a copy of ../shared/workshop, checked by its SHA256SUMS), init applied first and
# destroyed last: each step ends as its README says, and nothing is left running.
source "$(dirname "$0")/lib.sh"
workshop="$REPO_ROOT/../shared/workshop"
(cd "$workshop" && sha256sum --quiet -c SHA256SUMS) || fail "the workshop repository was changed"
cp -r "$workshop" "$WORK/repo"

rc=0
"$FAULTBOX" workshop --repo "$WORK/repo" --speed 20 --reports "$WORK/reports" >workshop.out 2>&1 || rc=$?
cat workshop.out
[ $rc -eq 0 ] || fail "faultbox workshop --repo exited $rc"
out=$(cat workshop.out)
expect_contains "$out" "The workshop on the repository at $WORK/repo/steps, panda funky"
expect_contains "$out" "Server simple-funky (i-"
expect_contains "$out" "Step 01: the server went away while stopped and came back after 2 minutes, as the README says."
expect_contains "$out" "Step 02: the group replaced the stopped server, as the README says."
expect_contains "$out" "Run 1 completed, as the workshop expects; run 2 was stopped by its stop condition"
expect_contains "$out" "Step 04: the function answered, timed out after 30.00 seconds during the experiment, and answered again after it, as the README says."
expect_contains "$out" "Every step ended as its README says."
# Every stack destroyed: the state files hold no resources.
for state in "$WORK"/repo/statefiles/*.tfstate; do
  [ "$(json 'len(d.get("resources", []))' <"$state")" = 0 ] || fail "$state still holds resources"
done
! curl -s -m 2 "http://127.0.0.1:$FAULTBOX_PORT/_faultbox/health" >/dev/null ||
  fail "the workshop's lab still answers on port $FAULTBOX_PORT"
echo "workshop --repo: ok"
