#!/usr/bin/env bash
# Target selection is replayable: an experiment records its seed, `experiments get` shows it, and
# `experiments start --seed S` on the same instances picks the same ones again; other seeds are
# free to pick differently. The action reboots one of the three instances (COUNT(1)).
source "$(dirname "$0")/lib.sh"
export FAULTBOX_SPEED=10
use_workshop_step step03

# Replays need the same instances, so the group must not replace any during the test: with EC2
# health checks it keeps a rebooted instance (with the workshop's ELB checks it replaces one that
# fails its checks while rebooting), and a long grace period keeps an instance whose first boot
# failed (e.g. its private IP briefly held by another lab on this machine) until the test ends.
python3 - <<'PY'
import json
stack = json.load(open("main.tf.json"))
stack["resource"]["aws_autoscaling_group"]["web"]["health_check_type"] = "EC2"
stack["resource"]["aws_autoscaling_group"]["web"]["health_check_grace_period"] = 3600
json.dump(stack, open("main.tf.json", "w"), indent=1)
PY
fb apply --auto-approve --var-file ../common/common.tfvars >/dev/null
wait_in_service

python3 - templates/stop-two-instances.json >reboot-one.json <<'EOF'
import json, sys
t = json.load(open(sys.argv[1]))
t["description"] = "Reboot one step03 instance"
t["targets"]["step03-instances"]["selectionMode"] = "COUNT(1)"
t["actions"] = {"reboot": {"actionId": "aws:ec2:reboot-instances",
                           "targets": {"Instances": "step03-instances"}}}
print(json.dumps(t))
EOF
template=$(fb templates create --file reboot-one.json)

# The ids of the instances the template can pick from (tagged, running), sorted.
candidates() {
  fb --output json instances |
    json '" ".join(sorted(i["InstanceId"] for i in d if i["State"]["Name"] == "running" and i["Tags"].get("Experiment") == "step03"))'
}
# On failure: the group's activities and each instance's console.
show_instances() {
  fb --output json groups | json '[a for g in d for a in g.get("Activities", [])]' || fb groups
  for log in $(fb --output json instances | json '" ".join(i["ConsoleLog"] for i in d)'); do
    echo "--- $log"
    tail -n 8 "$log"
  done
}
# Runs the template with seed $1 to its end; prints the experiment id.
run() {
  local out
  out=$(fb experiments start "$template" --seed "$1" --wait) || fail "run with seed $1 did not complete: $out"
  awk '/^started /{print $2}' <<<"$out"
}
picked() { fb --output json experiments get "$1" | json '" ".join(sorted(r["targetInformation"]["arn"] for r in d["resolvedTargets"]))'; }

before=$(candidates)
[ "$(wc -w <<<"$before")" -eq 3 ] || fail "expected 3 candidate instances, got: $before"
first=$(run 42)
wait_in_service
second=$(run 42)
wait_in_service
third=$(run 1)
wait_in_service
other=$(run 3)
wait_in_service
[ "$(candidates)" = "$before" ] || { show_instances; fail "the instances changed during the test ($before → $(candidates)); replay needs the same set"; }

for e in "$first" "$second" "$third" "$other"; do
  echo "$e seed $(fb --output json experiments get "$e" | json 'd["seed"]'): $(picked "$e")"
done
[ "$(wc -w <<<"$(picked "$first")")" -eq 1 ] || fail "COUNT(1) should pick one instance"
[ "$(picked "$first")" = "$(picked "$second")" ] || fail "the same seed picked different instances"
# The pick is a function of the seed and the ARN-sorted candidates: with this generator seeds 42,
# 1 and 3 take the last, first and middle of three, so a resolver that ignored the seed would
# fail here or above.
[ "$(printf '%s\n' "$(picked "$first")" "$(picked "$third")" "$(picked "$other")" | sort -u | wc -l)" -eq 3 ] ||
  fail "seeds 42, 1 and 3 should pick three different instances"

# The seed is recorded in the experiment, shown by `experiments get`, and in the log.
[ "$(fb --output json experiments get "$first" | json 'd["seed"]')" = 42 ] || fail "seed not recorded"
expect_contains "$(fb experiments get "$third")" "seed 1"
expect_contains "$(fb experiments get "$third")" "target step03-instances  $(picked "$third")"
[ "$(fb --output json experiments get "$second" | json '[r for r in d["log"] if r["log_type"] == "experiment-start"][0]["details"]["seed"]')" = 42 ] ||
  fail "the log does not record the seed"
# A run without --seed draws one and records it, so it too can be replayed.
out=$(fb experiments start "$template" --wait) || fail "run without a seed did not complete: $out"
fourth=$(awk '/^started /{print $2}' <<<"$out")
drawn=$(fb --output json experiments get "$fourth" | json 'd["seed"]')
[[ "$drawn" =~ ^[0-9]+$ ]] || fail "a run without --seed recorded no seed: $drawn"
wait_in_service
[ "$(candidates)" = "$before" ] || { show_instances; fail "the instances changed during the test ($before → $(candidates))"; }
replay=$(run "$drawn")
[ "$(picked "$replay")" = "$(picked "$fourth")" ] || fail "replaying drawn seed $drawn picked differently"
fb destroy --auto-approve >/dev/null
echo "seed replay: ok"
