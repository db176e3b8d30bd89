"""The step04 function of faultbox's own workshop stacks: it greets, counts the account's S3
buckets through the lab's S3 API, and answers like an API Gateway proxy integration."""
import json
import logging

import boto3

log = logging.getLogger()
log.setLevel(logging.INFO)


def handle(event, context):
    names = [b["Name"] for b in boto3.client("s3").list_buckets()["Buckets"]]
    log.info("%s sees %d bucket(s): %s", context.function_name, len(names), ", ".join(names))
    body = {"greeting": "hello from " + context.function_name, "buckets": len(names),
            "event_keys": sorted(event) if isinstance(event, dict) else []}
    return {"statusCode": 200, "headers": {"Content-Type": "application/json"},
            "body": json.dumps(body)}
