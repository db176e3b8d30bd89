#!/usr/bin/env bash
# Latency on the kernel's packet path (iptables' NFQUEUE and the lab's packet delayer, for
# kernels without netem), on the workshop's own init + step03, driven with the real aws CLI:
# AWSFIS-Run-Network-Latency 500 ms on one instance delays what it sends (lab time: 50 ms on the
# wall clock at --speed 10, as the health checks' 2 s timeout is 200 ms), so curl waits 50 ms
# more for the TCP handshake and 50 ms more for the answer at its own address (medians, ±20 %),
# the other instances do not slow down, and the requests through the load balancer that reach
# it are slower; the instance stays InService (its checks take 1 s of the 2 s timeout);
# cancelling the command ends it at once. -Latency-Sources through FIS (aws:ssm:send-command)
# with Sources 127.0.0.1 delays only what comes from that source. A
# kill -9 of the lab leaves a rule that lets packets pass (--queue-bypass), and `faultbox down`
# removes it. Needs root and iptables-nft (scripts/setup.sh): without them it fails, never skips.
source "$(dirname "$0")/lib.sh"
export FAULTBOX_SPEED=10
use_aws_cli
[ "$(id -u)" = 0 ] || fail "latency faults need root (CAP_NET_ADMIN) for the kernel's packet queues"
command -v iptables-nft >/dev/null || fail "iptables-nft is not installed (run scripts/setup.sh)"
apply_workshop_repo init step03
wait_in_service
wait_ssm_agents 3
elb_url=$(cd "$WORK/repo/steps/step03" && fb --output json output | json 'd["outputs"]["elb_url"]["value"]')
instances() {  # running instances: "id az ip" per line
  awsx ec2 describe-instances --filters Name=instance-state-name,Values=running |
    json '"\n".join(" ".join([i["InstanceId"], i["Placement"]["AvailabilityZone"], i["PrivateIpAddress"]]) for r in d["Reservations"] for i in r["Instances"])'
}
read -r victim _ victim_ip < <(instances | awk '$2 == "eu-west-2a"')
read -r _ _ other_ip < <(instances | awk '$2 == "eu-west-2b"')
lab_chain="faultbox_$(printf %s "$WORK/.faultbox" | sha256sum | cut -c1-12)"
queue_rules() { iptables-nft -t mangle -S 2>/dev/null | grep -c -- "-A $lab_chain .*NFQUEUE" || true; }
# URL [N] → "connect_ms answer_ms": medians over N requests of the TCP handshake and of the time
# from the handshake to the answer's first byte.
medians() {
  for _ in $(seq "${2:-15}"); do
    curl -s -o /dev/null --max-time 5 -w '%{time_connect} %{time_starttransfer}\n' "$1" || echo "5 5"
  done | python3 -c '
import statistics, sys
rows = [tuple(map(float, line.split())) for line in sys.stdin]
print("%.1f %.1f" % (statistics.median(r[0] for r in rows) * 1000,
                     statistics.median((r[1] - r[0]) for r in rows) * 1000))'
}
within() {  # VALUE LOW HIGH
  python3 -c "import sys; sys.exit(0 if $2 <= $1 <= $3 else 1)"
}

# 1. AWSFIS-Run-Network-Latency (500 ms of lab time, what the instance sends) through SSM.
read -r victim_connect victim_answer <<<"$(medians "http://$victim_ip/")"
read -r other_connect other_answer <<<"$(medians "http://$other_ip/")"
cmd=$(awsx ssm send-command --document-name AWSFIS-Run-Network-Latency --instance-ids "$victim" \
  --parameters '{"DelayMilliseconds":["500"],"DurationSeconds":["600"]}' | json 'd["Command"]["CommandId"]')
for _ in $(seq 60); do [ "$(queue_rules)" -ge 1 ] && break; sleep 0.1; done
[ "$(queue_rules)" -ge 1 ] || fail "no NFQUEUE rule for $victim_ip: $(iptables-nft -t mangle -S)"
read -r connect answer <<<"$(medians "http://$victim_ip/")"
read -r other_connect_during other_answer_during <<<"$(medians "http://$other_ip/")"
echo "Network-Latency 500 ms (50 ms at speed 10) on $victim: handshake $victim_connect -> $connect ms, answer $victim_answer -> $answer ms; another instance: $other_connect -> $other_connect_during ms, $other_answer -> $other_answer_during ms"
within "$connect - $victim_connect" 40 60 || fail "the handshake with $victim_ip took $connect ms (before: $victim_connect), want 50 ms more"
within "$answer - $victim_answer" 40 60 || fail "the answer from $victim_ip took $answer ms (before: $victim_answer), want 50 ms more"
within "$other_connect_during + $other_answer_during - $other_connect - $other_answer" -10 10 ||
  fail "$other_ip slowed down though only $victim_ip has the latency"
# Through the load balancer: the requests it sends to the slow instance wait for its answer.
slow=0
for _ in $(seq 30); do
  t=$(curl -s -o /dev/null --max-time 5 -w '%{time_total}' "$elb_url/")
  within "$t" 0.045 5 && slow=$((slow + 1))
