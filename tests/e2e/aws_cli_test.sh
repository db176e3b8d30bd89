#!/usr/bin/env bash
# The real aws CLI (1.x) and boto3 drive the lab on its own port: FIS templates and
# experiments, EC2 instances and STS, with the same answers as the faultbox CLI; unsupported
# operations fail fast with NotImplemented.
source "$(dirname "$0")/lib.sh"
export FAULTBOX_SPEED=20
use_workshop_step step03

use_aws_cli

fb apply --auto-approve --var-file ../common/common.tfvars >/dev/null
panda=$(sed -n 's/^panda_name *= *"\(.*\)"/\1/p' ../common/common.tfvars)
[ -n "$panda" ] || fail "no panda_name in common.tfvars"
wait_in_service

# STS: the lab's account.
[ "$(awsx sts get-caller-identity | json 'd["Account"]')" = 000000000000 ] || fail "sts account"

# EC2: the panda's running instances, as the faultbox CLI lists them (retried: a state may
# change between the two reads).
running_fb() {
  fb --output json instances |
    json "' '.join(sorted(i['InstanceId'] for i in d if i['Tags'].get('Panda')=='$panda' and i['State']['Name']=='running'))"
}
running_aws() {
  awsx ec2 describe-instances --filters "Name=tag:Panda,Values=$panda" \
    Name=instance-state-name,Values=running |
    json "' '.join(sorted(i['InstanceId'] for r in d['Reservations'] for i in r['Instances']))"
}
same=0
for _ in 1 2 3; do
  a=$(running_aws) b=$(running_fb)
  [ "$a" = "$b" ] && [ -n "$a" ] && { same=1; break; }
  sleep 1
done
[ $same -eq 1 ] || fail "describe-instances ($a) differs from faultbox instances ($b)"
[ "$(wc -w <<<"$a")" -eq 3 ] || fail "expected 3 running instances of $panda, got: $a"
zones=$(awsx ec2 describe-instances --filters "Name=tag:Panda,Values=$panda" |
  json "len({i['Placement']['AvailabilityZone'] for r in d['Reservations'] for i in r['Instances']})")
[ "$zones" -eq 3 ] || fail "instances should span 3 zones, got $zones"
# --page-size makes the CLI follow NextToken page by page.
paged=$(awsx ec2 describe-instances --page-size 5 --filters "Name=tag:Panda,Values=$panda" \
  Name=instance-state-name,Values=running | json "len(d['Reservations'])")
[ "$paged" -eq 3 ] || fail "paged describe-instances found $paged"

# FIS: the workshop template, created from its file as AWS FIS takes it.
template=$(awsx fis create-experiment-template \
  --cli-input-json file://templates/stop-two-instances.json | json 'd["experimentTemplate"]["id"]')
[[ "$template" == EXT* ]] || fail "no template id: $template"
awsx fis get-experiment-template --id "$template" >aws-template.json
fb --output json templates get "$template" >fb-template.json
python3 "$REPO_ROOT/tests/e2e/same_as_lab.py" aws-template.json fb-template.json experimentTemplate ||
  fail "aws and faultbox show different templates"
[ "$(json 'd["experimentTemplate"]["targets"]["step03-instances"]["selectionMode"]' <aws-template.json)" = "COUNT(2)" ] ||
  fail "the aws CLI shows another selection mode"

# The selection mode changes to one instance.
targets=$(json 'json.dumps({k: dict(v, selectionMode="COUNT(1)") for k, v in d["experimentTemplate"]["targets"].items()})' <aws-template.json)
awsx fis update-experiment-template --id "$template" --targets "$targets" >/dev/null
[ "$(fb --output json templates get "$template" | json 'd["experimentTemplate"]["targets"]["step03-instances"]["selectionMode"]')" = "COUNT(1)" ] ||
  fail "update-experiment-template did not change the selection mode"

experiment=$(awsx fis start-experiment --experiment-template-id "$template" --tags run=aws \
  --client-token seed-run-1 | json 'd["experiment"]["id"]')
[[ "$experiment" == EXP* ]] || fail "no experiment id: $experiment"
# A retried StartExperiment (the same clientToken) returns the experiment the first one started.
again=$(awsx fis start-experiment --experiment-template-id "$template" --client-token seed-run-1 |
  json 'd["experiment"]["id"]')
[ "$again" = "$experiment" ] || fail "a repeated clientToken started another experiment: $again"
status=""
for _ in $(seq 120); do  # PT3M at speed 20 is 9 s
  status=$(awsx fis get-experiment --id "$experiment" | json 'd["experiment"]["state"]["status"]')
  case "$status" in completed | stopped | failed) break ;; esac
  sleep 0.5
