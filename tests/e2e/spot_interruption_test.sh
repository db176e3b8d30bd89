#!/usr/bin/env bash
# A spot instance (instance_market_options in HCL) and aws:ec2:send-spot-instance-interruptions,
# as the instance's own tools see it: a script inside the instance polls IMDS at 169.254.169.254
# with curl and publishes what it reads; it sees the rebalance recommendation first, then
# spot/instance-action two minutes (lab time) before the interruption, and the instance is then
# terminated with EC2's spot state reason, as `aws ec2 describe-instances` shows. A group with a
# mixed instances policy (1 on-demand, the rest spot) launches its share as spot, and replaces
# its interrupted spot instances with spot ones.
source "$(dirname "$0")/lib.sh"
export FAULTBOX_SPEED=10
use_aws_cli

mkdir -p "$WORK/stack" && cd "$WORK/stack"
cat >main.tf <<'TF'
provider "aws" {
  region = "eu-west-2"
}

resource "aws_instance" "spot" {
  ami               = "ami-al2023"
  availability_zone = "eu-west-2b"
  tags              = { Name = "spot-worker" }

  instance_market_options {
    market_type = "spot"
    spot_options {
      instance_interruption_behavior = "terminate"
    }
  }

  user_data = <<-EOT
    #!/bin/bash
    mkdir -p /var/www/html
    echo "spot worker" > /var/www/html/index.html
    yum install -y httpd
    systemctl start httpd
    imds=http://169.254.169.254/latest/meta-data
    while true; do
      curl -s "$imds/instance-life-cycle" > /var/www/html/life-cycle.tmp && mv /var/www/html/life-cycle.tmp /var/www/html/life-cycle
      code=$(curl -s -o /var/www/html/action.tmp -w '%%{http_code}' "$imds/spot/instance-action")
      [ "$code" = 200 ] && mv /var/www/html/action.tmp /var/www/html/action
      code=$(curl -s -o /var/www/html/rebalance.tmp -w '%%{http_code}' "$imds/events/recommendations/rebalance")
      [ "$code" = 200 ] && mv /var/www/html/rebalance.tmp /var/www/html/rebalance
      sleep 0.2
    done
    EOT
}

