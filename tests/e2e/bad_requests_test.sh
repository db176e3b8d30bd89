#!/usr/bin/env bash
# Bad requests of every kind the lab's port takes (bad_requests.py lists them: malformed HTTP,
# text that is not UTF-8, bad input to each AWS protocol and to the lab's own routes), sent to a
# lab that holds the workshop's service: each gets its status and a message in its protocol's
# error shape, the lab answers after each one, and what it holds is unchanged. Requests from other
# sites' pages, by other names of the host, and to lab routes without the lab's token are refused.
source "$(dirname "$0")/lib.sh"
use_workshop_step step03
fb apply --auto-approve -var-file=../common/common.tfvars >/dev/null
wait_in_service 3
python3 "$REPO_ROOT/tests/e2e/bad_requests.py" "$FAULTBOX_PORT" "$WORK/.faultbox" || fail "bad requests were answered wrongly"
echo "bad requests: ok"
