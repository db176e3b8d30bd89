#!/usr/bin/env bash
# The lab's S3 through the real aws CLI (`aws s3` and `aws s3api`) and boto3: buckets made,
# listed and removed, text and binary objects up and down byte for byte, keys with spaces and
# '+', "folders" by delimiter, S3's errors, and objects that survive a lab restart.
source "$(dirname "$0")/lib.sh"
use_aws_cli
fb status >/dev/null 2>&1 || true
fb instances >/dev/null  # starts the lab

expect_contains "$(awsx s3 mb s3://lab-bucket 2>&1)" "make_bucket: lab-bucket"
expect_contains "$(awsx s3 ls)" "lab-bucket"
[ "$(awsx s3api get-bucket-location --bucket lab-bucket | json 'd["LocationConstraint"]')" = eu-west-2 ] ||
  fail "the bucket should be in eu-west-2 (the CLI's region)"

echo "hello, lab" >hello.txt
head -c 300000 /dev/urandom >blob.bin
expect_contains "$(awsx s3 cp hello.txt s3://lab-bucket/dir/hello.txt)" "upload: ./hello.txt to s3://lab-bucket/dir/hello.txt"
awsx s3 cp blob.bin "s3://lab-bucket/dir/deep/a b+c.bin" >/dev/null
awsx s3 cp hello.txt s3://lab-bucket/top.txt >/dev/null

top=$(awsx s3 ls s3://lab-bucket/)
expect_contains "$top" "PRE dir/"
expect_contains "$top" "top.txt"
[[ "$top" != *"hello.txt"* ]] || fail "a key under dir/ listed at the top: $top"
expect_contains "$(awsx s3 ls s3://lab-bucket/dir/)" "PRE deep/"
expect_contains "$(awsx s3 ls --recursive s3://lab-bucket/)" "300000 dir/deep/a b+c.bin"

[ "$(awsx s3 cp s3://lab-bucket/dir/hello.txt -)" = "hello, lab" ] || fail "the text object came back different"
awsx s3 cp "s3://lab-bucket/dir/deep/a b+c.bin" back.bin >/dev/null
cmp -s blob.bin back.bin || fail "the binary object came back different"
head=$(awsx s3api head-object --bucket lab-bucket --key dir/hello.txt)
[ "$(json 'd["ContentLength"]' <<<"$head")" = 11 ] || fail "head-object: $head"
[ "$(json 'd["ETag"]' <<<"$head")" = "\"$(md5sum hello.txt | cut -d' ' -f1)\"" ] || fail "head-object ETag: $head"

# S3's errors, as the CLI reports them.
expect_contains "$(awsx s3api get-object --bucket lab-bucket --key nope out.txt 2>&1 || true)" "NoSuchKey"
expect_contains "$(awsx s3 ls s3://no-such-bucket 2>&1 || true)" "NoSuchBucket"
expect_contains "$(awsx s3 rb s3://lab-bucket 2>&1 || true)" "BucketNotEmpty"
expect_contains "$(awsx s3 mb s3://Bad_Name 2>&1 || true)" "InvalidBucketName"

# boto3, as a Lambda function or a user's script would call it.
python3 - "$ENDPOINT" <<'PY'
import sys, boto3
s3 = boto3.client("s3", endpoint_url=sys.argv[1], region_name="eu-west-2")
s3.put_object(Bucket="lab-bucket", Key="FisConfigs/config.json", Body=b'{"delay": 1}',
              ContentType="application/json", Metadata={"owner": "fis"})
got = s3.get_object(Bucket="lab-bucket", Key="FisConfigs/config.json")
assert got["Body"].read() == b'{"delay": 1}', got
assert got["ContentType"] == "application/json", got
assert got["Metadata"] == {"owner": "fis"}, got
page = s3.list_objects_v2(Bucket="lab-bucket", Prefix="FisConfigs/", MaxKeys=10)
assert [o["Key"] for o in page["Contents"]] == ["FisConfigs/config.json"], page
paged = s3.get_paginator("list_objects_v2").paginate(Bucket="lab-bucket", PaginationConfig={"PageSize": 2})
keys = [o["Key"] for p in paged for o in p.get("Contents", [])]
assert len(keys) == 4, keys
s3.delete_object(Bucket="lab-bucket", Key="FisConfigs/config.json")
PY

# A restart keeps buckets and objects.
fb down >/dev/null
fb instances >/dev/null
awsx s3 cp "s3://lab-bucket/dir/deep/a b+c.bin" again.bin >/dev/null
cmp -s blob.bin again.bin || fail "the binary object changed across a restart"

expect_contains "$(awsx s3 rm s3://lab-bucket/top.txt)" "delete: s3://lab-bucket/top.txt"
expect_contains "$(awsx s3 rb --force s3://lab-bucket 2>&1)" "remove_bucket: lab-bucket"
[[ "$(awsx s3 ls)" != *"lab-bucket"* ]] || fail "the bucket is still listed after rb --force"
echo "s3: ok"
