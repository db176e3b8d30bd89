#!/usr/bin/env bash
# Network faults on the lab's own paths, for a lab that may not change the kernel's packet filter
# (not root; here forced with FAULTBOX_NETWORK_FAULTS=lab, so the test runs the same as root),
# on the workshop's own init + step03, driven with the real aws CLI and curl:
# AWSFIS-Run-Network-Latency 500 ms (50 ms of wall clock at --speed 10) on one instance slows
# the requests the load balancer sends it and its metadata service's answers, but not curl at
# its own address (the lab does not own that path), and says so in the command's output;
# cancelling ends it. AWSFIS-Run-Network-Blackhole-Port 80 through FIS takes the instance out
# of the load balancer (its health checks time out) while the service answers every request,
# and says in the experiment's log where the fault acts; StopExperiment brings it back.
# aws:network:disrupt-connectivity on a zone's subnet does the same to that zone. The host's
# packet filter is never touched. Runs as root (CI) and as a user (ports below 1024 then move
# up by 8000: the instances serve at 8080).
source "$(dirname "$0")/lib.sh"
export FAULTBOX_SPEED=10 FAULTBOX_NETWORK_FAULTS=lab
use_aws_cli
apply_workshop_repo init step03
wait_in_service
wait_ssm_agents 3
expect_contains "$(cat "$WORK/.faultbox/lab.log")" "network faults act only on the lab's own paths"
init_out=$(cd "$WORK/repo/steps/init" && fb --output json output)
vpc=$(json 'd["outputs"]["vpc_id"]["value"]' <<<"$init_out")
elb_url=$(cd "$WORK/repo/steps/step03" && fb --output json output | json 'd["outputs"]["elb_url"]["value"]')
elb_name=$(awsx elb describe-load-balancers | json 'd["LoadBalancerDescriptions"][0]["LoadBalancerName"]')
fingerprint=$(printf %s "$WORK/.faultbox" | sha256sum | cut -c1-12)
host_rules() {  # the lab's rules in the host's packet filter: there must never be any
  { nft list tables 2>/dev/null; iptables-nft -t mangle -S 2>/dev/null; } | grep -c "$fingerprint" || true
}
instances() {  # running instances: "id az ip" per line
  awsx ec2 describe-instances --filters Name=instance-state-name,Values=running |
    json '"\n".join(" ".join([i["InstanceId"], i["Placement"]["AvailabilityZone"], i["PrivateIpAddress"]]) for r in d["Reservations"] for i in r["Instances"])'
}
health_of() { lb_health_of "$elb_name" "$1"; }
wait_health() {  # INSTANCE STATE (30 s at most)
  for _ in $(seq 300); do [ "$(health_of "$1")" = "$2" ] && return 0; sleep 0.1; done
  fail "$1 is $(health_of "$1") at the load balancer, expected $2"
}
ms() {  # URL → milliseconds to the whole answer (5000 when it fails)
  curl -s -o /dev/null --max-time 5 -w '%{time_total}\n' "$1" | python3 -c 'import sys; print(round(float(sys.stdin.read()) * 1000))' || echo 5000
}
median_ms() {  # URL [N] → the median of N requests' times
  for _ in $(seq "${2:-15}"); do ms "$1"; done | python3 -c 'import statistics, sys; print(round(statistics.median(int(l) for l in sys.stdin)))'
}
slow_through_lb() {  # N → how many of N requests through the load balancer took 45 ms or more
  local slow=0
  for _ in $(seq "$1"); do [ "$(ms "$elb_url/")" -ge 45 ] && slow=$((slow + 1)); done
  echo "$slow"
}
within() { python3 -c "import sys; sys.exit(0 if $2 <= $1 <= $3 else 1)"; }
web_port=80
[ "$(id -u)" = 0 ] || web_port=8080
read -r victim _ victim_ip < <(instances | awk '$2 == "eu-west-2a"')
read -r other _ _ < <(instances | awk '$2 == "eu-west-2b"')
imds_median_ms() {  # INSTANCE → the median time of 5 requests to its metadata, from inside it
  run_in_instance "$1" "for i in 1 2 3 4 5; do curl -s -o /dev/null --max-time 5 -w '%{time_total}\\n' http://169.254.169.254/latest/meta-data/instance-id; done" |
    python3 -c 'import statistics, sys; print(round(statistics.median(float(l) * 1000 for l in sys.stdin if l.strip())))'
}
got=$(run_in_instance "$victim" "curl -s --max-time 2 http://169.254.169.254/latest/meta-data/instance-id")
[ "$got" = "$victim" ] || fail "the metadata service does not answer $victim: '$got'"

