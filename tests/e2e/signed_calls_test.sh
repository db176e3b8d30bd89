#!/usr/bin/env bash
# `serve --auth` (FAULTBOX_AUTH=1 for a lab the CLI starts): every AWS call must carry a SigV4
# signature by a key the lab issued. With the real aws CLI and boto3: made-up, unsigned and
# wrongly signed calls are refused with AWS's errors; the root's keys (`faultbox credentials`)
# work; an IAM user's keys made with `aws iam` sign as that user, and stop when made inactive or
# deleted; a role session signs with its token only; a presigned S3 URL opens for curl and not
# once changed; a Lambda function's boto3 calls sign as its role's session; keys survive a
# restart of the lab. A lab without --auth says it checks nothing.
source "$(dirname "$0")/lib.sh"
use_aws_cli
export FAULTBOX_AUTH=1

fb templates list >/dev/null  # starts the lab
grep -q "AWS calls must be signed by keys this lab issued" .faultbox/lab.log ||
  fail "the lab does not say it checks signatures: $(tail -n 5 .faultbox/lab.log)"

refused_with() {  # CODE CMD... → the command fails with that AWS error code
  local code=$1 out
  shift
  if out=$("$@" 2>&1); then
    fail "'$*' was answered: $out"
  fi
  expect_contains "$out" "($code)"
}
refused_with InvalidClientTokenId awsx sts get-caller-identity
refused_with AuthFailure awsx ec2 describe-instances
refused_with MissingAuthenticationToken awsx fis list-experiment-templates --no-sign-request

eval "$(fb credentials)"
root_key=$AWS_ACCESS_KEY_ID
[ "$(awsx sts get-caller-identity | json 'd["Arn"]')" = "arn:aws:iam::000000000000:root" ] ||
  fail "the root's keys do not sign as the root"
refused_with SignatureDoesNotMatch env AWS_SECRET_ACCESS_KEY=wrong-secret \
  aws --endpoint-url "$ENDPOINT" sts get-caller-identity

# An IAM user's keys, made with the aws CLI.
awsx iam create-user --user-name alice >/dev/null
awsx iam attach-user-policy --user-name alice --policy-arn arn:aws:iam::aws:policy/AdministratorAccess
awsx iam create-access-key --user-name alice >alice.json
alice_key=$(json 'd["AccessKey"]["AccessKeyId"]' <alice.json)
alice_secret=$(json 'd["AccessKey"]["SecretAccessKey"]' <alice.json)
as_alice() { AWS_ACCESS_KEY_ID=$alice_key AWS_SECRET_ACCESS_KEY=$alice_secret "$@"; }
[ "$(as_alice awsx sts get-caller-identity | json 'd["Arn"]')" = \
  "arn:aws:iam::000000000000:user/alice" ] || fail "alice's key does not sign as alice"

# boto3 signs every protocol the lab speaks: query, json, rest-json, rest-xml (S3 with its
# payload hash and a presigned URL), cbor.
awsx s3api create-bucket --bucket signed-bucket \
  --create-bucket-configuration LocationConstraint=eu-west-2 >/dev/null
as_alice python3 - "$ENDPOINT" >boto3.out <<'PY'
import sys, boto3
endpoint = sys.argv[1]
def client(name):
    return boto3.client(name, endpoint_url=endpoint, region_name="eu-west-2")
print("ec2", len(client("ec2").describe_instances()["Reservations"]))
print("fis", len(client("fis").list_experiment_templates()["experimentTemplates"]))
print("logs", len(client("logs").describe_log_groups()["logGroups"]))
print("cloudwatch", len(client("cloudwatch").describe_alarms()["MetricAlarms"]))
print("autoscaling", len(client("autoscaling").describe_auto_scaling_groups()["AutoScalingGroups"]))
s3 = client("s3")
s3.put_object(Bucket="signed-bucket", Key="a b/c.txt", Body=b"signed body")
print("s3", s3.get_object(Bucket="signed-bucket", Key="a b/c.txt")["Body"].read().decode())
print("url", s3.generate_presigned_url("get_object", Params={"Bucket": "signed-bucket", "Key": "a b/c.txt"}, ExpiresIn=300))
PY
cat boto3.out
for line in "ec2 0" "fis 0" "logs " "cloudwatch 0" "autoscaling 0" "s3 signed body"; do
  expect_contains "$(cat boto3.out)" "$line"
