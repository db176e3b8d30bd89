#!/usr/bin/env bash
# One lab per user, found from any directory (as an AWS account is): without --data-dir the lab
# lives in $XDG_STATE_HOME/faultbox, whatever directory a command runs in; and a stack is one
# stack however its directory is named (applied from inside it, destroyed with -chdir).
source "$(dirname "$0")/lib.sh"
use_workshop_step step01

# The user's default lab: no --data-dir, no FAULTBOX_DATA_DIR.
user_lab="$WORK/state/faultbox"
EXTRA_DATA_DIRS+=("$user_lab")
as_user() { env -u FAULTBOX_DATA_DIR "$FAULTBOX" "$@"; }
(cd /tmp && as_user instances >/dev/null 2>&1) || fail "no lab from /tmp"
[ -f "$user_lab/lab.json" ] || fail "the default lab is not in \$XDG_STATE_HOME/faultbox"
pid=$(json 'd["pid"]' <"$user_lab/lab.json")
[ "$(stat -c %a "$user_lab/lab.json")" = 600 ] || fail "lab.json is readable by others"
(cd "$WORK/workshop" && as_user status) | grep -q "pid $pid" || fail "another directory found another lab"

# Applied from its directory, destroyed by its absolute path: one stack.
out=$(as_user apply --auto-approve -var-file=../common/common.tfvars) || fail "apply: $out"
expect_contains "$out" "Apply complete! Resources: "
out=$(cd / && as_user -chdir="$WORK/workshop/step01" destroy --auto-approve) || fail "destroy: $out"
expect_contains "$out" "Destroy complete! Resources: "
[[ "$out" != *"Resources: 0 destroyed"* ]] || fail "destroy by another name of the directory found nothing: $out"
[ "$(as_user --output json instances | json 'sum(i["State"]["Name"] == "running" for i in d)')" = 0 ] ||
  fail "instances still running after destroy"
echo "lab everywhere: ok"
