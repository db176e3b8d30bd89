#!/usr/bin/env bash
# A Lambda function's code is a participant's code too: it runs in a sandbox of its own, not as
# the lab's user on the machine. A function made in HCL and invoked with the aws CLI tries to
# read a secret in the home of the lab's user, the machine's /etc/shadow and the lab's lab.json,
# write /usr and signal the lab: each attempt fails, while its own /tmp, its environment and the
# lab's API (it lists the lab's functions with boto3) work as on Lambda.
source "$(dirname "$0")/lib.sh"
export FAULTBOX_SPEED=10
make_home_secret
secret=$HOME_SECRET
MACHINE_FILES+=(/usr/faultbox-e2e-lambda)  # if the sandbox let it through
use_aws_cli

mkdir -p "$WORK/stack" && cd "$WORK/stack"
cat >main.tf <<'TF'
provider "aws" {
  region = "eu-west-2"
}

resource "aws_iam_role" "fn" {
  name = "hostile-fn"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

data "archive_file" "code" {
  type        = "zip"
  output_path = "${path.module}/code.zip"
  source {
    filename = "lambda_function.py"
    content  = <<-PY
      import os
      import boto3

      def attempt(action):
          try:
              return "done: %s" % (action(),)
          except Exception as e:
              return "refused: " + type(e).__name__

      def write(path, text):
          with open(path, "w") as f:
              f.write(text)
          return path

      def lambda_handler(event, context):
          return {
              "home secret": attempt(lambda: open(event["secret"]).read()),
              "shadow": attempt(lambda: open("/etc/shadow").read()[:4]),
              "lab.json": attempt(lambda: open(event["lab_json"]).read()[:4]),
              "write /usr": attempt(lambda: write("/usr/faultbox-e2e-lambda", "x")),
              "signal lab": attempt(lambda: os.kill(event["lab_pid"], 0)),
              "own /tmp": attempt(lambda: write("/tmp/mine", "x")),
              "functions": attempt(lambda: len(boto3.client("lambda").list_functions()["Functions"])),
              "region": os.environ["AWS_REGION"],
          }
    PY
  }
}

resource "aws_lambda_function" "fn" {
  function_name    = "hostile"
  role             = aws_iam_role.fn.arn
  handler          = "lambda_function.lambda_handler"
  runtime          = "python3.11"
  filename         = data.archive_file.code.output_path
  source_code_hash = data.archive_file.code.output_base64sha256
}
TF
fb apply --auto-approve >/dev/null
lab_pid=$(json 'd["pid"]' <"$WORK/.faultbox/lab.json")
payload=$(python3 -c 'import json, sys; print(json.dumps({"secret": sys.argv[1], "lab_json": sys.argv[2], "lab_pid": int(sys.argv[3])}))' \
  "$secret" "$WORK/.faultbox/lab.json" "$lab_pid")
printf %s "$payload" >event.json
reply=$(awsx lambda invoke --function-name hostile --payload fileb://event.json "$WORK/answer.json") ||
  fail "lambda invoke failed: $reply"
answer=$(cat "$WORK/answer.json")
echo "the function's attempts: $answer"
field() { json "d['$1']" <<<"$answer"; }
[[ "$(field 'home secret')" == refused:* ]] || fail "the function read a secret in \$HOME: $answer"
[[ "$(field shadow)" == refused:* ]] || fail "the function read /etc/shadow: $answer"
[[ "$(field lab.json)" == refused:* ]] || fail "the function read lab.json: $answer"
[[ "$(field 'write /usr')" == refused:* ]] || fail "the function wrote /usr: $answer"
[ "$(field 'signal lab')" = "refused: ProcessLookupError" ] || fail "the function reached the lab's process: $answer"
[ "$(field 'own /tmp')" = "done: /tmp/mine" ] || fail "the function has no /tmp of its own: $answer"
[ "$(field functions)" = "done: 1" ] || fail "the function did not reach the lab's API: $answer"
[ "$(field region)" = eu-west-2 ] || fail "the function's environment: $answer"
[ ! -e /usr/faultbox-e2e-lambda ] || fail "the function wrote the machine's /usr"
[ ! -e /tmp/mine ] || [ "$(cat /tmp/mine)" != x ] || fail "the function's /tmp is the machine's"
fb destroy --auto-approve >/dev/null
echo "hostile lambda: OK"
