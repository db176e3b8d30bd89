#!/usr/bin/env bash
# A FIS template and a log group from the stack itself (aws_fis_experiment_template,
# aws_cloudwatch_log_group): the experiment's log lands in CloudWatch Logs, and experiments,
# alarm history and logs survive a lab restart; destroy removes the template.
source "$(dirname "$0")/lib.sh"
export FAULTBOX_SPEED=20
use_workshop_step step03

cat >fis.tf.json <<'JSON'
{
  "resource": {
    "aws_cloudwatch_log_group": { "fis": { "name": "/aws/fis/${var.panda_name}" } },
    "aws_fis_experiment_template": {
      "reboot_one": {
        "description": "Reboot one ${var.panda_name} instance, then wait",
        "role_arn": "${aws_iam_role.fis.arn}",
        "stop_condition": [{ "source": "aws:cloudwatch:alarm",
                             "value": "${aws_cloudwatch_metric_alarm.elb_5xx.arn}" }],
        "action": [
          { "name": "reboot", "action_id": "aws:ec2:reboot-instances",
            "target": [{ "key": "Instances", "value": "pandas" }] },
          { "name": "pause", "action_id": "aws:fis:wait", "start_after": ["reboot"],
            "parameter": [{ "key": "duration", "value": "PT1M" }] }
        ],
        "target": [{ "name": "pandas", "resource_type": "aws:ec2:instance",
                     "selection_mode": "COUNT(1)",
                     "resource_tag": [{ "key": "Panda", "value": "${var.panda_name}" },
                                      { "key": "Experiment", "value": "step03" }] }],
        "log_configuration": [{ "log_schema_version": 2,
          "cloudwatch_logs_configuration": [{ "log_group_arn": "${aws_cloudwatch_log_group.fis.arn}:*" }] }],
        "tags": { "Name": "reboot-one" }
      }
    }
  },
  "output": { "template_id": { "value": "${aws_fis_experiment_template.reboot_one.id}" } }
}
JSON

out=$(fb apply --auto-approve --var-file ../common/common.tfvars)
expect_contains "$out" "aws_fis_experiment_template.reboot_one"
template=$(fb --output json output | json 'd["outputs"]["template_id"]["value"]')
[[ "$template" == EXT* ]] || fail "no template id in the outputs: $template"
expect_contains "$(fb templates list)" "Reboot one funky instance, then wait"
wait_in_service

out=$(fb experiments start "$template" --wait) || fail "the experiment should complete: $out"
experiment=$(fb --output json experiments list | json 'd["experiments"][-1]["id"]')
expect_contains "$(fb logs)" "/aws/fis/funky"
log=$(fb logs /aws/fis/funky --stream "$experiment")
expect_contains "$log" '"log_type":"experiment-start"'
expect_contains "$log" '"log_type":"action-end"'
expect_contains "$log" '"log_type":"experiment-end"'
[ "$(fb logs /aws/fis/funky --filter 'action-end pause' | wc -l)" -eq 1 ] ||
  fail "filtering the log by words should find the one action-end of pause"

# A template naming a log group that does not exist is refused.
fb --output json templates get "$template" |
  json 'json.dumps({k: d["experimentTemplate"][k] for k in ("description","targets","actions","stopConditions","roleArn")} | {"logConfiguration": {"logSchemaVersion": 2, "cloudWatchLogsConfiguration": {"logGroupArn": "arn:aws:logs:eu-west-2:000000000000:log-group:/nowhere:*"}}})' >nolog.json
out=$(fb templates create --file nolog.json 2>&1) && fail "a template with a missing log group was accepted"
expect_contains "$out" "ValidationException"
expect_contains "$out" "/nowhere"

history_before=$(fb --output json alarms | json 'len(d["MetricAlarms"][0]["History"])')
fb down >/dev/null
expect_contains "$(fb experiments list)" "$experiment"
expect_contains "$(fb experiments get "$experiment")" "completed"
[ "$(fb --output json alarms | json 'len(d["MetricAlarms"][0]["History"])')" -ge "$history_before" ] ||
  fail "alarm history was lost in the restart"
expect_contains "$(fb logs /aws/fis/funky --stream "$experiment")" '"log_type":"experiment-end"'
report=$(fb report "$experiment" --dir reports)
expect_contains "$report" "Completed"

out=$(fb destroy --auto-approve)
expect_contains "$out" "Destroy complete!"
[ "$(fb --output json templates list | json 'len(d["experimentTemplates"])')" = 0 ] ||
  fail "destroy left the template"
echo "fis stack: ok"