done
echo "through the load balancer: $slow of 30 requests took 45 ms or more; $(in_service) of 3 instances InService"
[ "$(in_service)" = 3 ] || fail "an instance left service under 500 ms of latency: $(fb lbs)"
within "$slow" 4 16 || fail "$slow of 30 requests through the load balancer were slow, want about a third"
inv=$(awsx ssm get-command-invocation --command-id "$cmd" --instance-id "$victim")
[ "$(json 'd["Status"]' <<<"$inv")" = InProgress ] || fail "the latency command is not running: $inv"
awsx ssm cancel-command --command-id "$cmd" >/dev/null
for _ in $(seq 40); do [ "$(queue_rules)" = 0 ] && break; sleep 0.1; done
[ "$(queue_rules)" = 0 ] || fail "the latency outlived the cancel: $(iptables-nft -t mangle -S)"
read -r connect answer <<<"$(medians "http://$victim_ip/")"
within "$connect + $answer" 0 "$victim_connect + $victim_answer + 10" ||
  fail "$victim_ip still answers in $connect + $answer ms after the cancel"
inv=$(wait_invocation "$cmd" "$victim" Cancelled)
expect_contains "$(json 'd["StandardOutputContent"]' <<<"$inv")" "Delaying the packets this instance sends by 500 ms"

# 2. AWSFIS-Run-Network-Latency-Sources through FIS: 500 ms (50 at speed 10; jitter 10, i.e. 1)
# on what arrives at every instance from 127.0.0.1 (this test's curl), none on what arrives from
# elsewhere.
fis_role=$(awsx iam get-role --role-name "$(cd "$WORK/repo/steps/init" && fb --output json output | json 'd["outputs"]["fis_iam_role"]["value"]')" | json 'd["Role"]["Arn"]')
template=$(awsx fis create-experiment-template --cli-input-json "$(python3 - "$fis_role" <<'PY'
import json, sys
print(json.dumps({
  "description": "latency from one source", "roleArn": sys.argv[1], "stopConditions": [{"source": "none"}],
  "targets": {"All": {"resourceType": "aws:ec2:instance", "selectionMode": "ALL",
                      "resourceTags": {"Experiment": "step03"},
                      "filters": [{"path": "State.Name", "values": ["running"]}]}},
  "actions": {"Latency": {"actionId": "aws:ssm:send-command", "targets": {"Instances": "All"},
                          "parameters": {"documentArn": "arn:aws:ssm:eu-west-2::document/AWSFIS-Run-Network-Latency-Sources",
                                         "documentParameters": json.dumps({"Sources": "127.0.0.1", "DelayMilliseconds": "500",
                                                                           "DurationSeconds": "600"}),
                                         "duration": "PT10M"}}}}))
PY
)" | json 'd["experimentTemplate"]["id"]')
exp=$(awsx fis start-experiment --experiment-template-id "$template" | json 'd["experiment"]["id"]')
for _ in $(seq 60); do [ "$(queue_rules)" -ge 3 ] && break; sleep 0.1; done
[ "$(queue_rules)" -ge 3 ] || fail "not every instance got its NFQUEUE rule: $(iptables-nft -t mangle -S)"
read -r connect answer <<<"$(medians "http://$other_ip/")"
from_elsewhere=$(curl -s -o /dev/null --max-time 5 --interface 127.0.0.2 -w '%{time_total}' "http://$other_ip/")
echo "Network-Latency-Sources 500 ms (50 at speed 10) from 127.0.0.1: handshake $connect ms, answer $answer ms; from 127.0.0.2: $(python3 -c "print(round($from_elsewhere * 1000))") ms in all"
within "$connect - $other_connect" 40 60 || fail "the handshake from 127.0.0.1 took $connect ms, want 50 ms more"
within "$answer - $other_answer" 40 60 || fail "the request from 127.0.0.1 took $answer ms to answer, want 50 ms more"
within "$from_elsewhere" 0 0.02 || fail "a request from 127.0.0.2 took $from_elsewhere s: the latency is for 127.0.0.1 only"

# 3. kill -9 of the lab with the latency on: the rule it leaves lets packets pass (no listener,
# --queue-bypass), and `faultbox down` removes it.
lab_pid=$(json 'd["pid"]' <"$WORK/.faultbox/lab.json")
kill -9 "$lab_pid"
for _ in $(seq 50); do kill -0 "$lab_pid" 2>/dev/null || break; sleep 0.1; done
[ "$(queue_rules)" -ge 1 ] || fail "the test needs the killed lab's rules in place"
python3 - "$other_ip" <<'PY' || fail "with the killed lab's rule in place, packets from 127.0.0.1 to $other_ip do not pass"
import socket, sys, time
server = socket.socket(); server.bind((sys.argv[1], 0)); server.listen()
start = time.monotonic()
socket.create_connection(server.getsockname(), timeout=2, source_address=("127.0.0.1", 0)).close()
assert time.monotonic() - start < 0.02, time.monotonic() - start
PY
fb down >/dev/null
[ "$(queue_rules)" = 0 ] || fail "faultbox down left the killed lab's rules: $(iptables-nft -t mangle -S)"
iptables-nft -t mangle -S | grep -q -- "$lab_chain" && fail "faultbox down left chain $lab_chain"
echo PASS
