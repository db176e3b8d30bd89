#!/usr/bin/env bash
# Network faults on the kernel's packet path, on the workshop's own step03 (init and step03 of
# ../shared/workshop, as its users have them), driven with the real aws CLI: instances are in the
# init step's subnets; aws:network:disrupt-connectivity on the eu-west-2a subnet (a target by
# availabilityZoneIdentifier and vpc) makes that zone's instance unreachable at its own address
# (curl times out) and OutOfService, while the load balancer keeps answering from the other two
# zones; the end of the action restores it. StopExperiment restores at once. AWS's network
# documents through SSM and FIS: Blackhole-Port 80 makes connections time out until the command
# is cancelled; Packet-Loss-Sources 40 % makes curl wait for retransmissions until the experiment
# stops. A kill -9 of the lab during a fault leaves no rule behind once the next lab has ended the
# action, nor once `faultbox down` has cleaned up after it. Needs root
# and nft (scripts/setup.sh installs nftables): without them the test fails, never skips.
source "$(dirname "$0")/lib.sh"
export FAULTBOX_SPEED=10
use_aws_cli
[ "$(id -u)" = 0 ] || fail "network faults need root (CAP_NET_ADMIN) for the kernel's packet filter"
command -v nft >/dev/null || fail "nft is not installed (run scripts/setup.sh)"
apply_workshop_repo init step03
wait_in_service
init_out=$(cd "$WORK/repo/steps/init" && fb --output json output)
vpc=$(json 'd["outputs"]["vpc_id"]["value"]' <<<"$init_out")
subnets=$(json '" ".join(d["outputs"]["public_subnet_ids"]["value"])' <<<"$init_out")
elb_url=$(cd "$WORK/repo/steps/step03" && fb --output json output | json 'd["outputs"]["elb_url"]["value"]')
elb_name=$(awsx elb describe-load-balancers | json 'd["LoadBalancerDescriptions"][0]["LoadBalancerName"]')

# 1. The group's instances are in the init step's subnets, as EC2 shows them.
instances() {  # running instances: "id az ip subnet" per line
  awsx ec2 describe-instances --filters Name=instance-state-name,Values=running |
    json '"\n".join(" ".join([i["InstanceId"], i["Placement"]["AvailabilityZone"], i["PrivateIpAddress"], i["SubnetId"]]) for r in d["Reservations"] for i in r["Instances"])'
}
while read -r id az ip subnet; do
  [[ " $subnets " == *" $subnet "* ]] || fail "$id is in subnet $subnet, not one of the init step's ($subnets)"
  [ "$(awsx ec2 describe-instances --instance-ids "$id" | json 'd["Reservations"][0]["Instances"][0]["VpcId"]')" = "$vpc" ] ||
    fail "$id is not in the init step's VPC $vpc"
done < <(instances)
read -r victim _ victim_ip _ < <(instances | awk '$2 == "eu-west-2a"')
[ -n "$victim" ] || fail "no instance in eu-west-2a: $(instances)"

# A role for FIS's network actions: AWS's managed policy for them.
awsx iam create-role --role-name fis-network --assume-role-policy-document \
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"fis.amazonaws.com"},"Action":"sts:AssumeRole"}]}' >/dev/null
awsx iam attach-role-policy --role-name fis-network \
  --policy-arn arn:aws:iam::aws:policy/service-role/AWSFaultInjectionSimulatorNetworkAccess
role=$(awsx iam get-role --role-name fis-network | json 'd["Role"]["Arn"]')
template() {  # DURATION → template id: disrupt-connectivity of eu-west-2a's subnet in the VPC
  awsx fis create-experiment-template --cli-input-json "$(python3 - "$role" "$vpc" "$1" <<'PY'
import json, sys
role, vpc, duration = sys.argv[1:]
print(json.dumps({
  "description": "cut eu-west-2a off", "roleArn": role, "stopConditions": [{"source": "none"}],
  "targets": {"ZoneA": {"resourceType": "aws:ec2:subnet", "selectionMode": "ALL",
                        "parameters": {"availabilityZoneIdentifier": "eu-west-2a", "vpc": vpc}}},
  "actions": {"Cut": {"actionId": "aws:network:disrupt-connectivity", "targets": {"Subnets": "ZoneA"},
                      "parameters": {"duration": duration, "scope": "all"}}}}))
PY
)" | json 'd["experimentTemplate"]["id"]'
}
status_of() { awsx fis get-experiment --id "$1" | json 'd["experiment"]["state"]["status"]'; }
wait_status() {  # EXPERIMENT STATUS (60 s at most)
  for _ in $(seq 120); do [ "$(status_of "$1")" = "$2" ] && return 0; sleep 0.5; done
  fail "experiment $1 is $(status_of "$1"), expected $2: $(awsx fis get-experiment --id "$1")"
}
reachable() { curl -s -o /dev/null --connect-timeout 1 --max-time 2 "http://$1/"; }
health_of() { lb_health_of "$elb_name" "$1"; }
rules_naming() { nft list ruleset | grep -c -F "$1" || true; }