done
[ "$status" = completed ] || fail "experiment ended $status, expected completed"
awsx fis get-experiment --id "$experiment" >aws-experiment.json
python3 - <<'PY' || fail "get-experiment shape"
import json
e = json.load(open("aws-experiment.json"))["experiment"]
assert e["tags"] == {"run": "aws"}, e["tags"]
assert all(a["state"]["status"] == "completed" for a in e["actions"].values()), e["actions"]
assert e["endTime"] >= e["startTime"]
PY
# FIS added ListExperimentResolvedTargets in 2024: Debian's aws CLI 2.9 does not know it.
if resolved=$(awsx fis list-experiment-resolved-targets --experiment-id "$experiment" 2>"$WORK/err"); then
  [ "$(json 'len(d["resolvedTargets"])' <<<"$resolved")" -eq 1 ] || fail "COUNT(1) should resolve one target"
else
  grep -q "Invalid choice" "$WORK/err" || fail "list-experiment-resolved-targets: $(cat "$WORK/err")"
  echo "note: $(aws --version 2>&1 | cut -d' ' -f1) has no list-experiment-resolved-targets"
fi
[ "$(fb --output json experiments get "$experiment" | json 'd["experiment"]["state"]["status"]')" = completed ] ||
  fail "faultbox disagrees on the experiment's state"

actions_aws=$(awsx fis list-actions | json '" ".join(sorted(a["id"] for a in d["actions"]))')
actions_fb=$(fb --output json actions | json '" ".join(sorted(a["id"] for a in d["actions"]))')
[ "$actions_aws" = "$actions_fb" ] || fail "list-actions ($actions_aws) != faultbox actions ($actions_fb)"
expect_contains "$actions_aws" "aws:ec2:stop-instances"

# EC2 stop and start, on an instance outside the auto-scaling group (the group would replace a
# stopped member).
mkdir -p "$WORK/solo" && cat >"$WORK/solo/main.tf.json" <<'TF'
{
  "provider": { "aws": { "region": "eu-west-2" } },
  "resource": { "aws_instance": { "solo": {
    "ami": "ami-faultbox-web", "instance_type": "t3.micro", "availability_zone": "eu-west-2b",
    "tags": { "Name": "solo", "Panda": "solo" } } } }
}
TF
(cd "$WORK/solo" && fb apply --auto-approve >/dev/null)
state_of() { fb --output json instances | json "[i['State']['Name'] for i in d if i['InstanceId']=='$1'][0]"; }
solo=$(awsx ec2 describe-instances --filters Name=tag:Panda,Values=solo | json 'd["Reservations"][0]["Instances"][0]["InstanceId"]')
for _ in $(seq 100); do [ "$(state_of "$solo")" = running ] && break; sleep 0.1; done
[ "$(state_of "$solo")" = running ] || fail "solo instance never ran"
change=$(awsx ec2 stop-instances --instance-ids "$solo" |
  json '"%s>%s" % (d["StoppingInstances"][0]["PreviousState"]["Name"], d["StoppingInstances"][0]["CurrentState"]["Name"])')
