#!/usr/bin/env python3
# Writes fuzz/corpus/aws_request: raw HTTP requests exactly as botocore (the aws CLI's and boto3's
# library) serializes and signs them, for each service the lab serves. Run once with botocore
# installed: python3 fuzz/make_aws_request_seeds.py fuzz/corpus/aws_request
import json, os, sys
import botocore.session
from botocore.config import Config

out = sys.argv[1]
session = botocore.session.get_session()
session.set_credentials("AKIDEXAMPLE", "secret", "token-123")

class Captured(Exception):
    pass

current = {"name": ""}
def capture():
    def handler(request, **kwargs):
        name = current["name"]
        from urllib.parse import urlsplit
        u = urlsplit(request.url)
        target = (u.path or "/") + (("?" + u.query) if u.query else "")
        body = request.body or b""
        if isinstance(body, str):
            body = body.encode()
        if hasattr(body, "read"):
            body = body.read()
        lines = ["%s %s HTTP/1.1" % (request.method, target), "Host: %s" % u.netloc]
        for k, v in request.headers.items():
            if isinstance(v, bytes):
                v = v.decode()
            if k.lower() in ("host", "content-length", "transfer-encoding"):
                continue
            lines.append("%s: %s" % (k, v))
        lines.append("Content-Length: %d" % len(body))
        with open(os.path.join(out, name), "wb") as f:
            f.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
        raise Captured()
    return handler

calls = {
    "ec2": [("describe_instances", {"Filters": [{"Name": "tag:Name", "Values": ["web*"]}]}),
            ("run_instances", {"ImageId": "ami-al2023", "MinCount": 1, "MaxCount": 2, "InstanceType": "t3.micro",
                               "Placement": {"AvailabilityZone": "eu-west-2a"},
                               "TagSpecifications": [{"ResourceType": "instance", "Tags": [{"Key": "Name", "Value": "web"}]}]}),
            ("stop_instances", {"InstanceIds": ["i-0123456789abcdef0"]}),
            ("create_vpc", {"CidrBlock": "10.0.0.0/16"}),
            ("create_security_group", {"GroupName": "web", "Description": "web", "VpcId": "vpc-12345678"})],
    "autoscaling": [("create_auto_scaling_group", {"AutoScalingGroupName": "asg", "MinSize": 1, "MaxSize": 3,
                                                   "LaunchTemplate": {"LaunchTemplateName": "web-lt", "Version": "$Latest"},
                                                   "AvailabilityZones": ["eu-west-2a", "eu-west-2b"]}),
                    ("describe_auto_scaling_groups", {}),
                    ("set_desired_capacity", {"AutoScalingGroupName": "asg", "DesiredCapacity": 2})],
    "elb": [("create_load_balancer", {"LoadBalancerName": "lb", "Listeners": [{"Protocol": "HTTP", "LoadBalancerPort": 80, "InstanceProtocol": "HTTP", "InstancePort": 80}],
                                      "AvailabilityZones": ["eu-west-2a"]}),
            ("describe_instance_health", {"LoadBalancerName": "lb"}),
            ("configure_health_check", {"LoadBalancerName": "lb", "HealthCheck": {"Target": "HTTP:80/", "Interval": 10, "Timeout": 5, "UnhealthyThreshold": 2, "HealthyThreshold": 2}})],
    "cloudwatch": [("put_metric_alarm", {"AlarmName": "a", "MetricName": "HTTPCode_ELB_5XX", "Namespace": "AWS/ELB", "Statistic": "Sum",
                                         "Period": 60, "EvaluationPeriods": 1, "Threshold": 1.0, "ComparisonOperator": "GreaterThanThreshold",
                                         "Dimensions": [{"Name": "LoadBalancerName", "Value": "lb"}]}),
                   ("put_metric_data", {"Namespace": "Lab", "MetricData": [{"MetricName": "m", "Value": 1.5, "Unit": "Count"}]}),
                   ("describe_alarms", {"AlarmNames": ["a"]})],
    "fis": [("create_experiment_template", {"description": "d", "roleArn": "arn:aws:iam::000000000000:role/fis",
                                            "stopConditions": [{"source": "none"}],
                                            "targets": {"i": {"resourceType": "aws:ec2:instance", "selectionMode": "COUNT(1)", "resourceTags": {"Name": "web"}}},
                                            "actions": {"stop": {"actionId": "aws:ec2:stop-instances", "parameters": {"startInstancesAfterDuration": "PT1M"}, "targets": {"Instances": "i"}}},
                                            "clientToken": "t1"}),
            ("list_actions", {}),
            ("start_experiment", {"experimentTemplateId": "EXT123456789", "clientToken": "t2"}),
            ("list_experiments", {"maxResults": 5})],
    "lambda": [("invoke", {"FunctionName": "fn", "Payload": b'{"a": 1}'}),
               ("list_functions", {}),
               ("get_function", {"FunctionName": "fn"})],
    "ssm": [("send_command", {"DocumentName": "AWS-RunShellScript", "InstanceIds": ["i-0123456789abcdef0"], "Parameters": {"commands": ["echo hi"]}}),
            ("describe_instance_information", {}),
            ("get_command_invocation", {"CommandId": "8e8ad9a1-6c7b-4d1e-9a2c-2f5e4f1a7b10", "InstanceId": "i-0123456789abcdef0"})],
    "iam": [("create_role", {"RoleName": "r", "AssumeRolePolicyDocument": json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]})}),
            ("put_role_policy", {"RoleName": "r", "PolicyName": "p", "PolicyDocument": json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ec2:*", "Resource": "*"}]})}),
            ("list_roles", {})],
    "sts": [("get_caller_identity", {}), ("assume_role", {"RoleArn": "arn:aws:iam::000000000000:role/r", "RoleSessionName": "session"})],
    "s3": [("create_bucket", {"Bucket": "b", "CreateBucketConfiguration": {"LocationConstraint": "eu-west-2"}}),
           ("put_object", {"Bucket": "b", "Key": "FisConfigs/x.json", "Body": b'{"x": 1}'}),
           ("get_object", {"Bucket": "b", "Key": "FisConfigs/x.json"}),
           ("list_objects_v2", {"Bucket": "b", "Prefix": "FisConfigs/"})],
    "logs": [("create_log_group", {"logGroupName": "/aws/lambda/fn"}),
             ("put_log_events", {"logGroupName": "/aws/lambda/fn", "logStreamName": "s", "logEvents": [{"timestamp": 1700000000000, "message": "hi"}]}),
             ("filter_log_events", {"logGroupName": "/aws/lambda/fn", "limit": 5})],
}
for service, ops in calls.items():
    client = session.create_client(service, region_name="eu-west-2", endpoint_url="http://127.0.0.1:4566",
                                   config=Config(retries={"max_attempts": 1}, s3={"addressing_style": "path"}))
    client.meta.events.register("before-send", capture())
    for op, params in ops:
        current["name"] = "%s-%s" % (service, op.replace("_", "-"))
        try:
            getattr(client, op)(**params)
        except Captured:
            pass
