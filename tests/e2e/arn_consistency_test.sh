#!/usr/bin/env bash
# One ARN per resource, whoever is asked: the workshop's own repository (unchanged) is applied,
# and each resource's ARN from its own service's API (the real aws CLI), from the stack's state
# file (where Terraform keeps it) and from the console's JSON must be the same text. EC2
# instances, classic load balancers and launch templates have no ARN in their APIs' answers:
# for instances the state and the console are compared.
source "$(dirname "$0")/lib.sh"
export FAULTBOX_SPEED=10
use_aws_cli
workshop="$REPO_ROOT/../shared/workshop"
[ -f "$workshop/SHA256SUMS" ] || fail "the workshop repository is not at $workshop"
(cd "$workshop" && sha256sum --quiet -c SHA256SUMS) || fail "the workshop repository was changed"
cp -r "$workshop" "$WORK/repo"
for step in init step01 step03; do
  out=$(cd "$WORK/repo/steps/$step" && fb apply --auto-approve --var-file ../common/common.tfvars 2>&1) ||
    fail "$step: apply failed: $out"
done
panda=$(sed -n 's/^panda_name *= *"\([^"]*\)".*/\1/p' "$WORK/repo/steps/common/common.tfvars")
[ -n "$panda" ] || fail "no panda_name in common.tfvars"

# The arn attribute of TYPE.NAME in a state file (Terraform's format), "" when absent.
state_arn() {
  python3 - "$WORK/repo/statefiles/$1" "$2" "$3" <<'PY'
import json, sys
state = json.load(open(sys.argv[1]))
for r in state["resources"]:
    if r.get("mode", "managed") == "managed" and r["type"] == sys.argv[2] and r["name"] == sys.argv[3]:
        print(r["instances"][0]["attributes"].get("arn", ""))
PY
}
console() { curl -sf "http://127.0.0.1:$FAULTBOX_PORT/_faultbox/$1"; }
same() {  # what, then two or more ARNs that must all be equal and not empty
  local what=$1 first=$2
  shift 2
  [[ "$first" == arn:aws:* ]] || fail "$what: not an ARN: '$first'"
  for other in "$@"; do
    [ "$other" = "$first" ] || fail "$what: '$first' differs from '$other'"
  done
  echo "$what: $first"
}

# Auto-scaling group: the Auto Scaling API, the state, the console.
asg=$(state_arn step03_config.tfstate aws_autoscaling_group this)
name=${asg##*autoScalingGroupName/}
same "auto-scaling group" "$asg" \
  "$(awsx autoscaling describe-auto-scaling-groups --auto-scaling-group-names "$name" |
    json 'd["AutoScalingGroups"][0]["AutoScalingGroupARN"]')" \
  "$(console groups | json "[g['AutoScalingGroupARN'] for g in d if g['AutoScalingGroupName']=='$name'][0]")"

# CloudWatch alarm: CloudWatch, the state, the console.
alarm=$(state_arn step03_config.tfstate aws_cloudwatch_metric_alarm lb_alarm)
same "alarm" "$alarm" \
  "$(awsx cloudwatch describe-alarms --alarm-names "$panda-elb-alarm" | json 'd["MetricAlarms"][0]["AlarmArn"]')" \
  "$(console "alarms?region=eu-west-2" | json "[a['AlarmArn'] for a in d['MetricAlarms'] if a['AlarmName']=='$panda-elb-alarm'][0]")"

# IAM role and policy: IAM, the state, the console's roles.
role=$(state_arn base_config.tfstate aws_iam_role fis_role)
same "IAM role" "$role" \
  "$(awsx iam get-role --role-name "${panda}_fis_iam_role" | json 'd["Role"]["Arn"]')" \
  "$(console roles | json "[r['Arn'] for r in d['Roles'] if r['RoleName']=='${panda}_fis_iam_role'][0]")"
policy=$(state_arn base_config.tfstate aws_iam_policy cloudwatch_logs_policy)
same "IAM policy" "$policy" "$(awsx iam get-policy --policy-arn "$policy" | json 'd["Policy"]["Arn"]')"

# Log group: CloudWatch Logs answers with ":*" (all its streams); Terraform's attribute drops it.
logs=$(state_arn base_config.tfstate aws_cloudwatch_log_group log_group)
same "log group" "$logs:*" \
  "$(awsx logs describe-log-groups --log-group-name-prefix "/aws/fis/$panda-fis-logs" |
    json 'd["logGroups"][0]["arn"]')"

# step01's instance: the state and the console.
instance=$(state_arn step01_config.tfstate aws_instance simple_ec2)
same "instance" "$instance" \
  "$(console instances | json "[i['Arn'] for i in d if i['InstanceId']=='${instance##*/}'][0]")"

# FIS template: its create answer, GetExperimentTemplate, ListExperimentTemplates, the console.
cat >template.json <<JSON
{"description": "arn check", "roleArn": "$role",
 "stopConditions": [{"source": "aws:cloudwatch:alarm", "value": "$alarm"}],
 "targets": {"web": {"resourceType": "aws:ec2:instance", "resourceArns": ["$instance"],
                     "selectionMode": "ALL"}},
 "actions": {"stop": {"actionId": "aws:ec2:stop-instances", "targets": {"Instances": "web"}}},
 "tags": {"Name": "arn-check"}}
JSON
created=$(awsx fis create-experiment-template --cli-input-json file://template.json)
id=$(json 'd["experimentTemplate"]["id"]' <<<"$created")
if [ "$(json '"arn" in d["experimentTemplate"]' <<<"$created")" = True ]; then
  same "FIS template" "$(json 'd["experimentTemplate"]["arn"]' <<<"$created")" \
    "$(awsx fis get-experiment-template --id "$id" | json 'd["experimentTemplate"]["arn"]')" \
    "$(awsx fis list-experiment-templates | json "[t['arn'] for t in d['experimentTemplates'] if t['id']=='$id'][0]")" \
    "$(console "templates/$id?region=eu-west-2" | json 'd["experimentTemplate"]["arn"]')"
else  # an aws CLI whose FIS model predates template ARNs (Debian 12's 2.9) does not show them
  echo "note: $(aws --version 2>&1 | cut -d' ' -f1) shows no FIS ARNs; checked through faultbox"
  same "FIS template" "arn:aws:fis:eu-west-2:000000000000:experiment-template/$id" \
    "$(fb --output json templates get "$id" | json 'd["experimentTemplate"]["arn"]')" \
    "$(console "templates/$id?region=eu-west-2" | json 'd["experimentTemplate"]["arn"]')"
fi
echo "arn consistency: ok"
