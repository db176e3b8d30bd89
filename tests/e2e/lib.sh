# Shared by the end-to-end scripts: a temporary lab directory, a free port, checks, and cleanup
# that stops the lab (and so its instances) and anything else started, by PID.
set -euo pipefail
FAULTBOX=${1:?usage: $0 path/to/faultbox}
FAULTBOX=$(readlink -f "$FAULTBOX")
REPO_ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d /tmp/faultbox-e2e.XXXXXX)
cd "$WORK"
STARTED_PIDS=()
EXTRA_DATA_DIRS=()  # more labs a test started (absolute data directories), stopped at the end
MACHINE_FILES=()    # files outside $WORK a test made or a failing test may leave, removed at the end

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
export FAULTBOX_PORT=$(free_port)
# The lab of this test, whatever the command: never the user's own (~/.local/state/faultbox).
export FAULTBOX_DATA_DIR="$WORK/.faultbox" XDG_STATE_HOME="$WORK/state"

cleanup() {
  local rc=$?
  # By absolute data directory: a test may have changed directory since.
  "$FAULTBOX" --data-dir "$WORK/.faultbox" down >/dev/null 2>&1 || true
  for dir in "${EXTRA_DATA_DIRS[@]}"; do
    "$FAULTBOX" --data-dir "$dir" down >/dev/null 2>&1 || true
  done
  # Instance processes a lab left when it was killed (a test's kill -9, or a failing test):
  # found by the data directory they carry, which is this test's own.
  for env in /proc/[0-9]*/environ; do
    if grep -qz "^FAULTBOX_LAB_DATA_DIR=$WORK/" "$env" 2>/dev/null; then
      pid=${env#/proc/}
      kill -9 "${pid%/environ}" 2>/dev/null || true
    fi
  done
  for pid in "${STARTED_PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  rm -f "${MACHINE_FILES[@]}"
  if [ $rc -ne 0 ] && [ -f "$WORK/.faultbox/lab.log" ]; then
    echo "--- lab.log (last 40 lines) ---"
    tail -n 40 "$WORK/.faultbox/lab.log"
  fi
  rm -rf "$WORK"
  exit $rc
}
trap cleanup EXIT

# A secret only the test's user may read, in its home, where users keep their cloud keys:
# HOME_SECRET names it; it goes at the end.
make_home_secret() {
  HOME_SECRET="$HOME/.faultbox-e2e-secret-$$"
  MACHINE_FILES+=("$HOME_SECRET")
  (umask 077 && echo "the lab user's secret" >"$HOME_SECRET")
}

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

expect_contains() {
  local haystack=$1 needle=$2
  [[ "$haystack" == *"$needle"* ]] || fail "expected to find '$needle' in: $haystack"
}

# The lab of this test, by absolute data directory.
D=(--data-dir "$WORK/.faultbox")
fb() { "$FAULTBOX" "${D[@]}" "$@"; }
# Reads JSON on stdin and prints a Python expression of it (`d` is the document).
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

# Copies the workshop's stacks into the test's directory and enters one step.
use_workshop_step() {
  cp -r "$REPO_ROOT/examples/workshop" "$WORK/workshop"
  cd "$WORK/workshop/$1"
}

# Applies steps ("init step03") of the workshop's own repository, as its users have it
# (../shared/workshop, copied to $WORK/repo), as its README says.
apply_workshop_repo() {
  local workshop="$REPO_ROOT/../shared/workshop" step out
  [ -f "$workshop/SHA256SUMS" ] || fail "the workshop repository is not at $workshop"
  cp -r "$workshop" "$WORK/repo"
  chmod -R u+w "$WORK/repo"  # writable, as a clone is: the shared copy is read-only
  for step in "$@"; do
    out=$(cd "$WORK/repo/steps/$step" && fb apply --auto-approve --var-file ../common/common.tfvars 2>&1) ||
      fail "$step: apply failed: $out"
  done
}

# Waits until N instances' SSM agents are Online (30 s at most; the aws CLI, use_aws_cli).
wait_ssm_agents() {
  local online=0
  for _ in $(seq 60); do
    online=$(awsx ssm describe-instance-information |
      json 'sum(i["PingStatus"] == "Online" for i in d["InstanceInformationList"])')
    [ "$online" -ge "$1" ] && return 0
    sleep 0.5
  done
  fail "$online SSM agents Online, expected $1"
}

# Applies the workshop's step03 (entered with use_workshop_step) and waits for its 3 instances
# InService; its outputs go to STEP03_OUTPUTS, read with step03_output NAME.
apply_step03() {
  fb apply --auto-approve --var-file ../common/common.tfvars >/dev/null
  wait_in_service
  STEP03_OUTPUTS=$(fb --output json output)
}
step03_output() { json "d['outputs']['$1']['value']" <<<"$STEP03_OUTPUTS"; }

# An SSM command's invocation (the aws CLI, use_aws_cli), printed once it is in one of the
# statuses given (40 s at most): wait_invocation COMMAND INSTANCE STATUS...
wait_invocation() {  # COMMAND INSTANCE STATUS... → prints the invocation once in one of them
  local s inv
  for _ in $(seq 160); do
    inv=$(awsx ssm get-command-invocation --command-id "$1" --instance-id "$2" 2>/dev/null || true)
    s=$(json 'd["Status"]' <<<"${inv:-{\}}" 2>/dev/null || true)
    for want in "${@:3}"; do [ "$s" = "$want" ] && { echo "$inv"; return 0; }; done
    sleep 0.25
  done
  fail "invocation of $1 on $2 is '$s', expected ${*:3}: $inv"
}

# Runs shell commands inside an instance with SSM's AWS-RunShellScript, as a user reaches an
# instance's own view (its metadata service answers it alone), and prints what they wrote to
# stdout: run_in_instance INSTANCE COMMAND... (the aws CLI, use_aws_cli; 40 s at most).
run_in_instance() {
  local id=$1 params cmd inv
  shift
  params=$(python3 -c 'import json, sys; print(json.dumps({"commands": sys.argv[1:]}))' "$@")
  cmd=$(awsx ssm send-command --document-name AWS-RunShellScript --instance-ids "$id" \
    --parameters "$params" | json 'd["Command"]["CommandId"]')
  inv=$(wait_invocation "$cmd" "$id" Success Failed TimedOut)
  json 'd["StandardOutputContent"]' <<<"$inv"
}

in_service() { fb --output json lbs | json 'sum(h["State"]=="InService" for h in d[0]["InstanceHealth"])'; }
wait_in_service() {  # wait until N instances (default 3) are InService, 60 s at most
  for _ in $(seq 600); do [ "$(in_service)" -ge "${1:-3}" ] && return 0; sleep 0.1; done
  fb lbs
  fail "fewer than ${1:-3} instances InService"
}

# Sends N requests (default 12) to the load balancer at URL and expects answers from 3 instances
# in 3 AZs. The bodies stay in PAGES. A failure shows every answer (instance, AZ, HTTP status)
# and the instances' health: a flake then says whether an instance was out of rotation.
expect_rotation() {
  local url=$1 n=${2:-12} i page ids zones summary=""
  PAGES=""
  for ((i = 0; i < n; i++)); do
    page=$(curl -s -w '\nstatus=%{http_code}' "$url/" || true)
    PAGES+="$page"$'\n'
    summary+="  $({ grep -o 'i-[0-9a-f]\{17\}\|eu-west-2[abc]\|status=[0-9]*' <<<"$page" || true; } |
      sort -u | tr '\n' ' ')"$'\n'
  done
  ids=$({ grep -o 'i-[0-9a-f]\{17\}' <<<"$PAGES" || true; } | sort -u | wc -l)
  zones=$({ grep -o 'eu-west-2[abc]' <<<"$PAGES" || true; } | sort -u | wc -l)
  if [ "$ids" -ne 3 ] || [ "$zones" -ne 3 ]; then
    printf 'answers:\n%s' "$summary" >&2
    fb lbs >&2 || true
    fail "$n requests reached $ids instances in $zones AZs, expected 3 and 3"
  fi
}