[ "$change" = "running>stopping" ] || fail "stop-instances reported $change"
for _ in $(seq 100); do [ "$(state_of "$solo")" = stopped ] && break; sleep 0.1; done
[ "$(state_of "$solo")" = stopped ] || fail "solo instance never stopped"
change=$(awsx ec2 start-instances --instance-ids "$solo" |
  json '"%s>%s" % (d["StartingInstances"][0]["PreviousState"]["Name"], d["StartingInstances"][0]["CurrentState"]["Name"])')
[ "$change" = "stopped>pending" ] || fail "start-instances reported $change"
[ "$(state_of "$solo")" = pending ] || fail "faultbox does not see the started instance pending"

# boto3: the same basics through the SDK.
PYTHONPATH="$REPO_ROOT/tests/e2e" python3 - "$ENDPOINT" "$panda" "$template" "$experiment" >boto3.out <<'PY' || fail "boto3: $(cat boto3.out)"
import json, sys, boto3
import model_shapes
endpoint, panda, template, experiment = sys.argv[1:]
kw = dict(endpoint_url=endpoint, region_name="eu-west-2")
assert boto3.client("sts", **kw).get_caller_identity()["Account"] == "000000000000"
ec2 = boto3.client("ec2", **kw)
pages = ec2.get_paginator("describe_instances").paginate(
    Filters=[{"Name": "tag:Panda", "Values": [panda]}], PaginationConfig={"PageSize": 5})
ids = sorted(i["InstanceId"] for p in pages for r in p["Reservations"] for i in r["Instances"])
assert len(ids) >= 3, ids
fis = boto3.client("fis", **kw)

# Every raw FIS body must fit the model's output shape: known members, the right JSON types.
model_shapes.watch(fis)
checked = model_shapes.checked
t = fis.get_experiment_template(id=template)["experimentTemplate"]
assert t["targets"]["step03-instances"]["selectionMode"] == "COUNT(1)", t
assert t["creationTime"].year >= 2020  # botocore parsed the epoch seconds
e = fis.get_experiment(id=experiment)["experiment"]
assert e["state"]["status"] == "completed", e["state"]
assert [x["id"] for x in fis.list_experiment_templates()["experimentTemplates"]] == [template]
assert [x["id"] for x in fis.list_experiments()["experiments"]] == [experiment]
calls = 9
# FIS added ListExperimentResolvedTargets in 2024; Debian 12's boto3 (1.26) does not know it.
if hasattr(fis, "list_experiment_resolved_targets"):
    fis.list_experiment_resolved_targets(experimentId=experiment)
    calls += 1
fis.list_actions()
fis.get_action(id="aws:ec2:stop-instances")
fis.list_target_resource_types()
fis.get_target_resource_type(resourceType="aws:ec2:instance")
template_arn = f"arn:aws:fis:eu-west-2:000000000000:experiment-template/{template}"
fis.list_tags_for_resource(resourceArn=template_arn)
assert len(checked) == calls, checked
print("boto3 ok", len(ids))
PY
expect_contains "$(cat boto3.out)" "boto3 ok"

# Unsupported operations: a NotImplemented error naming the operation, non-zero exit, no hang.
for call in "cloudwatch get-dashboard --dashboard-name x" "ec2 run-instances --image-id ami-faultbox-web" \
  "sts get-session-token"; do
  rc=0
  out=$(awsx $call 2>&1) || rc=$?
  [ $rc -ne 0 ] && [ $rc -ne 124 ] || fail "'aws $call' exited $rc: $out"
  expect_contains "$out" "NotImplemented"
  expect_contains "$out" "$(awk '{print $2}' <<<"$call" | sed -E 's/(^|-)([a-z])/\U\2/g')"
done

(cd "$WORK/solo" && fb destroy --auto-approve >/dev/null)
fb destroy --auto-approve >/dev/null
echo "aws cli: ok"
