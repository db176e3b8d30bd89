#!/usr/bin/env bash
# The real aws CLI (1.x) and boto3 on Auto Scaling, Classic ELB, CloudWatch (rpc-v2-cbor, json
# and query), CloudWatch Logs and IAM: the same answers as the faultbox CLI; a role made with
# `aws iam` runs a FIS experiment whose log lands in a log group read back with `aws logs`;
# every example template is valid AWS FIS input, and `--output aws-json` round-trips.
source "$(dirname "$0")/lib.sh"
export FAULTBOX_SPEED=20
use_workshop_step step03

use_aws_cli
account=000000000000

# Templates: every example is valid CreateExperimentTemplate input (offline, botocore's model).
mapfile -t examples < <(find "$REPO_ROOT/examples" -path '*/templates/*.json' | sort)
[ "${#examples[@]}" -ge 1 ] || fail "no example templates found"
python3 "$REPO_ROOT/tests/e2e/fis_template_input.py" "${examples[@]}" >templates.out ||
  fail "example templates are not valid AWS FIS input: $(cat templates.out)"

fb apply --auto-approve --var-file ../common/common.tfvars >/dev/null
wait_in_service

# Auto Scaling and ELB: the same group members and instance health as the faultbox CLI (read
# again when a state changed between the two reads).
same_twice() {  # NAME CMD_A CMD_B
  local a b
  for _ in 1 2 3 4 5; do
    a=$(eval "$2") b=$(eval "$3")
    [ "$a" = "$b" ] && [ -n "$a" ] && return 0
    sleep 0.5
  done
  fail "$1: aws says '$a', faultbox says '$b'"
}
same_twice "groups" \
  "awsx autoscaling describe-auto-scaling-groups | json \"' '.join(sorted(g['AutoScalingGroupName']+':'+str(g['DesiredCapacity'])+':'+','.join(sorted(i['InstanceId'] for i in g['Instances'])) for g in d['AutoScalingGroups']))\"" \
  "fb --output json groups | json \"' '.join(sorted(g['AutoScalingGroupName']+':'+str(g['DesiredCapacity'])+':'+','.join(sorted(g['Instances'])) for g in d))\""
lb=$(fb --output json lbs | json 'd[0]["LoadBalancerName"]')
same_twice "instance health" \
  "awsx elb describe-instance-health --load-balancer-name $lb | json \"' '.join(sorted(s['InstanceId']+'='+s['State'] for s in d['InstanceStates']))\"" \
  "fb --output json lbs | json \"' '.join(sorted(h['InstanceId']+'='+h['State'] for h in d[0]['InstanceHealth']))\""
[ "$(awsx elb describe-load-balancers --load-balancer-names "$lb" | json 'd["LoadBalancerDescriptions"][0]["HealthCheck"]["Target"]')" = \
  "$(fb --output json lbs | json 'd[0]["HealthCheck"]["Target"]')" ] || fail "health check targets differ"
out=$(awsx elb describe-instance-health --load-balancer-name no-such-lb 2>&1) && fail "unknown lb accepted"
expect_contains "$out" "LoadBalancerNotFound"
out=$(awsx autoscaling set-desired-capacity --auto-scaling-group-name no-such-asg --desired-capacity 1 2>&1) &&
  fail "unknown group accepted"
expect_contains "$out" "AutoScalingGroup name not found - no-such-asg"

# CloudWatch: alarms as the faultbox CLI lists them (the CLI speaks json 1.0, boto3 CBOR).
same_twice "alarms" \
  "awsx cloudwatch describe-alarms | json \"' '.join(sorted(a['AlarmName']+'='+a['StateValue'] for a in d['MetricAlarms']))\"" \
  "fb --output json alarms | json \"' '.join(sorted(a['AlarmName']+'='+a['StateValue'] for a in d['MetricAlarms']))\""
now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
awsx cloudwatch put-metric-data --namespace Faultbox/E2E --metric-name Requests \
  --dimensions Service=web --value 7 --timestamp "$now"
awsx cloudwatch put-metric-data --namespace Faultbox/E2E --metric-name Requests \
  --dimensions Service=web --value 5 --timestamp "$now"
sum=$(awsx cloudwatch get-metric-statistics --namespace Faultbox/E2E --metric-name Requests \
  --dimensions Name=Service,Value=web --statistics Sum SampleCount --period 60 \
  --start-time "$(date -u -d '-10 min' +%Y-%m-%dT%H:%M:%SZ)" \
  --end-time "$(date -u -d '+10 min' +%Y-%m-%dT%H:%M:%SZ)" |
  json '"%s/%s" % (d["Datapoints"][0]["Sum"], d["Datapoints"][0]["SampleCount"])')