# 1. Latency on what the instance sends, through SSM: the lab's paths wait for it, curl at the
# instance's own address does not.
direct_before=$(median_ms "http://$victim_ip:$web_port/")
imds_before=$(imds_median_ms "$victim")
slow_before=$(slow_through_lb 30)
cmd=$(awsx ssm send-command --document-name AWSFIS-Run-Network-Latency --instance-ids "$victim" \
  --parameters '{"DelayMilliseconds":["500"],"DurationSeconds":["600"]}' | json 'd["Command"]["CommandId"]')
wait_invocation "$cmd" "$victim" InProgress >/dev/null
sleep 0.5  # the load balancer follows the lab's faults at its next tick
slow=$(slow_through_lb 30)
imds_during=$(imds_median_ms "$victim")
imds_other=$(imds_median_ms "$other")
direct_during=$(median_ms "http://$victim_ip:$web_port/")
echo "Network-Latency 500 ms (50 at speed 10) on $victim, on the lab's paths: $slow_before -> $slow of 30 requests through the load balancer took 45 ms or more; metadata $imds_before -> $imds_during ms (another instance's: $imds_other ms); curl at its address $direct_before -> $direct_during ms; $(in_service) of 3 InService"
within "$slow" 4 16 || fail "$slow of 30 requests through the load balancer were slow, want about a third (one instance of three)"
within "$imds_during - $imds_before" 80 130 || fail "the metadata service answered $victim in $imds_during ms (before: $imds_before), want 100 ms more (handshake and answer)"
within "$imds_other" 0 30 || fail "the metadata service answered $other in $imds_other ms: only $victim has the latency"
within "$direct_during - $direct_before" -10 10 || fail "curl at $victim_ip took $direct_during ms (before: $direct_before): the lab does not own that path"
[ "$(in_service)" = 3 ] || fail "an instance left service under 50 ms of latency: $(fb lbs)"
[ "$(host_rules)" = 0 ] || fail "the lab changed the host's packet filter: $(nft list ruleset 2>&1 | head -20)"
awsx ssm cancel-command --command-id "$cmd" >/dev/null
inv=$(wait_invocation "$cmd" "$victim" Cancelled)
expect_contains "$(json 'd["StandardOutputContent"]' <<<"$inv")" "only on its own paths to the instances"
sleep 0.5
slow=$(slow_through_lb 30)
[ "$slow" -le 3 ] || fail "$slow of 30 requests through the load balancer were still slow after the cancel"

# FIS experiments with AWS's managed policies.
awsx iam create-role --role-name fis-network --assume-role-policy-document \
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"fis.amazonaws.com"},"Action":"sts:AssumeRole"}]}' >/dev/null
for policy in AWSFaultInjectionSimulatorNetworkAccess AWSFaultInjectionSimulatorEC2Access; do
  awsx iam attach-role-policy --role-name fis-network --policy-arn "arn:aws:iam::aws:policy/service-role/$policy"
