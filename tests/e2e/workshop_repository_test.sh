#!/usr/bin/env bash
# The workshop's own repository (../shared/workshop, byte for byte as its users have it), run as
# its READMEs say, one directory after the other, with the READMEs' own commands and no
# --data-dir (HOME is a temporary directory, so the lab is the user's default one): init,
# step01, step02, step03 and step04 apply unchanged and plan no changes; step01's server and
# step03's load balancer serve the workshop's page from instances in their AZs; step01's and
# step02's experiments (built as their READMEs build them) take the server away and the page
# comes back (restarted; replaced by the group); step04's Lambda
# answers `aws lambda invoke`, times out under the add-delay experiment the README builds, and
# answers again after it; destroying the steps in reverse order leaves nothing running.
source "$(dirname "$0")/lib.sh"
export FAULTBOX_SPEED=10
workshop="$REPO_ROOT/../shared/workshop"
[ -f "$workshop/SHA256SUMS" ] || fail "the workshop repository is not at $workshop"
(cd "$workshop" && sha256sum --quiet -c SHA256SUMS) || fail "the workshop repository was changed"
cp -r "$workshop" "$WORK/repo"  # Terraform writes state next to it (../../statefiles)

# A user's machine: the lab lives in ~/.local/state/faultbox, found from every directory.
export HOME="$WORK/home"
unset FAULTBOX_DATA_DIR XDG_STATE_HOME
mkdir -p "$HOME"
EXTRA_DATA_DIRS+=("$HOME/.local/state/faultbox")
faultbox() { "$FAULTBOX" "$@"; }
steps=(init step01 step02 step03 step04)

for step in "${steps[@]}"; do
  out=$(cd "$WORK/repo/steps/$step" && faultbox init 2>&1) || fail "$step: init failed: $out"
  expect_contains "$out" "faultbox has been successfully initialized!"
  expect_contains "$out" "- hashicorp/aws (>=5.70.0): built into faultbox"
  [ "$step" != step04 ] || expect_contains "$out" "- hashicorp/archive (>=2.6.0): built into faultbox"
  out=$(cd "$WORK/repo/steps/$step" && faultbox plan --var-file ../common/common.tfvars 2>&1) ||
    fail "$step: plan failed: $out"
  expect_contains "$out" "Plan: "
  out=$(cd "$WORK/repo/steps/$step" && faultbox apply --auto-approve --var-file ../common/common.tfvars 2>&1) ||
    fail "$step: apply failed: $out"
  expect_contains "$out" "Apply complete! Resources: "
done
expect_contains "$out" "Apply complete! Resources: 12 added, 0 changed, 0 destroyed."
expect_contains "$out" 'lambda_name = "funky_step04_lambda"'
expect_contains "$out" 'fis_experiment_rolename = "funky_step04_fis_iam_role"'

# Planned again, each step has nothing left to do (the provider's default_tags read a local;
# step04's archive is written again with the same bytes).
for step in "${steps[@]}"; do
  out=$(cd "$WORK/repo/steps/$step" && faultbox plan --var-file ../common/common.tfvars 2>&1) ||
    fail "$step: plan failed: $out"
  expect_contains "$out" "No changes."
done

# step01: one server, its page filled in by its cloud-init from IMDS (envsubst).
in_step() { (cd "$WORK/repo/steps/$1" && shift && faultbox "$@"); }
url=$(in_step step01 --output json output | json 'd["outputs"]["ec2_details"]["value"]["instance_ip_url"]')
id=$(in_step step01 --output json output | json 'd["outputs"]["ec2_details"]["value"]["instance_id"]')
page=""
for _ in $(seq 300); do page=$(curl -sf "$url/" || true); [[ "$page" == *"$id"* ]] && break; sleep 0.1; done
expect_contains "$page" "<h1>Server simple-funky ($id)</h1>"
expect_contains "$page" "I'm running in Availability Zone eu-west-2a"