[ "$sum" = "12.0/2.0" ] || fail "get-metric-statistics gave $sum, expected 12.0/2.0"
python3 "$REPO_ROOT/tests/e2e/cloudwatch_protocols.py" "$ENDPOINT" >cw.out 2>&1 ||
  fail "CloudWatch over its protocols: $(cat cw.out)"

# IAM: a role made through the API, with the FIS EC2 managed policy attached, runs an experiment
# that stops one instance and logs to a CloudWatch Logs group.
trust='{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"fis.amazonaws.com"},"Action":"sts:AssumeRole"}]}'
role_arn=$(awsx iam create-role --role-name api-fis-role --assume-role-policy-document "$trust" |
  json 'd["Role"]["Arn"]')
[ "$role_arn" = "arn:aws:iam::$account:role/api-fis-role" ] || fail "create-role gave $role_arn"
awsx iam create-role --role-name bare-role --assume-role-policy-document "$trust" >/dev/null
out=$(awsx iam create-role --role-name api-fis-role --assume-role-policy-document "$trust" 2>&1) &&
  fail "a second api-fis-role was created"
expect_contains "$out" "EntityAlreadyExists"
awsx iam attach-role-policy --role-name api-fis-role \
  --policy-arn arn:aws:iam::aws:policy/service-role/AWSFaultInjectionSimulatorEC2Access
[ "$(awsx iam get-role --role-name api-fis-role | json 'd["Role"]["AssumeRolePolicyDocument"]["Statement"][0]["Action"]')" = sts:AssumeRole ] ||
  fail "get-role does not give the trust policy back"
expect_contains "$(awsx iam list-roles | json '" ".join(r["RoleName"] for r in d["Roles"])')" "api-fis-role"
awsx logs create-log-group --log-group-name fis-api-logs
template_for() {  # ROLE_ARN -> a one-action template file
  python3 - "$1" >"tmpl-$2.json" <<'PY'
import json, sys
t = json.load(open("templates/stop-two-instances.json"))
t["roleArn"] = sys.argv[1]
t["actions"] = {"stop-one": {"actionId": "aws:ec2:stop-instances",
                             "targets": {"Instances": next(iter(t["targets"]))}}}
for target in t["targets"].values():
    target["selectionMode"] = "COUNT(1)"
t["stopConditions"] = [{"source": "none"}]
t["logConfiguration"] = {"logSchemaVersion": 2, "cloudWatchLogsConfiguration": {
    "logGroupArn": "arn:aws:logs:eu-west-2:000000000000:log-group:fis-api-logs:*"}}
print(json.dumps(t))
PY
}
run_experiment() {  # TEMPLATE_FILE -> final status
  local t e status=""
  t=$(awsx fis create-experiment-template --cli-input-json "file://$1" | json 'd["experimentTemplate"]["id"]')
  e=$(awsx fis start-experiment --experiment-template-id "$t" | json 'd["experiment"]["id"]')
  for _ in $(seq 120); do
    status=$(awsx fis get-experiment --id "$e" | json 'd["experiment"]["state"]["status"]')
    case "$status" in completed | stopped | failed) break ;; esac
    sleep 0.5
  done
  echo "$e $status"
}
template_for "$role_arn" allowed
read -r experiment status < <(run_experiment tmpl-allowed.json)
[ "$status" = completed ] || fail "the experiment with the API-made role ended $status"
template_for "arn:aws:iam::$account:role/bare-role" bare
read -r _ status < <(run_experiment tmpl-bare.json)
[ "$status" = failed ] || fail "a role without policies should fail the experiment, it ended $status"

# Logs: the experiment's log, through describe-log-groups/-streams and filter-log-events.
expect_contains "$(awsx logs describe-log-groups | json '" ".join(g["logGroupName"] for g in d["logGroups"])')" "fis-api-logs"
expect_contains "$(awsx logs describe-log-streams --log-group-name fis-api-logs | json '" ".join(s["logStreamName"] for s in d["logStreams"])')" "$experiment"
lines=$(awsx logs filter-log-events --log-group-name fis-api-logs --log-stream-names "$experiment" |
  json 'len(d["events"])')
[ "$lines" -ge 1 ] || fail "no experiment log events in fis-api-logs"
out=$(awsx logs filter-log-events --log-group-name no-such-group 2>&1) && fail "unknown log group accepted"
expect_contains "$out" "ResourceNotFoundException"