done
url=$(sed -n 's/^url //p' boto3.out)
[ "$(curl -s "$url")" = "signed body" ] || fail "the presigned URL does not open: $(curl -s "$url")"
tampered=${url/c.txt/d.txt}
[ "$(curl -s -o /dev/null -w '%{http_code}' "$tampered")" = 403 ] || fail "a changed presigned URL opened"

awsx iam update-access-key --user-name alice --access-key-id "$alice_key" --status Inactive
refused_with InvalidClientTokenId as_alice awsx sts get-caller-identity
awsx iam update-access-key --user-name alice --access-key-id "$alice_key" --status Active

# A role session: its keys sign with the session token, and not without it.
awsx iam create-role --role-name participant --assume-role-policy-document \
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::000000000000:root"},"Action":"sts:AssumeRole"}]}' >/dev/null
awsx sts assume-role --role-arn arn:aws:iam::000000000000:role/participant \
  --role-session-name p1 >session.json
as_session() {
  AWS_ACCESS_KEY_ID=$(json 'd["Credentials"]["AccessKeyId"]' <session.json) \
    AWS_SECRET_ACCESS_KEY=$(json 'd["Credentials"]["SecretAccessKey"]' <session.json) \
    AWS_SESSION_TOKEN=$(json 'd["Credentials"]["SessionToken"]' <session.json) "$@"
}
[ "$(as_session awsx sts get-caller-identity | json 'd["Arn"]')" = \
  "arn:aws:sts::000000000000:assumed-role/participant/p1" ] || fail "the session does not sign"
refused_with InvalidClientTokenId as_session env -u AWS_SESSION_TOKEN \
  aws --endpoint-url "$ENDPOINT" sts get-caller-identity

# A Lambda function's own calls sign as its role's session, with keys the lab gave it.
awsx iam create-role --role-name fn-role --assume-role-policy-document \
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}' >/dev/null
python3 - <<'PY'
import zipfile
with zipfile.ZipFile("fn.zip", "w") as z:
    z.writestr("lambda_function.py", "import boto3\n"
               "def lambda_handler(event, context):\n"
               "    return boto3.client('sts').get_caller_identity()['Arn']\n")
PY
awsx lambda create-function --function-name whoami --runtime python3.11 \
  --role arn:aws:iam::000000000000:role/fn-role --handler lambda_function.lambda_handler \
  --zip-file fileb://fn.zip >/dev/null
awsx lambda invoke --function-name whoami answer.json >invoke.json
[ "$(cat answer.json)" = '"arn:aws:sts::000000000000:assumed-role/fn-role/whoami"' ] ||
  fail "the function's call did not sign as its role: $(cat answer.json) $(cat invoke.json)"

# The keys are the lab's state: a restarted lab takes them still.
fb down >/dev/null
fb templates list >/dev/null
eval "$(fb credentials)"
[ "$AWS_ACCESS_KEY_ID" = "$root_key" ] || fail "the root's key changed across a restart"
[ "$(as_alice awsx sts get-caller-identity | json 'd["Arn"]')" = \
  "arn:aws:iam::000000000000:user/alice" ] || fail "alice's key was lost across a restart"
awsx iam delete-access-key --user-name alice --access-key-id "$alice_key"
refused_with InvalidClientTokenId as_alice awsx sts get-caller-identity

# Without --auth the lab says it checks nothing, and has no keys to print.
fb down >/dev/null
unset FAULTBOX_AUTH
fb templates list >/dev/null
grep -q "AWS calls are not checked" .faultbox/lab.log || fail "the unchecked lab does not say so"
out=$(fb credentials 2>&1) && fail "credentials printed keys of an unchecked lab: $out"
expect_contains "$out" "does not check signatures"
echo "PASS signed_calls"