# 2. The zone's subnet is cut off for PT1M (6 s at speed 10): its instance cannot be reached at
# its own address, the load balancer takes it out, and the service answers from the other zones.
reachable "$victim_ip" || fail "$victim ($victim_ip) does not answer before the fault"
exp=$(awsx fis start-experiment --experiment-template-id "$(template PT1M)" | json 'd["experiment"]["id"]')
cut=""
for _ in $(seq 40); do reachable "$victim_ip" || { cut=yes; break; }; sleep 0.1; done
[ -n "$cut" ] || fail "$victim ($victim_ip) still answers with its subnet cut off"
[ "$(rules_naming "$victim_ip")" -ge 1 ] || fail "no kernel rule names $victim_ip: $(nft list ruleset)"
out_of_service=""
for _ in $(seq 60); do [ "$(health_of "$victim")" = OutOfService ] && { out_of_service=yes; break; }; sleep 0.1; done
[ -n "$out_of_service" ] || fail "$victim is $(health_of "$victim") at the load balancer while cut off"
answered=$(answered_of 20 "$elb_url/")
echo "disrupt-connectivity: $victim ($victim_ip) cut off and OutOfService; $answered of 20 requests through the load balancer answered"
[ "$answered" = 20 ] || fail "only $answered of 20 requests through the load balancer answered while eu-west-2a was cut off"
log=$(fb experiments get "$exp")
expect_contains "$log" "Cut off subnets"
expect_contains "$log" "$victim"
wait_status "$exp" completed
[ "$(rules_naming "$victim_ip")" = 0 ] || fail "a rule for $victim_ip outlived the action: $(nft list ruleset)"
# The group (ELB health checks) may have replaced the instance meanwhile: the zone serves again.
wait_in_service
expect_contains "$(fb experiments get "$exp")" "Connectivity restored"

# 3. StopExperiment restores connectivity at once.
read -r victim _ victim_ip _ < <(instances | awk '$2 == "eu-west-2a"')
exp=$(awsx fis start-experiment --experiment-template-id "$(template PT10M)" | json 'd["experiment"]["id"]')
for _ in $(seq 40); do reachable "$victim_ip" || break; sleep 0.1; done
reachable "$victim_ip" && fail "$victim_ip still answers with its subnet cut off"
awsx fis stop-experiment --id "$exp" >/dev/null
wait_status "$exp" stopped
[ "$(rules_naming "$victim_ip")" = 0 ] || fail "a rule for $victim_ip outlived the stop: $(nft list ruleset)"
# Unless the group replaced it meanwhile (its ELB health checks failed), it answers again.
if [ "$(awsx ec2 describe-instances --instance-ids "$victim" | json 'd["Reservations"][0]["Instances"][0]["State"]["Name"]')" = running ]; then
  for _ in $(seq 20); do reachable "$victim_ip" && break; sleep 0.1; done
  reachable "$victim_ip" || fail "$victim ($victim_ip) is still cut off after StopExperiment"
fi