# boto3: CloudWatch with botocore's default protocol (json 1.0: botocore ranks json above the
# model's first choice, rpc-v2-cbor) and with CBOR forced; Logs over json.
PYTHONPATH="$REPO_ROOT/tests/e2e" python3 - "$ENDPOINT" "$experiment" >boto3.out 2>&1 <<'PY' ||
  fail "boto3: $(cat boto3.out)"
import sys, boto3, botocore.model
endpoint, experiment = sys.argv[1:]
kw = dict(endpoint_url=endpoint, region_name="eu-west-2")
default = boto3.client("cloudwatch", **kw).describe_alarms()["MetricAlarms"]
usual = botocore.model.PRIORITY_ORDERED_SUPPORTED_PROTOCOLS
botocore.model.PRIORITY_ORDERED_SUPPORTED_PROTOCOLS = ("smithy-rpc-v2-cbor",)
cw = boto3.client("cloudwatch", **kw)
botocore.model.PRIORITY_ORDERED_SUPPORTED_PROTOCOLS = usual
assert cw.meta.service_model.resolved_protocol == "smithy-rpc-v2-cbor"
alarms = cw.describe_alarms()["MetricAlarms"]
assert alarms and all(a["StateUpdatedTimestamp"].year >= 2020 for a in alarms), alarms
assert [a["AlarmName"] for a in alarms] == [a["AlarmName"] for a in default]
logs = boto3.client("logs", **kw)
events = logs.filter_log_events(logGroupName="fis-api-logs", logStreamNames=[experiment])["events"]
assert events and all(e["logStreamName"] == experiment for e in events), events
groups = boto3.client("autoscaling", **kw).describe_auto_scaling_groups()["AutoScalingGroups"]
assert groups and groups[0]["CreatedTime"].year >= 2020, groups

# Raw bodies of every operation with an output fit the models' output shapes.
import model_shapes
asg = model_shapes.watch(boto3.client("autoscaling", **kw))
name = asg.describe_auto_scaling_groups()["AutoScalingGroups"][0]["AutoScalingGroupName"]
member = asg.describe_auto_scaling_instances()["AutoScalingInstances"][0]["InstanceId"]
asg.describe_scaling_activities(AutoScalingGroupName=name, MaxRecords=5)
elb = model_shapes.watch(boto3.client("elb", **kw))
lb = elb.describe_load_balancers()["LoadBalancerDescriptions"][0]["LoadBalancerName"]
elb.describe_instance_health(LoadBalancerName=lb)
hc = elb.describe_load_balancers()["LoadBalancerDescriptions"][0]["HealthCheck"]
elb.configure_health_check(LoadBalancerName=lb, HealthCheck=hc)  # unchanged: states stay
elb.register_instances_with_load_balancer(LoadBalancerName=lb, Instances=[{"InstanceId": member}])
iam = model_shapes.watch(boto3.client("iam", **kw))
iam.get_role(RoleName="api-fis-role")
iam.list_roles()
arn = iam.create_policy(PolicyName="boto3-policy", PolicyDocument='{"Statement": []}')["Policy"]["Arn"]
iam.get_policy(PolicyArn=arn)
iam.create_role(RoleName="boto3-role", AssumeRolePolicyDocument='{"Statement": []}')
logs = model_shapes.watch(logs)
logs.describe_log_groups()
logs.describe_log_streams(logGroupName="fis-api-logs")
stream = logs.describe_log_streams(logGroupName="fis-api-logs")["logStreams"][0]["logStreamName"]
logs.get_log_events(logGroupName="fis-api-logs", logStreamName=stream)
logs.filter_log_events(logGroupName="fis-api-logs")
logs.put_log_events(logGroupName="fis-api-logs", logStreamName="boto3",
                    logEvents=[{"timestamp": 1, "message": "hello"}])
wanted = {"autoscaling.DescribeAutoScalingGroups", "autoscaling.DescribeAutoScalingInstances",
          "autoscaling.DescribeScalingActivities", "elb.DescribeLoadBalancers",
          "elb.DescribeInstanceHealth", "elb.ConfigureHealthCheck",
          "elb.RegisterInstancesWithLoadBalancer", "iam.GetRole", "iam.ListRoles",
          "iam.CreatePolicy", "iam.GetPolicy", "iam.CreateRole", "logs.DescribeLogGroups",
          "logs.DescribeLogStreams", "logs.GetLogEvents", "logs.FilterLogEvents",
          "logs.PutLogEvents"}
assert wanted <= set(model_shapes.checked), wanted - set(model_shapes.checked)
print("boto3 ok")
PY

