#!/usr/bin/env bash
# Every template in examples/fis-templates, applied as their README says (envsubst, then the
# real aws CLI's create-experiment-template) to the workshop's own step03 (init and step03 of
# ../shared/workshop), started, and its fault seen taking effect: the SSM command running in the
# chosen instances, the kernel's packet rules in place for the network faults, instances
# stopping or terminating. Each experiment is then stopped, and the next starts once the service
# is whole again. Needs root and nft for the network templates (fails without, never skips).
source "$(dirname "$0")/lib.sh"
export FAULTBOX_SPEED=10
use_aws_cli
[ "$(id -u)" = 0 ] && command -v nft >/dev/null || fail "the network templates need root and nft (scripts/setup.sh)"
command -v envsubst >/dev/null || fail "envsubst is not installed (gettext-base; scripts/setup.sh)"
apply_workshop_repo init step03
wait_in_service

# What the README's placeholders stand for, found as a user finds them.
awsx iam create-role --role-name fis-examples --assume-role-policy-document \
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"fis.amazonaws.com"},"Action":"sts:AssumeRole"}]}' >/dev/null
for policy in AWSFaultInjectionSimulatorEC2Access AWSFaultInjectionSimulatorNetworkAccess; do
  awsx iam attach-role-policy --role-name fis-examples --policy-arn "arn:aws:iam::aws:policy/service-role/$policy"
done
export FIS_ROLE_ARN=$(awsx iam get-role --role-name fis-examples | json 'd["Role"]["Arn"]')
export VPC_ID=$(cd "$WORK/repo/steps/init" && fb --output json output | json 'd["outputs"]["vpc_id"]["value"]')
export ALARM_ARN=$(awsx cloudwatch describe-alarms | json 'd["MetricAlarms"][0]["AlarmArn"]')
export ASG_ARN=$(awsx autoscaling describe-auto-scaling-groups | json 'd["AutoScalingGroups"][0]["AutoScalingGroupARN"]')
wait_ssm_agents 3

experiment() { awsx fis get-experiment --id "$1"; }
status_of() { experiment "$1" | json 'd["experiment"]["state"]["status"]'; }
# The SSM command statuses of the experiment's commands, "InProgress Success ...".
command_statuses() {
  awsx ssm list-commands | json "' '.join(c['Status'] for c in d['Commands'] if '$1' in c['Comment'])"
}
# What the experiment's commands printed, for a failure's message.
command_outputs() {
  awsx ssm list-command-invocations --details | json "'\n'.join(i['InstanceId'] + ' ' + i['Status'] + ': ' + p.get('Output', '')[-1500:] for i in d['CommandInvocations'] if '$1' in i.get('Comment', '') for p in i['CommandPlugins'])"
}
lab_rules() {  # the lab's drops (nftables) and delays (iptables' NFQUEUE rules) on instances
  { nft list ruleset; iptables-nft -t mangle -S; } | grep -c -E 'ip [sd]addr.*127\.10\.|-[sd] 127\.10\..*NFQUEUE' || true
}
action_status() {  # EXPERIMENT ACTION
  experiment "$1" | json "d['experiment']['actions']['$2']['state']['status']"
}
target_state() {  # EXPERIMENT → the state of the instance its target resolved to
  local id
  id=$(awsx fis list-experiment-resolved-targets --experiment-id "$1" |
    json 'd["resolvedTargets"][0]["targetInformation"]["arn"].split("/")[-1]')
  awsx ec2 describe-instances --instance-ids "$id" | json 'd["Reservations"][0]["Instances"][0]["State"]["Name"]'
}
instance_states() {
  awsx ec2 describe-instances | json '" ".join(i["State"]["Name"] for r in d["Reservations"] for i in r["Instances"])'
}
# Whether the template's fault has taken effect, by what the template does.
took_effect() {  # NAME EXPERIMENT
  local commands
  case $1 in
    # The chosen instance leaves running (the group may replace a stopped one at once).
    stop-one-instance-and-restart | terminate-one-instance) [ "$(target_state "$2")" != running ] ;;
    reboot-all-instances) [ "$(action_status "$2" Reboot)" = completed ] ;;
    disrupt-*) [ "$(lab_rules)" -ge 1 ] ;;
    # The zone's instances stop (and the group replaces them elsewhere, so the cut subnet may
    # be empty by now): its log says what was stopped and cut off.
    az-power-interruption)
      [[ "$(fb experiments get "$2")" == *"Cut off subnets"* ]] &&
        [ "$(action_status "$2" StopInstances)" != pending ]
      ;;
    *)  # the SSM documents: the command runs (a kill ends at once), and a network one holds its rule
      commands=$(command_statuses "$2")
      [[ "$commands" == *InProgress* || "$commands" == *Success* ]] || return 1
      [[ "$1" != blackhole-* && "$1" != packet-loss-* && "$1" != latency-* ]] || [ "$(lab_rules)" -ge 1 ]
      ;;
  esac
}
wait_whole() {  # the service is whole again: 3 InService and no packet rule left
  for _ in $(seq 600); do
    [ "$(in_service)" -ge 3 ] && [ "$(lab_rules)" = 0 ] && return 0
    sleep 0.1
  done
  fb lbs
  fail "after $1 the service is not whole again: $(in_service) InService, $(lab_rules) packet rules"
}