done
role=$(awsx iam get-role --role-name fis-network | json 'd["Role"]["Arn"]')
start() {  # TARGETS_JSON ACTIONS_JSON → experiment id
  local template
  template=$(awsx fis create-experiment-template --cli-input-json "$(python3 - "$role" "$1" "$2" <<'PY'
import json, sys
role, targets, actions = sys.argv[1:]
print(json.dumps({"description": "lab paths", "roleArn": role, "stopConditions": [{"source": "none"}],
                  "targets": json.loads(targets), "actions": json.loads(actions)}))
PY
)" | json 'd["experimentTemplate"]["id"]')
  awsx fis start-experiment --experiment-template-id "$template" | json 'd["experiment"]["id"]'
}
stop_and_wait() {  # EXPERIMENT
  awsx fis stop-experiment --id "$1" >/dev/null
  for _ in $(seq 100); do
    [ "$(awsx fis get-experiment --id "$1" | json 'd["experiment"]["state"]["status"]')" = stopped ] && return 0
    sleep 0.2
  done
  fail "experiment $1 did not stop: $(awsx fis get-experiment --id "$1")"
}
# EC2 health checks: the group keeps the instance the load balancer takes out, so that it can be
# seen to come back.
group=$(awsx autoscaling describe-auto-scaling-groups | json 'd["AutoScalingGroups"][0]["AutoScalingGroupName"]')
awsx autoscaling update-auto-scaling-group --auto-scaling-group-name "$group" --health-check-type EC2

# 2. Blackhole-Port 80 (what arrives) through FIS: the health checks time out, the service
# answers from the other two instances, and the experiment's log says where the fault acts.
account=$(awsx sts get-caller-identity | json 'd["Account"]')
exp=$(start "{\"One\": {\"resourceType\": \"aws:ec2:instance\", \"selectionMode\": \"ALL\", \"resourceArns\": [\"arn:aws:ec2:eu-west-2:$account:instance/$victim\"]}}" \
  '{"Blackhole": {"actionId": "aws:ssm:send-command", "targets": {"Instances": "One"}, "parameters": {"documentArn": "arn:aws:ssm:eu-west-2::document/AWSFIS-Run-Network-Blackhole-Port", "documentParameters": "{\"Port\": \"80\", \"Protocol\": \"tcp\", \"TrafficType\": \"ingress\", \"DurationSeconds\": \"600\"}", "duration": "PT10M"}}}')
wait_health "$victim" OutOfService
answered=$(answered_of 20 "$elb_url/")
direct=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://$victim_ip:$web_port/" || true)
echo "Blackhole-Port 80 on $victim: OutOfService; $answered of 20 requests through the load balancer answered; curl at its address: HTTP $direct"
[ "$answered" = 20 ] || fail "only $answered of 20 requests through the load balancer answered"
[ "$direct" = 200 ] || fail "curl at $victim_ip got '$direct': the lab does not own that path"
expect_contains "$(fb experiments get "$exp")" "only on its own paths to the instances"
[ "$(host_rules)" = 0 ] || fail "the lab changed the host's packet filter"
stop_and_wait "$exp"
wait_health "$victim" InService

# 3. disrupt-connectivity of eu-west-2a's subnet (scope all): that zone's instance goes out of
# service, the other two serve.
exp=$(start "{\"ZoneA\": {\"resourceType\": \"aws:ec2:subnet\", \"selectionMode\": \"ALL\", \"parameters\": {\"availabilityZoneIdentifier\": \"eu-west-2a\", \"vpc\": \"$vpc\"}}}" \
  '{"Cut": {"actionId": "aws:network:disrupt-connectivity", "targets": {"Subnets": "ZoneA"}, "parameters": {"duration": "PT10M", "scope": "all"}}}')
wait_health "$victim" OutOfService
answered=$(answered_of 20 "$elb_url/")
echo "disrupt-connectivity of eu-west-2a: $victim OutOfService; $answered of 20 requests through the load balancer answered"
[ "$answered" = 20 ] || fail "only $answered of 20 requests through the load balancer answered"
log=$(fb experiments get "$exp")
expect_contains "$log" "Cut off subnets"
expect_contains "$log" "only on its own paths to the instances"
stop_and_wait "$exp"
wait_health "$victim" InService
[ "$(host_rules)" = 0 ] || fail "the lab changed the host's packet filter"
echo PASS