# The aws CLI 2 (Debian's awscli 2.9 speaks CloudWatch's query protocol), when installed.
aws2=""
for candidate in /usr/bin/aws /usr/local/bin/aws; do
  if [ -x "$candidate" ] && "$candidate" --version 2>/dev/null | grep -q '^aws-cli/2\.'; then
    aws2=$candidate
    break
  fi
done
[ -n "$aws2" ] || fail "the aws CLI 2 is not installed (apt-get install awscli; scripts/setup.sh does)"
if [ -n "$aws2" ]; then
  aws2x() { AWS_PAGER="" timeout 30 "$aws2" --endpoint-url "$ENDPOINT" --output json "$@"; }
  same_twice "alarms (aws CLI 2)" \
    "aws2x cloudwatch describe-alarms | json \"' '.join(sorted(a['AlarmName']+'='+a['StateValue'] for a in d['MetricAlarms']))\"" \
    "fb --output json alarms | json \"' '.join(sorted(a['AlarmName']+'='+a['StateValue'] for a in d['MetricAlarms']))\""
  same_twice "instance health (aws CLI 2)" \
    "aws2x elb describe-instance-health --load-balancer-name $lb | json \"' '.join(sorted(s['InstanceId']+'='+s['State'] for s in d['InstanceStates']))\"" \
    "fb --output json lbs | json \"' '.join(sorted(h['InstanceId']+'='+h['State'] for h in d[0]['InstanceHealth']))\""
  [ "$(aws2x autoscaling describe-auto-scaling-groups | json 'len(d["AutoScalingGroups"])')" -eq 1 ] ||
    fail "aws CLI 2: describe-auto-scaling-groups"
  [ "$(aws2x cloudwatch get-metric-statistics --namespace Faultbox/E2E --metric-name Requests \
    --dimensions Name=Service,Value=web --statistics Sum --period 60 \
    --start-time "$(date -u -d '-10 min' +%Y-%m-%dT%H:%M:%SZ)" \
    --end-time "$(date -u -d '+10 min' +%Y-%m-%dT%H:%M:%SZ)" | json 'd["Datapoints"][0]["Sum"]')" = 12.0 ] ||
    fail "aws CLI 2: get-metric-statistics"
  # The seed's FIS steps and the instance filter with the CLI 2 too.
  t2=$(aws2x fis create-experiment-template --cli-input-json file://templates/stop-two-instances.json |
    json 'd["experimentTemplate"]["id"]')
  aws2x fis get-experiment-template --id "$t2" |
    json 'json.dumps({"id": d["experimentTemplate"]["id"], "targets": {k: dict(v, selectionMode="ALL") for k, v in d["experimentTemplate"]["targets"].items()}})' >update2.json
  [ "$(aws2x fis update-experiment-template --cli-input-json file://update2.json |
    json 'd["experimentTemplate"]["targets"]["step03-instances"]["selectionMode"]')" = ALL ] ||
    fail "aws CLI 2: update-experiment-template"
  e2=$(aws2x fis start-experiment --experiment-template-id "$t2" | json 'd["experiment"]["id"]')
  aws2x fis stop-experiment --id "$e2" >/dev/null
  for _ in $(seq 100); do
    [ "$(aws2x fis get-experiment --id "$e2" | json 'd["experiment"]["state"]["status"]')" = stopped ] && break
    sleep 0.1
  done
  [ "$(aws2x fis get-experiment --id "$e2" | json 'd["experiment"]["state"]["status"]')" = stopped ] ||
    fail "aws CLI 2: the experiment did not stop"
  same_twice "instances by tag (aws CLI 2)" \
    "aws2x ec2 describe-instances --filters Name=tag:Panda,Values=funky | json \"' '.join(sorted(i['InstanceId'] for r in d['Reservations'] for i in r['Instances']))\"" \
    "fb --output json instances --filter tag:Panda=funky | json \"' '.join(sorted(i['InstanceId'] for i in d))\""
  echo "aws CLI 2 ($aws2): ok"
fi

# `--output aws-json`: the template as AWS FIS takes it, and the aws CLI accepts it back.
first=$(fb templates create --file templates/stop-two-instances.json)
fb --output aws-json templates get "$first" >aws-template.json
python3 "$REPO_ROOT/tests/e2e/fis_template_input.py" aws-template.json >/dev/null ||
  fail "--output aws-json is not CreateExperimentTemplate input: $(cat aws-template.json)"
again=$(awsx fis create-experiment-template --cli-input-json file://aws-template.json |
  json 'd["experimentTemplate"]["id"]')
[ "$(fb --output aws-json templates get "$again")" = "$(cat aws-template.json)" ] ||
  fail "the template did not survive the round trip through aws fis"

fb destroy --auto-approve >/dev/null
echo "aws cli more: ok"
