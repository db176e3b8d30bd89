#!/usr/bin/env bash
# Bad stack files through the CLI: each gives one clear error, a non-zero exit, and changes nothing.
source "$(dirname "$0")/lib.sh"

check_bad() {  # name, expected message part, stack JSON
  local dir="$WORK/bad-$1"
  mkdir -p "$dir"
  printf '%s\n' "$3" >"$dir/main.tf.json"
  local out rc=0
  out=$(fb apply --auto-approve --chdir "$dir" 2>&1) || rc=$?
  [ $rc -ne 0 ] || fail "$1: apply should fail: $out"
  expect_contains "$out" "$2"
  [ "$(echo "$out" | grep -c '^error:')" -eq 1 ] || fail "$1: expected one error line: $out"
}

LT='"aws_launch_template": {"lt": {"name": "lt"}}'
check_bad syntax "main.tf.json" '{"resource": {'
check_bad unknown_type 'aws_nonsense' '{"resource": {"aws_nonsense": {"x": {}}}}'
check_bad bad_reference 'aws_elb.missing' \
  '{"resource": {"aws_iam_role": {"r": {"name": "${aws_elb.missing.name}"}}}}'
check_bad missing_variable 'panda_name' \
  '{"variable": {"panda_name": {"type": "string"}}, "resource": {"aws_iam_role": {"r": {"name": "${var.panda_name}"}}}}'
check_bad min_over_max 'min' \
  "{\"resource\": {$LT, \"aws_autoscaling_group\": {\"g\": {\"min_size\": 5, \"max_size\": 2, \"launch_template\": {\"id\": \"\${aws_launch_template.lt.id}\"}}}}}"
check_bad cycle 'cycle' \
  '{"resource": {"aws_iam_role": {"a": {"name": "${aws_iam_role.b.name}"}, "b": {"name": "${aws_iam_role.a.name}"}}}}'
check_bad bad_health_target 'HTTP' \
  '{"resource": {"aws_elb": {"e": {"name": "e", "listener": {"lb_port": 80, "instance_port": 80}, "health_check": {"target": "HTTP:99999/", "interval": 5, "timeout": 2, "healthy_threshold": 2, "unhealthy_threshold": 2}}}}}'

# Nothing was created by any of them.
[ "$(fb --output json instances)" = "[]" ] || fail "instances were created"
[ "$(fb --output json lbs)" = "[]" ] || fail "load balancers were created"
echo "bad stacks: ok"