# The READMEs build their templates in FIS's console; here the same templates through the aws
# CLI, with the init step's role.
use_aws_cli
role="arn:aws:iam::000000000000:role/funky_fis_iam_role"
start_template() {  # FILE -> experiment id
  local template
  template=$(awsx fis create-experiment-template --cli-input-json "file://$1" | json 'd["experimentTemplate"]["id"]')
  awsx fis start-experiment --experiment-template-id "$template" | json 'd["experiment"]["id"]'
}
experiment_status() { awsx fis get-experiment --id "$1" | json 'd["experiment"]["state"]["status"]'; }
stop_ec2_template() {  # DESCRIPTION TARGET-JSON PARAMETERS-JSON > template file
  cat <<JSON
{"description": "$1", "roleArn": "$role", "stopConditions": [{"source": "none"}],
 "targets": {"Instances-Target-1": $2},
 "actions": {"stop-ec2": {"actionId": "aws:ec2:stop-instances", "parameters": $3,
   "targets": {"Instances": "Instances-Target-1"}}}}
JSON
}

# step01's experiment: stop the one server, start it again after 2 minutes; the page goes away
# and comes back.
stop_ec2_template "Stop step01 EC2 instance" \
  "{\"resourceType\": \"aws:ec2:instance\", \"resourceArns\": [\"arn:aws:ec2:eu-west-2:000000000000:instance/$id\"], \"selectionMode\": \"ALL\"}" \
  '{"startInstancesAfterDuration": "PT2M"}' >"$WORK/step01.json"
experiment=$(start_template "$WORK/step01.json")
for _ in $(seq 100); do curl -sf -m 1 "$url/" >/dev/null || break; sleep 0.1; done
curl -sf -m 1 "$url/" >/dev/null && fail "step01: the page still answers with its server stopped"
for _ in $(seq 400); do page=$(curl -sf -m 1 "$url/" || true); [[ "$page" == *"$id"* ]] && break; sleep 0.1; done
expect_contains "$page" "<h1>Server simple-funky ($id)</h1>"
for _ in $(seq 100); do [ "$(experiment_status "$experiment")" = completed ] && break; sleep 0.1; done
[ "$(experiment_status "$experiment")" = completed ] || fail "step01's experiment is $(experiment_status "$experiment")"

# step02's experiment: stop the group's server, found by its tags; the group replaces it and the
# load balancer serves the new one.
step02_url=$(in_step step02 --output json output | json 'd["outputs"]["elb_url"]["value"]')
before=""
for _ in $(seq 600); do before=$(curl -sf -m 1 "$step02_url/" || true); [[ "$before" == *"Server "* ]] && break; sleep 0.1; done
expect_contains "$before" "<h1>Server "
old_id=$(echo "$before" | sed -n 's/.*(\(i-[0-9a-f]*\)).*/\1/p' | head -1)
stop_ec2_template "Stop step02 EC2 instance" \
  '{"resourceType": "aws:ec2:instance", "resourceTags": {"Panda": "funky", "Experiment": "step02"}, "selectionMode": "ALL"}' \
  '{}' >"$WORK/step02.json"
experiment=$(start_template "$WORK/step02.json")
for _ in $(seq 100); do [ "$(experiment_status "$experiment")" = completed ] && break; sleep 0.1; done
[ "$(experiment_status "$experiment")" = completed ] || fail "step02's experiment is $(experiment_status "$experiment")"
after=""
for _ in $(seq 900); do
  after=$(curl -sf -m 1 "$step02_url/" || true)
  [[ "$after" == *"Server "* && "$after" != *"$old_id"* ]] && break
  sleep 0.1
done
[[ "$after" == *"Server "* && "$after" != *"$old_id"* ]] || fail "step02: the group did not replace $old_id: $after"

# step03: three servers in three AZs behind the load balancer.
fb() { faultbox "$@"; }
elb=$(in_step step03 --output json output | json 'd["outputs"]["elb_url"]["value"]')
step03_in_service() {
  fb --output json lbs | json 'sum(h["State"] == "InService" for b in d if b["LoadBalancerName"] == "step03-funky-elb" for h in b["InstanceHealth"])'
}
for _ in $(seq 600); do [ "$(step03_in_service)" -ge 3 ] && break; sleep 0.1; done
[ "$(step03_in_service)" -ge 3 ] || { fb lbs; fail "step03's instances are not InService"; }
expect_rotation "$elb"
expect_contains "$PAGES" "<h1>Server funky-step03 (i-"

