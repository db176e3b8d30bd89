#!/usr/bin/env bash
# The AZ Availability: Power Interruption scenario on the workshop's step03 service with traffic
# running: `faultbox scenarios create` writes the template (valid AWS FIS input), the zone's
# instance stops, launches there are refused with InsufficientInstanceCapacity (its network part
# has no subnet to cut here: skipped), the group heals
# into the other two zones, traffic through the load balancer stays at >= 99 % availability
# (printed), and once the scenario ends the zone takes launches again.
source "$(dirname "$0")/lib.sh"
export FAULTBOX_SPEED=10
use_workshop_step step03
use_aws_cli

apply_step03
role=$(step03_output fis_role_arn)
url=$(step03_output elb_url)

fb scenarios >scenarios.txt
expect_contains "$(cat scenarios.txt)" "az-power-interruption  AZ Availability: Power Interruption"
expect_contains "$(cat scenarios.txt)" "left out: Failover-RDS"
fb scenarios create az-power-interruption --az eu-west-2a --role "$role" --tag Panda=funky \
  --duration PT2M --file az-power.json 2>/dev/null
expect_contains "$(cat az-power.json)" '"Pause-network-connectivity"'
without=$(fb scenarios create az-power-interruption --az eu-west-2a --role "$role" --without-network)
[[ "$without" != *Pause-network-connectivity* ]] || fail "--without-network kept the network part"
python3 "$REPO_ROOT/tests/e2e/fis_template_input.py" az-power.json >/dev/null ||
  fail "the scenario's template is not valid AWS FIS input: $(cat az-power.json)"
template=$(fb templates create --file az-power.json)

zones() {
  awsx ec2 describe-instances --filters Name=instance-state-name,Values=running |
    json '" ".join(sorted(i["Placement"]["AvailabilityZone"] for r in d["Reservations"] for i in r["Instances"]))'
}
[ "$(zones)" = "eu-west-2a eu-west-2b eu-west-2c" ] || fail "not one instance per zone: $(zones)"

"$FAULTBOX" "${D[@]}" traffic "$url/" --wall-clock --rate 20 --duration 40s >traffic.out 2>&1 &
traffic=$!
STARTED_PIDS+=($traffic)
sleep 2
out=$(fb experiments start "$template" --wait) || fail "the scenario did not complete: $out"
expect_contains "$out" "completed"
experiment=$(sed -n 's/^started //p' <<<"$out" | awk '{print $1}')
z=$(zones)
[ "$(wc -w <<<"$z")" -eq 3 ] && [[ "$z" != *eu-west-2a* ]] ||
  fail "the group did not heal into the other zones: $z"
refused=$(awsx autoscaling describe-scaling-activities |
  json '[a["StatusMessage"] for a in d["Activities"] if a["StatusCode"] == "Failed"]')
expect_contains "$refused" "capacity in the Availability Zone you requested (eu-west-2a)"
got=$(fb --output json experiments get "$experiment")
for action in Stop-ASG-Instances Pause-Instance-Launches Pause-ASG-Scaling; do
  [ "$(json "d['experiment']['actions']['$action']['state']['status']" <<<"$got")" = completed ] ||
    fail "$action: $(json "d['experiment']['actions']['$action']['state']" <<<"$got")"
done
# This step03 has no VPC: the zone's subnets are none, and the network part is skipped as FIS
# skips empty targets (the workshop repository's VPC is cut off in fis_template_examples_test).
[ "$(json "d['experiment']['actions']['Pause-network-connectivity']['state']['status']" <<<"$got")" = skipped ] ||
  fail "Pause-network-connectivity: $(json "d['experiment']['actions']['Pause-network-connectivity']['state']" <<<"$got")"
# The step03 instances are all the group's: the stand-alone instances' target is empty, skipped.
[ "$(json "d['experiment']['actions']['Stop-Instances']['state']['status']" <<<"$got")" = completed ] ||
  [ "$(json "d['experiment']['actions']['Stop-Instances']['state']['status']" <<<"$got")" = skipped ] ||
  fail "Stop-Instances: $(json "d['experiment']['actions']['Stop-Instances']['state']" <<<"$got")"
wait "$traffic" || true
summary=$(tail -n 1 traffic.out)
echo "traffic during the scenario: $summary"
availability=$(sed -n 's/.*availability \([0-9.]*\)%.*/\1/p' <<<"$summary")
[ -n "$availability" ] || fail "no traffic summary: $(tail -n 3 traffic.out)"
python3 -c "import sys; sys.exit(0 if float('$availability') >= 99.0 else 1)" ||
  fail "availability $availability% is below 99%"

# The report shows capacity per zone: eu-west-2a emptied and refused launches, the others took
# the replacements.
fb report "$experiment" --json report.json >/dev/null
capacity=$(json 'json.dumps({z["availabilityZone"]: z for z in d["zoneCapacity"]})' <report.json)
echo "capacity per zone: $(json '"; ".join(z + ": start %(runningAtStart)s, lowest %(minRunning)s, end %(runningAtEnd)s, launches %(launches)s, refused %(launchesRefused)s" % c for z, c in d.items())' <<<"$capacity")"
[ "$(json 'd["eu-west-2a"]["minRunning"]' <<<"$capacity")" -eq 0 ] || fail "eu-west-2a kept running instances: $capacity"
[ "$(json 'd["eu-west-2a"]["launchesRefused"]' <<<"$capacity")" -ge 1 ] || fail "no refused launch in eu-west-2a: $capacity"
[ "$(json 'd["eu-west-2b"]["launches"] + d["eu-west-2c"]["launches"]' <<<"$capacity")" -ge 1 ] ||
  fail "no replacement launched in eu-west-2b or eu-west-2c: $capacity"
fb report "$experiment" --html report.html >/dev/null
expect_contains "$(cat report.html)" "Capacity per availability zone"

# After the scenario the zone has power again: a replacement goes back to eu-west-2a.
crowded=$(tr ' ' '\n' <<<"$z" | sort | uniq -d | head -1)
victim=$(awsx ec2 describe-instances --filters Name=instance-state-name,Values=running \
  "Name=availability-zone,Values=$crowded" |
  json '[i["InstanceId"] for r in d["Reservations"] for i in r["Instances"]][0]')
awsx ec2 terminate-instances --instance-ids "$victim" >/dev/null
for _ in $(seq 100); do [ "$(zones)" = "eu-west-2a eu-west-2b eu-west-2c" ] && break; sleep 0.2; done
[ "$(zones)" = "eu-west-2a eu-west-2b eu-west-2c" ] || fail "eu-west-2a takes no launch again: $(zones)"
echo "eu-west-2a launches again"
fb destroy --auto-approve >/dev/null
echo "az power scenario: ok"
