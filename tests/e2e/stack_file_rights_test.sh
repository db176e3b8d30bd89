#!/usr/bin/env bash
# A lab run by root opens the files a stack names with the rights of the user who sent it. Another
# user of the machine (nobody), who reaches the lab's stack routes with the token any local
# process can read in the console's page, gets a permission error for file("/etc/shadow"), for a
# backend "local" state file in root's directory, for archive_file writing there and for a
# terraform_remote_state reading root's state; nothing is written. The lab's own user, through
# the CLI as its users run it, still reads its own private files.
source "$(dirname "$0")/lib.sh"
[ "$(id -u)" = 0 ] || fail "this test needs root: it runs the lab as root and a request as nobody"

# Root's own files, as a user keeps them: a private directory with a state file and a secret.
chmod 711 "$WORK"  # nobody may pass through the test's directory to the ones below
private="$WORK/root-only"
mkdir -m 700 "$private"
printf "root's secret" >"$private/secret"
mkdir -p "$WORK/own" && cd "$WORK/own"
cat >main.tf <<TF
terraform {
  backend "local" {
    path = "$private/own.tfstate"
  }
}
output "secret" {
  value = file("$private/secret")
}
TF
out=$(fb apply --auto-approve 2>&1) || fail "root's own stack failed: $out"
expect_contains "$out" "secret = \"root's secret\""
[ -f "$private/own.tfstate" ] || fail "root's backend state was not written"
chmod 600 "$private/own.tfstate"

# nobody reads the console's token like any local process, then sends stacks itself.
port=$FAULTBOX_PORT
as_nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
token=$(as_nobody curl -sf "http://127.0.0.1:$port/" | python3 -c 'import re, sys; print(re.search(r"faultbox-token\" content=\"([0-9a-f]+)", sys.stdin.read()).group(1))')
[ -n "$token" ] || fail "no console token in the page"
stack_as_nobody() {  # VERB STACK-JSON → the lab's answer (the body, then the HTTP status)
  local body
  body=$(python3 -c 'import json, sys; print(json.dumps({"dir": "/tmp/nobody-stack", "region": "eu-west-2", "files": {"main.tf.json": sys.argv[1]}}))' "$2")
  as_nobody curl -s -w '\nHTTP %{http_code}' -X POST -H "X-Faultbox-Token: $token" \
    -H "Content-Type: application/json" --data-binary "$body" "http://127.0.0.1:$port/_faultbox/stack/$1"
}

out=$(stack_as_nobody plan '{"output": {"x": {"value": "${file(\"/etc/shadow\")}"}}}')
echo "file(\"/etc/shadow\") by nobody: $(head -c 300 <<<"$out")"
expect_contains "$out" "Permission denied"
[[ "$out" != *"root:"* ]] || fail "nobody read /etc/shadow through the lab"

out=$(stack_as_nobody plan "{\"output\": {\"x\": {\"value\": \"\${file(\\\"$private/secret\\\")}\"}}}")
expect_contains "$out" "Permission denied"
[[ "$out" != *"root's secret"* ]] || fail "nobody read root's secret through the lab"

out=$(stack_as_nobody apply "{\"terraform\": {\"backend\": {\"local\": {\"path\": \"$private/planted.tfstate\"}}}, \"output\": {\"x\": {\"value\": \"1\"}}}")
echo "backend \"local\" in root's directory by nobody: $(head -c 300 <<<"$out")"
expect_contains "$out" "Permission denied"
[ ! -e "$private/planted.tfstate" ] || fail "nobody wrote a state file into root's directory"

# A directory nobody may read but not write: the state is read (there is none) and its write
# refused.
mkdir -m 755 "$WORK/root-readable"
out=$(stack_as_nobody apply "{\"terraform\": {\"backend\": {\"local\": {\"path\": \"$WORK/root-readable/planted.tfstate\"}}}, \"output\": {\"x\": {\"value\": \"1\"}}}")
echo "backend \"local\" in root's readable directory by nobody: $(head -c 300 <<<"$out")"
expect_contains "$out" "Permission denied"
[ -z "$(ls -A "$WORK/root-readable")" ] || fail "nobody wrote into root's directory: $(ls -A "$WORK/root-readable")"

out=$(stack_as_nobody plan "{\"data\": {\"archive_file\": {\"z\": {\"type\": \"zip\", \"source_content\": \"x\", \"source_content_filename\": \"x\", \"output_path\": \"$private/planted.zip\"}}}}")
expect_contains "$out" "Permission denied"
[ ! -e "$private/planted.zip" ] || fail "nobody wrote an archive into root's directory"

out=$(stack_as_nobody plan "{\"data\": {\"terraform_remote_state\": {\"r\": {\"backend\": \"local\", \"config\": {\"path\": \"$private/own.tfstate\"}}}}, \"output\": {\"x\": {\"value\": \"\${data.terraform_remote_state.r.outputs.secret}\"}}}")
expect_contains "$out" "Permission denied"
[[ "$out" != *"root's secret"* ]] || fail "nobody read root's state through the lab"

# The lab is unharmed and root's stack unchanged.
out=$(fb plan 2>&1) || fail "root's plan failed after nobody's requests: $out"
expect_contains "$out" "No changes"
echo "stack file rights: OK"