# 4. AWSFIS-Run-Network-Blackhole-Port through SSM (the aws CLI): tcp port 80 of one instance is
# blackholed while the command runs (connections time out, the load balancer takes it out), the
# others answer, and cancelling the command opens the port again at once.
wait_in_service
wait_ssm_agents 3
# With ELB health checks the group replaces a blackholed instance within a second at 10x: EC2
# checks keep it, so that the cancel can be seen to open the port again.
group=$(awsx autoscaling describe-auto-scaling-groups | json 'd["AutoScalingGroups"][0]["AutoScalingGroupName"]')
awsx autoscaling update-auto-scaling-group --auto-scaling-group-name "$group" --health-check-type EC2
read -r victim _ victim_ip _ < <(instances | awk '$2 == "eu-west-2b"')
read -r _ _ other_ip _ < <(instances | awk '$2 == "eu-west-2c"')
cmd=$(awsx ssm send-command --document-name AWSFIS-Run-Network-Blackhole-Port --instance-ids "$victim" \
  --parameters '{"Protocol":["tcp"],"Port":["80"],"DurationSeconds":["600"]}' | json 'd["Command"]["CommandId"]')
cut=""
for _ in $(seq 60); do reachable "$victim_ip" || { cut=yes; break; }; sleep 0.1; done
[ -n "$cut" ] || fail "port 80 of $victim ($victim_ip) still answers while blackholed"
inv=$(awsx ssm get-command-invocation --command-id "$cmd" --instance-id "$victim")
[ "$(json 'd["Status"]' <<<"$inv")" = InProgress ] || fail "the blackhole command is not running: $inv"
reachable "$other_ip" || fail "$other_ip stopped answering though only $victim_ip is blackholed"
for _ in $(seq 60); do [ "$(health_of "$victim")" = OutOfService ] && break; sleep 0.1; done
[ "$(health_of "$victim")" = OutOfService ] || fail "$victim is $(health_of "$victim") with port 80 blackholed"
awsx ssm cancel-command --command-id "$cmd" >/dev/null
for _ in $(seq 20); do reachable "$victim_ip" && break; sleep 0.1; done
reachable "$victim_ip" || fail "port 80 of $victim is still blackholed after the cancel"
[ "$(rules_naming "$victim_ip")" = 0 ] || fail "a rule for $victim_ip outlived the cancel: $(nft list ruleset)"
for _ in $(seq 40); do
  inv=$(awsx ssm get-command-invocation --command-id "$cmd" --instance-id "$victim")
  [ "$(json 'd["Status"]' <<<"$inv")" = Cancelled ] && break
  sleep 0.25
done
expect_contains "$(json 'd["StandardOutputContent"]' <<<"$inv")" "Blackholing tcp port 80 (ingress)"
echo "Blackhole-Port: port 80 of $victim timed out while the command ran, answered at once after the cancel"

# 5. AWSFIS-Run-Network-Packet-Loss-Sources through FIS (aws:ssm:send-command): 40 % of the
# packets arriving at one instance are lost, and curl sees the retransmissions (a request that
# lost a packet waits a second for TCP to send it again); stopping the experiment ends it.
slow_requests() {  # IP → of 30 requests to it, how many took longer than 0.9 s
  local n=0 t
  for _ in $(seq 30); do
    t=$(curl -s -o /dev/null -w '%{time_total}' --max-time 8 "http://$1/" || echo 9)
    python3 -c "import sys; sys.exit(0 if float('$t') > 0.9 else 1)" && n=$((n + 1))
  done
  echo "$n"
}
wait_in_service
read -r victim _ victim_ip _ < <(instances | awk '$2 == "eu-west-2c"')
before=$(slow_requests "$victim_ip")
fis_role=$(awsx iam get-role --role-name "$(cd "$WORK/repo/steps/init" && fb --output json output | json 'd["outputs"]["fis_iam_role"]["value"]')" | json 'd["Role"]["Arn"]')
loss_template=$(awsx fis create-experiment-template --cli-input-json "$(python3 - "$fis_role" "$victim" <<'PY'
import json, sys
role, victim = sys.argv[1:]
print(json.dumps({
  "description": "packet loss", "roleArn": role, "stopConditions": [{"source": "none"}],
  "targets": {"One": {"resourceType": "aws:ec2:instance", "selectionMode": "ALL",
                      "resourceArns": ["arn:aws:ec2:eu-west-2:000000000000:instance/" + victim]}},
  "actions": {"Loss": {"actionId": "aws:ssm:send-command", "targets": {"Instances": "One"},
                       "parameters": {"documentArn": "arn:aws:ssm:eu-west-2::document/AWSFIS-Run-Network-Packet-Loss-Sources",
                                      "documentParameters": json.dumps({"Sources": "ALL", "LossPercent": "40",
                                                                        "TrafficType": "ingress", "DurationSeconds": "600"}),
                                      "duration": "PT10M"}}}}))
PY
)" | json 'd["experimentTemplate"]["id"]')
exp=$(awsx fis start-experiment --experiment-template-id "$loss_template" | json 'd["experiment"]["id"]')
for _ in $(seq 60); do [ "$(rules_naming "$victim_ip")" -ge 1 ] && break; sleep 0.1; done
[ "$(rules_naming "$victim_ip")" -ge 1 ] || fail "no kernel rule for $victim_ip with the packet loss command sent: $(awsx ssm list-commands)"
during=$(slow_requests "$victim_ip")
echo "Packet-Loss-Sources 40 %: requests to $victim slower than 0.9 s: $before of 30 before, $during of 30 during"
[ "$before" -le 1 ] || fail "$before of 30 requests were slow before the fault"
[ "$during" -ge 5 ] || fail "only $during of 30 requests saw a retransmission with 40 % of packets lost"
awsx fis stop-experiment --id "$exp" >/dev/null
wait_status "$exp" stopped
for _ in $(seq 40); do [ "$(rules_naming "$victim_ip")" = 0 ] && break; sleep 0.1; done
[ "$(rules_naming "$victim_ip")" = 0 ] || fail "the packet loss outlived the stopped experiment: $(nft list ruleset)"
after=$(slow_requests "$victim_ip")
[ "$after" -le 1 ] || fail "$after of 30 requests were still slow after the stop"