# step04: the Lambda lists the account's buckets (its log says so), through the lab's S3.
fn=funky_step04_lambda
invoke() { awsx lambda invoke --function-name "$fn" --log-type Tail "$WORK/answer.json"; }
reply=$(invoke) || fail "lambda invoke failed: $reply"
[ "$(cat "$WORK/answer.json")" = "null" ] || fail "the function answered $(cat "$WORK/answer.json")"
log=$(echo "$reply" | json 'd["LogResult"]' | base64 -d)
expect_contains "$log" "Hello from Lambda!"
expect_contains "$log" "Bucket: 000000000000-eu-west-2-funky-fis-config-bucket"
expect_contains "$log" "REPORT RequestId: "
functions=$(awsx lambda list-functions | json '[(f["FunctionName"], f["Timeout"], f["Layers"][0]["Arn"]) for f in d["Functions"]]')
expect_contains "$functions" "('funky_step04_lambda', 30, 'arn:aws:lambda:eu-west-2:637423427737:layer:aws-fis-extension-x86_64:9')"

# The README's experiment: add-delay, 3 minutes, a 35 s start-up delay, on the function, with
# the step's FIS role. During it the 30 s timeout hits; after it the function answers again.
arn=$(awsx lambda get-function --function-name "$fn" | json 'd["Configuration"]["FunctionArn"]')
cat >"$WORK/template.json" <<JSON
{"description": "Delay lambda invocation",
 "roleArn": "arn:aws:iam::000000000000:role/funky_step04_fis_iam_role",
 "stopConditions": [{"source": "none"}],
 "targets": {"Functions-Target-1": {"resourceType": "aws:lambda:function",
   "resourceArns": ["$arn"], "selectionMode": "ALL"}},
 "actions": {"delay_lambda": {"actionId": "aws:lambda:invocation-add-delay",
   "parameters": {"duration": "PT3M", "startupDelayMilliseconds": "35000"},
   "targets": {"Functions": "Functions-Target-1"}}},
 "tags": {"Name": "delay-lambda-funky"}}
JSON
template=$(awsx fis create-experiment-template --cli-input-json "file://$WORK/template.json" | json 'd["experimentTemplate"]["id"]')
experiment=$(awsx fis start-experiment --experiment-template-id "$template" | json 'd["experiment"]["id"]')
status() { awsx fis get-experiment --id "$experiment" | json 'd["experiment"]["state"]["status"]'; }
for _ in $(seq 50); do [ "$(status)" = running ] && break; sleep 0.1; done
[ "$(status)" = running ] || fail "the experiment is $(status), not running"
reply=$(invoke) || fail "lambda invoke failed: $reply"
expect_contains "$reply" '"FunctionError": "Unhandled"'
expect_contains "$(cat "$WORK/answer.json")" '"errorType":"Sandbox.Timedout"'
expect_contains "$(cat "$WORK/answer.json")" "Task timed out after 30.00 seconds"
for _ in $(seq 300); do [ "$(status)" = completed ] && break; sleep 0.1; done
[ "$(status)" = completed ] || fail "the experiment is $(status), not completed"
reply=$(invoke) || fail "lambda invoke failed: $reply"
[ "$(cat "$WORK/answer.json")" = "null" ] || fail "after the experiment the function answered $(cat "$WORK/answer.json")"
[ -z "$(awsx s3api list-objects-v2 --bucket 000000000000-eu-west-2-funky-fis-config-bucket | json 'd.get("Contents", [])' | tr -d '[]')" ] ||
  fail "the experiment left its fault configuration in the bucket"

# Destroyed in reverse order, nothing is left: no instance, function, bucket or process.
for ((i = ${#steps[@]} - 1; i >= 0; i--)); do
  out=$(cd "$WORK/repo/steps/${steps[$i]}" && faultbox destroy --auto-approve --var-file ../common/common.tfvars 2>&1) ||
    fail "${steps[$i]}: destroy failed: $out"
  expect_contains "$out" "Destroy complete!"
done
[ "$(awsx lambda list-functions | json 'len(d["Functions"])')" = 0 ] || fail "a function is left"
[ "$(awsx s3api list-buckets | json 'len(d["Buckets"])')" = 0 ] || fail "a bucket is left"
[ "$(fb --output json instances | json 'sum(i["State"]["Name"] not in ("terminated", "shutting-down") for i in d)')" = 0 ] ||
  fail "an instance is left: $(fb instances)"
echo "workshop repository: ok"