# The AZ outage last: its zone stays empty afterwards (the group healed into the other two).
templates=()
for file in "$REPO_ROOT"/examples/fis-templates/*.json; do
  [[ "$file" == */az-power-interruption.json ]] || templates+=("$file")
done
templates+=("$REPO_ROOT/examples/fis-templates/az-power-interruption.json")
[ "${#templates[@]}" -ge 15 ] || fail "examples/fis-templates holds ${#templates[@]} templates, expected 15 or more"
group=$(awsx autoscaling describe-auto-scaling-groups | json 'd["AutoScalingGroups"][0]["AutoScalingGroupName"]')
health_checks() {  # ELB or EC2: what the group replaces instances on
  awsx autoscaling update-auto-scaling-group --auto-scaling-group-name "$group" --health-check-type "$1"
}
for file in "${templates[@]}"; do
  name=$(basename "$file" .json)
  # The group keeps an instance whose disk is stressed: at --speed 10 the load balancer's 2 s check
  # timeout is 200 ms of wall clock, which a page read from a disk under stress-ng's I/O can miss,
  # and a replaced instance ends the command Failed before the test sees it run.
  if [[ "$name" == io-stress-* ]]; then health_checks EC2; fi
  envsubst <"$file" >"$WORK/$name.json"
  grep -q '\${' "$WORK/$name.json" && fail "$name: a placeholder is left after envsubst"
  id=$(awsx fis create-experiment-template --cli-input-json "file://$WORK/$name.json" | json 'd["experimentTemplate"]["id"]') ||
    fail "$name: create-experiment-template failed"
  exp=$(awsx fis start-experiment --experiment-template-id "$id" | json 'd["experiment"]["id"]')
  effect=""
  for _ in $(seq 100); do
    took_effect "$name" "$exp" && { effect=yes; break; }
    status=$(status_of "$exp")
    [ "$status" = failed ] && fail "$name: experiment $exp failed: $(experiment "$exp"); its commands: $(command_outputs "$exp")"
    sleep 0.2
  done
  [ -n "$effect" ] || fail "$name: no effect seen; actions $(experiment "$exp" | json '{k: v["state"] for k, v in d["experiment"]["actions"].items()}'), commands: $(command_statuses "$exp"), instances: $(instance_states), $(lab_rules) packet rules"
  status=$(status_of "$exp")
  if [ "$status" = running ] || [ "$status" = initiating ]; then
    awsx fis stop-experiment --id "$exp" >/dev/null
  fi
  for _ in $(seq 100); do
    status=$(status_of "$exp")
    [ "$status" = stopped ] || [ "$status" = completed ] && break
    sleep 0.2
  done
  [ "$status" = stopped ] || [ "$status" = completed ] || fail "$name: experiment $exp ended $status"
  echo "$name: took effect, then $status"
  wait_whole "$name"
  if [[ "$name" == io-stress-* ]]; then health_checks ELB; fi
done
echo "PASS"