# 6. kill -9 of the lab while the subnet is cut off: the next lab removes what the killed one
# left, resumes the action (the fault is in place again) and ends it at its own end.
wait_in_service
read -r victim _ victim_ip _ < <(instances | awk '$2 == "eu-west-2a"')
exp=$(awsx fis start-experiment --experiment-template-id "$(template PT1M)" | json 'd["experiment"]["id"]')
for _ in $(seq 40); do reachable "$victim_ip" || break; sleep 0.1; done
reachable "$victim_ip" && fail "$victim_ip still answers with its subnet cut off"
lab_pid=$(json 'd["pid"]' <"$WORK/.faultbox/lab.json")
kill -9 "$lab_pid"
for _ in $(seq 50); do kill -0 "$lab_pid" 2>/dev/null || break; sleep 0.1; done
[ "$(rules_naming "$victim_ip")" -ge 1 ] || fail "the test needs the killed lab's rule in place"
expect_contains "$(fb experiments list)" "$exp"  # starts the next lab
wait_status "$exp" completed
[ "$(rules_naming "$victim_ip")" = 0 ] || fail "a rule for $victim_ip is left after the restart: $(nft list ruleset)"
for _ in $(seq 40); do reachable "$victim_ip" && break; sleep 0.1; done

# 7. kill -9 during a fault, then `faultbox down` without a restart: the killed lab's rules and
# instance processes go.
wait_in_service
read -r victim _ victim_ip _ < <(instances | awk '$2 == "eu-west-2a"')
exp=$(awsx fis start-experiment --experiment-template-id "$(template PT10M)" | json 'd["experiment"]["id"]')
for _ in $(seq 40); do [ "$(rules_naming "$victim_ip")" -ge 1 ] && break; sleep 0.1; done
lab_pid=$(json 'd["pid"]' <"$WORK/.faultbox/lab.json")
kill -9 "$lab_pid"
for _ in $(seq 50); do kill -0 "$lab_pid" 2>/dev/null || break; sleep 0.1; done
[ "$(rules_naming "$victim_ip")" -ge 1 ] || fail "the test needs the killed lab's rule in place"
# (The workshop's instances run sandboxed and end with their lab; instances of the built-in
# image outlive it, and `down` stops them: lab_restart_test's kind.)
fb down >/dev/null
[ "$(rules_naming "$victim_ip")" = 0 ] || fail "faultbox down left the killed lab's rule: $(nft list ruleset)"
left=$({ grep -lz "^FAULTBOX_LAB_DATA_DIR=$WORK/" /proc/[0-9]*/environ 2>/dev/null || true; } | wc -l)
[ "$left" = 0 ] || fail "faultbox down left $left process(es) of the killed lab"
echo "PASS"