resource "aws_iam_role" "fis" {
  name = "spot-fis-role"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "fis.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy_attachment" "fis" {
  role       = aws_iam_role.fis.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSFaultInjectionSimulatorEC2Access"
}

resource "aws_launch_template" "fleet" {
  name     = "fleet"
  image_id = "ami-faultbox-web"
}

resource "aws_autoscaling_group" "fleet" {
  name               = "spot-fleet"
  min_size           = 3
  max_size           = 6
  desired_capacity   = 3
  availability_zones = ["eu-west-2a", "eu-west-2b", "eu-west-2c"]

  mixed_instances_policy {
    instances_distribution {
      on_demand_base_capacity                  = 1
      on_demand_percentage_above_base_capacity = 0
      spot_allocation_strategy                 = "price-capacity-optimized"
    }
    launch_template {
      launch_template_specification {
        launch_template_id = aws_launch_template.fleet.id
        version            = "$Latest"
      }
    }
  }
}

output "id" { value = aws_instance.spot.id }
output "ip" { value = aws_instance.spot.private_ip }
output "role" { value = aws_iam_role.fis.arn }
TF
fb apply --auto-approve >/dev/null
outputs=$(fb --output json output)
id=$(json 'd["outputs"]["id"]["value"]' <<<"$outputs")
ip=$(json 'd["outputs"]["ip"]["value"]' <<<"$outputs")
role=$(json 'd["outputs"]["role"]["value"]' <<<"$outputs")
page() { curl -sf --max-time 2 "http://$ip/$1" || true; }
for _ in $(seq 150); do [ "$(page life-cycle)" = spot ] && break; sleep 0.2; done
[ "$(page life-cycle)" = spot ] || fail "the instance does not see itself as spot: '$(page life-cycle)'"
[ "$(awsx ec2 describe-instances --instance-ids "$id" | json 'd["Reservations"][0]["Instances"][0]["InstanceLifecycle"]')" = spot ] ||
  fail "DescribeInstances does not say spot"
[ -z "$(page action)" ] || fail "an interruption notice before any interruption: $(page action)"

template=$(awsx fis create-experiment-template --cli-input-json "$(cat <<JSON
{
  "clientToken": "spot-1",
  "description": "Interrupt the spot worker in three minutes",
  "targets": {"Workers": {"resourceType": "aws:ec2:spot-instance", "resourceTags": {"Name": "spot-worker"},
                          "selectionMode": "ALL"}},
  "actions": {"Interrupt": {"actionId": "aws:ec2:send-spot-instance-interruptions",
                            "parameters": {"durationBeforeInterruption": "PT3M"},
                            "targets": {"SpotInstances": "Workers"}}},
  "stopConditions": [{"source": "none"}],
  "roleArn": "$role"
}
JSON
)" | json 'd["experimentTemplate"]["id"]')
exp=$(awsx fis start-experiment --experiment-template-id "$template" | json 'd["experiment"]["id"]')
started=$SECONDS
# The rebalance recommendation at once; the notice after a minute of lab time (6 s here).
for _ in $(seq 50); do [ -n "$(page rebalance)" ] && break; sleep 0.2; done
expect_contains "$(page rebalance)" '"noticeTime"'
[ -z "$(page action)" ] || fail "the interruption notice came with the rebalance recommendation"
for _ in $(seq 100); do [ -n "$(page action)" ] && break; sleep 0.2; done
action=$(page action)
expect_contains "$action" '"action": "terminate"'
expect_contains "$action" '"time"'
notice_after=$((SECONDS - started))
echo "inside the instance: rebalance $(page rebalance), then after ${notice_after}s $action"
[ "$notice_after" -ge 4 ] || fail "the notice came ${notice_after}s after the start, expected about 6 s"
state() { awsx ec2 describe-instances --instance-ids "$id" | json 'd["Reservations"][0]["Instances"][0]["State"]["Name"]'; }
for _ in $(seq 150); do [[ "$(state)" =~ shutting-down|terminated ]] && break; sleep 0.2; done
[[ "$(state)" =~ shutting-down|terminated ]] || fail "the spot instance was not interrupted: $(state)"
reason=$(awsx ec2 describe-instances --instance-ids "$id" | json 'd["Reservations"][0]["Instances"][0]["StateReason"]["Code"]')
[ "$reason" = Server.SpotInstanceTermination ] || fail "state reason $reason"
for _ in $(seq 50); do
  [ "$(awsx fis get-experiment --id "$exp" | json 'd["experiment"]["state"]["status"]')" = completed ] && break
  sleep 0.2
done
[ "$(awsx fis get-experiment --id "$exp" | json 'd["experiment"]["state"]["status"]')" = completed ] ||
  fail "the experiment did not complete"
echo "interrupted after $((SECONDS - started))s: $reason"
# The group: one on-demand instance, two spot; interrupting the spot ones brings spot ones back.
fleet() {
  awsx ec2 describe-instances --filters Name=tag:aws:autoscaling:groupName,Values=spot-fleet \
    Name=instance-state-name,Values=running |
    json '" ".join(sorted(i.get("InstanceLifecycle", "on-demand") + ":" + i["InstanceId"] for r in d["Reservations"] for i in r["Instances"]))'
}
# "on-demand=1 spot=2 " of a fleet listing
lifecycles() { tr ' ' '\n' <<<"$1" | cut -d: -f1 | sort | uniq -c | awk '{print $2 "=" $1}' | tr '\n' ' '; }
for _ in $(seq 100); do [ "$(lifecycles "$(fleet)")" = "on-demand=1 spot=2 " ] && break; sleep 0.2; done
[ "$(lifecycles "$(fleet)")" = "on-demand=1 spot=2 " ] || fail "the mixed group runs $(lifecycles "$(fleet)")"
policy=$(awsx autoscaling describe-auto-scaling-groups --auto-scaling-group-names spot-fleet |
  json 'd["AutoScalingGroups"][0]["MixedInstancesPolicy"]["InstancesDistribution"]["OnDemandBaseCapacity"]')
[ "$policy" = 1 ] || fail "DescribeAutoScalingGroups shows no mixed instances policy"
before=$(fleet)
template=$(awsx fis create-experiment-template --cli-input-json "$(cat <<JSON
{
  "clientToken": "spot-2",
  "description": "Interrupt the fleet's spot instances",
  "targets": {"Fleet": {"resourceType": "aws:ec2:spot-instance",
                        "resourceTags": {"aws:autoscaling:groupName": "spot-fleet"}, "selectionMode": "ALL"}},
  "actions": {"Interrupt": {"actionId": "aws:ec2:send-spot-instance-interruptions",
                            "parameters": {"durationBeforeInterruption": "PT2M"},
                            "targets": {"SpotInstances": "Fleet"}}},
  "stopConditions": [{"source": "none"}],
  "roleArn": "$role"
}
JSON
)" | json 'd["experimentTemplate"]["id"]')
awsx fis start-experiment --experiment-template-id "$template" >/dev/null
replaced=""
for _ in $(seq 200); do
  now=$(fleet)
  if [ "$(lifecycles "$now")" = "on-demand=1 spot=2 " ] && [ -z "$(comm -12 <(tr ' ' '\n' <<<"$before" | grep ^spot) <(tr ' ' '\n' <<<"$now" | grep ^spot))" ]; then
    replaced=$now
    break
  fi
  sleep 0.2
done
[ -n "$replaced" ] || fail "the group did not replace its interrupted spot instances: before $before, now $(fleet)"
echo "mixed group: $before -> $replaced"

fb destroy --auto-approve >/dev/null
echo "spot interruption: ok"