# The browser tests' tools (node, playwright-core, chromium): missing ones fail the test, never
# skip it. Sets CONSOLE_TESTS and CHROMIUM.
need_browser() {
  CONSOLE_TESTS="$REPO_ROOT/tests/console"
  command -v node >/dev/null || fail "node is not installed (run scripts/setup.sh)"
  [ -f "$CONSOLE_TESTS/node_modules/playwright-core/package.json" ] ||
    fail "playwright-core is not installed in tests/console (run scripts/setup.sh)"
  export CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
  [ -x "$CHROMIUM" ] || fail "no chromium at $CHROMIUM (run scripts/setup.sh)"
}

# Runs a browser test script (tests/console/NAME.mjs) against this test's lab, 150 s at most;
# its screenshots are kept in /tmp/faultbox-NAME-screenshots. Fails when the script fails.
run_browser_steps() {
  local name=$1 shots="$WORK/screenshots-$1" rc=0
  mkdir -p "$shots"
  timeout 150 node "$CONSOLE_TESTS/$name.mjs" "http://127.0.0.1:$FAULTBOX_PORT" "$shots" || rc=$?
  local keep="/tmp/faultbox-$name-screenshots"
  rm -rf "$keep" && cp -r "$shots" "$keep" && rm -rf "$keep"/chromium-profile-*
  echo "screenshots copied to $keep"
  [ $rc -eq 0 ] || fail "the browser steps failed (exit $rc)"
}

# The aws CLI against this test's lab, with throwaway credentials and nothing read from ~/.aws:
# `awsx SERVICE OPERATION ...` (30 s at most per call); ENDPOINT is the lab's URL.
use_aws_cli() {
  command -v aws >/dev/null || fail "the aws CLI is not installed (pip install awscli)"
  export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=eu-west-2
  export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_EC2_METADATA_DISABLED=true
  export AWS_RETRY_MODE=standard AWS_MAX_ATTEMPTS=2
  ENDPOINT="http://127.0.0.1:$FAULTBOX_PORT"
}
awsx() { timeout 30 aws --endpoint-url "$ENDPOINT" --output json "$@"; }

answered_of() {  # N URL → how many of N requests to URL answered 200 (2 s each at most)
  local ok=0
  for _ in $(seq "$1"); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$2")" = 200 ] && ok=$((ok + 1))
  done
  echo "$ok"
}
lb_health_of() {  # LOAD_BALANCER INSTANCE → the instance's state there (the aws CLI, use_aws_cli)
  awsx elb describe-instance-health --load-balancer-name "$1" |
    json "[s['State'] for s in d['InstanceStates'] if s['InstanceId'] == '$2'][0]"
}
