"""Sends bad requests of every kind the lab's port takes (malformed HTTP, text that is not UTF-8,
and per AWS protocol: unknown operations, bad parameters, bad bodies) and checks that each gets
its status and a message in its protocol's own error shape, and that the lab stays up with its
state unchanged. Usage: bad_requests.py PORT DATA_DIR. Prints one line per case."""
import json
import re
import socket
import sys

PORT = int(sys.argv[1])
HOST = "127.0.0.1"
# The CLI's token for the lab's routes that change something (lab.json, the lab's user's alone).
with open(sys.argv[2] + "/lab.json") as f:
    TOKEN = json.load(f)["token"]
NO_TOKEN = object()


def raw(data, timeout=10):
    """Sends bytes as they are; returns (status, headers, body) of the answer."""
    s = socket.create_connection((HOST, PORT), timeout=timeout)
    try:
        s.sendall(data)
    except OSError:
        pass  # refused before reading it all: the answer is still there
    out = b""
    try:
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            out += chunk
    except OSError:
        pass
    s.close()
    head, _, body = out.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    m = re.match(r"HTTP/1\.[01] (\d{3})", lines[0]) if lines and lines[0] else None
    headers = {}
    for line in lines[1:]:
        k, _, v = line.partition(":")
        headers[k.strip().lower()] = v.strip()
    return (int(m.group(1)) if m else 0), headers, body


def request(method, target, headers=None, body=b"", token=TOKEN):
    headers = dict(headers or {})
    headers.setdefault("Host", f"{HOST}:{PORT}")
    path = target if isinstance(target, str) else target.decode("latin-1")
    if token is not NO_TOKEN and method not in ("GET", "HEAD") and path.startswith("/_faultbox/"):
        headers.setdefault("X-Faultbox-Token", token)
    headers.setdefault("Connection", "close")
    if body or method in ("POST", "PUT"):
        headers.setdefault("Content-Length", str(len(body)))
    head = f"{method} ".encode() + (target if isinstance(target, bytes) else target.encode()) + b" HTTP/1.1\r\n"
    for k, v in headers.items():
        head += k.encode() + b": " + (v if isinstance(v, bytes) else v.encode()) + b"\r\n"
    return raw(head + b"\r\n" + body)


def auth(service, region="eu-west-2"):
    return ("AWS4-HMAC-SHA256 Credential=test/20260101/" + region + "/" + service +
            "/aws4_request, SignedHeaders=host, Signature=0")


FORM = "application/x-www-form-urlencoded; charset=utf-8"


def query(service, params, region="eu-west-2"):
    body = params if isinstance(params, bytes) else params.encode()
    return request("POST", "/", {"Authorization": auth(service, region), "Content-Type": FORM}, body)


def json_call(service, target, body, version="1.1"):
    b = body if isinstance(body, bytes) else json.dumps(body).encode()
    return request("POST", "/", {"Authorization": auth(service), "X-Amz-Target": target,
                                 "Content-Type": f"application/x-amz-json-{version}"}, b)


def cbor_call(operation, body):
    return request("POST", f"/service/GraniteServiceVersion20100801/operation/{operation}",
                   {"Authorization": auth("monitoring"), "Content-Type": "application/cbor",
                    "Accept": "application/cbor", "smithy-protocol": "rpc-v2-cbor"}, body)


def fis(method, path, body=None, extra=None):
    headers = {"Authorization": auth("fis"), "Content-Type": "application/json"}
    headers.update(extra or {})
    b = body if isinstance(body, bytes) else (json.dumps(body).encode() if body is not None else b"")
    return request(method, path, headers, b)


# Shapes: what a message in each protocol's error envelope looks like.
def json_message(body, key="message"):
    doc = json.loads(body)
    return doc.get(key) or doc.get("Message") or ""


def shape_lab(status, headers, body):
    doc = json.loads(body)
    assert doc.get("__type"), doc
    return doc["message"]


def shape_rest_json(status, headers, body):
    assert headers.get("x-amzn-errortype"), headers
    return json_message(body)


def shape_json(status, headers, body):
    doc = json.loads(body)
    assert doc.get("__type"), doc
    return doc.get("message", "")


def shape_cbor(status, headers, body):
    assert headers.get("content-type") == "application/cbor", headers
    assert b"__type" in body, body
    m = re.search(rb"message.(.+)", body, re.S)
    return m.group(1).decode("utf-8", "replace") if m else ""


def xml_field(body, name):
    m = re.search(rf"<{name}>(.*?)</{name}>".encode(), body, re.S)
    return m.group(1).decode() if m else ""


def shape_ec2(status, headers, body):
    assert b"<Response><Errors><Error>" in body, body
    assert xml_field(body, "Code"), body
    return xml_field(body, "Message")


def shape_query(status, headers, body):
    assert b"<ErrorResponse" in body, body
    assert xml_field(body, "Code"), body
    return xml_field(body, "Message")


def shape_s3(status, headers, body):
    assert b"<Error>" in body, body
    assert xml_field(body, "Code"), body
    return xml_field(body, "Message")


def shape_text(status, headers, body):
    return body.decode()


CASES = []


def case(name, statuses, shape, send):
    CASES.append((name, statuses if isinstance(statuses, tuple) else (statuses,), shape, send))


# --- HTTP itself (answered by the server before any route) ---
case("100 KB header", 431, shape_lab, lambda: raw(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + b"a" * 100_000 + b"\r\n\r\n"))
case("10,000 headers", 431, shape_lab, lambda: raw(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n" + b"".join(b"X-%d: v\r\n" % i for i in range(10_000)) + b"\r\n"))
case("1 MB URL", 414, shape_lab, lambda: raw(b"GET /" + b"a" * 1_000_000 + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"))
case("20 MB body", 413, shape_lab, lambda: raw(b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 20000000\r\n\r\n" + b"a" * 20_000_000))
case("bad chunk size", 400, shape_lab, lambda: raw(b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nab\r\n0\r\n\r\n"))
case("chunk longer than said", 400, shape_lab, lambda: raw(b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabcdef\r\n0\r\n\r\n"))
case("HTTP/0.9", 400, shape_lab, lambda: raw(b"GET /\r\n\r\n"))
case("HTTP/2.0 in text", 505, shape_lab, lambda: raw(b"GET / HTTP/2.0\r\nHost: 127.0.0.1\r\n\r\n"))
case("HTTP/3.7", 505, shape_lab, lambda: raw(b"GET / HTTP/3.7\r\nHost: 127.0.0.1\r\n\r\n"))
case("unknown method", 501, shape_lab, lambda: raw(b"BREW / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"))
case("unknown transfer coding", 501, shape_lab, lambda: raw(b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: gzip\r\n\r\n"))
case("Content-Length not a number", 400, shape_lab, lambda: raw(b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: abc\r\n\r\n"))
case("two Content-Lengths", 400, shape_lab, lambda: raw(b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab"))
case("space in a header name", 400, shape_lab, lambda: raw(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Name: v\r\n\r\n"))
case("header without a colon", 400, shape_lab, lambda: raw(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nNoColon\r\n\r\n"))
case("control byte in the target", 400, shape_lab, lambda: raw(b"GET /a\x01b HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"))
case("NUL in a header value", 400, shape_lab, lambda: raw(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-A: a\x00b\r\n\r\n"))

# --- Text that is not UTF-8 (once: an uncaught exception that ended the lab) ---
case("raw 0xFF in the path", 400, shape_lab, lambda: raw(b"GET /x\xff HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"))
case("%FF in the path", 400, shape_lab, lambda: request("GET", "/x%FF"))
case("%ff in a lab query", 400, shape_lab, lambda: request("GET", "/_faultbox/actions?region=%ff"))
case("%C0%80 (overlong) in a lab query", 400, shape_lab, lambda: request("GET", "/_faultbox/instances?x=%C0%80"))
case("surrogate in a lab path", 400, shape_lab, lambda: request("GET", "/_faultbox/groups/%ED%A0%80"))
case("0xFF in an IMDS path", 400, shape_lab, lambda: request("GET", "/_imds/i-0/meta-data/%FF"))
case("0xFF in a console path", 400, shape_lab, lambda: request("GET", "/console/%FF.js"))
case("0xFF in a header on a lab route", 400, shape_lab, lambda: request("GET", "/_faultbox/health", {"X-Note": b"\xff"}))
case("X-Amz-Target with 0x80", 400, shape_rest_json, lambda: json_call("logs", b"Logs_20140328\x80.DescribeLogGroups", {}))
case("unknown X-Amz-Target prefix with 0xFF", 400, shape_rest_json, lambda: request("POST", "/", {"X-Amz-Target": b"Nope\xff.Op", "Content-Type": "application/x-amz-json-1.1"}, b"{}"))
case("SigV4 service with 0xFF", 400, shape_rest_json, lambda: request("GET", "/", {"Authorization": auth("e\xffc2".encode("latin-1").decode("latin-1")).encode("latin-1")}))
case("SigV4 region with 0xFF", 400, shape_ec2, lambda: request("POST", "/", {"Authorization": ("AWS4-HMAC-SHA256 Credential=test/20260101/eu\xff/ec2/aws4_request, SignedHeaders=host, Signature=0").encode("latin-1"), "Content-Type": FORM}, b"Action=DescribeInstances&Version=2016-11-15"))
case("EC2 form value %FF", 400, shape_ec2, lambda: query("ec2", "Action=DescribeInstances&Version=2016-11-15&InstanceId.1=i-%FF"))
case("EC2 tag key %FE", 400, shape_ec2, lambda: query("ec2", "Action=CreateTags&Version=2016-11-15&ResourceId.1=i-0&Tag.1.Key=%FE&Tag.1.Value=v"))
case("Auto Scaling form %FF", 400, shape_query, lambda: query("autoscaling", "Action=DescribeAutoScalingGroups&Version=2011-01-01&AutoScalingGroupNames.member.1=%FF"))
case("ELB form %FF", 400, shape_query, lambda: query("elasticloadbalancing", "Action=DescribeLoadBalancers&Version=2012-06-01&LoadBalancerNames.member.1=%FF"))
case("IAM form %FF", 400, shape_query, lambda: query("iam", "Action=GetRole&Version=2010-05-08&RoleName=%FF"))
case("STS form %FF", 400, shape_query, lambda: query("sts", "Action=GetCallerIdentity&Version=2011-06-15&X=%FF"))
case("CloudWatch query form %FF", 400, shape_query, lambda: query("monitoring", "Action=DescribeAlarms&Version=2010-08-01&AlarmNames.member.1=%FF"))
case("CloudWatch query: Action %FF", 400, shape_query, lambda: query("monitoring", "Action=Describe%FF&Version=2010-08-01"))
case("query string %FF on an AWS call", 400, shape_ec2, lambda: request("GET", "/?Action=DescribeInstances&Version=2016-11-15&Filter.1.Name=%FF", {"Authorization": auth("ec2")}))
case("FIS JSON body not UTF-8", 400, shape_rest_json, lambda: fis("POST", "/experimentTemplates", b'{"description": "\xff"}'))
case("FIS path %FF", 400, shape_rest_json, lambda: fis("GET", "/experimentTemplates/EXT%FF"))
case("Logs JSON body not UTF-8", 400, shape_json, lambda: json_call("logs", "Logs_20140328.DescribeLogGroups", b'{"logGroupNamePrefix": "\xff"}'))
case("CloudWatch JSON body not UTF-8", 400, shape_json, lambda: json_call("monitoring", "GraniteServiceVersion20100801.DescribeAlarms", b'{"AlarmNamePrefix": "\xfe"}', "1.0"))
case("lab stack request not UTF-8", 400, shape_lab, lambda: request("POST", "/_faultbox/stack/plan", {"Content-Type": "application/json"}, b'{"dir": "\xff"}'))
case("lab template request not UTF-8", 400, shape_lab, lambda: request("POST", "/_faultbox/templates", {"Content-Type": "application/json"}, b'{"description": "\xff"}'))

# --- JSON that is not what it should be ---
DEEP = b"[" * 100_000 + b"]" * 100_000
case("FIS body 100,000 deep", 400, shape_rest_json, lambda: fis("POST", "/experimentTemplates", DEEP))
case("FIS body not JSON", 400, shape_rest_json, lambda: fis("POST", "/experimentTemplates", b"{not json"))
case("FIS body an array", 400, shape_rest_json, lambda: fis("POST", "/experimentTemplates", b"[]"))
case("FIS body a string", 400, shape_rest_json, lambda: fis("POST", "/experimentTemplates", b'"x"'))
case("FIS create without fields", 400, shape_rest_json, lambda: fis("POST", "/experimentTemplates", {}))
case("FIS create with a number for description", 400, shape_rest_json, lambda: fis("POST", "/experimentTemplates", {"description": 5, "roleArn": "arn:aws:iam::000000000000:role/r", "stopConditions": [{"source": "none"}], "actions": {}}))
case("FIS unknown template", 404, shape_rest_json, lambda: fis("GET", "/experimentTemplates/EXT00000000000000"))
case("FIS unknown experiment", 404, shape_rest_json, lambda: fis("GET", "/experiments/EXP00000000000000"))
case("FIS unknown action", 404, shape_rest_json, lambda: fis("GET", "/actions/aws:nope:nothing"))
case("FIS unknown route", 404, shape_rest_json, lambda: fis("GET", "/nothing/here"))
case("FIS start without a template", 400, shape_rest_json, lambda: fis("POST", "/experiments", {"clientToken": "t"}))
case("FIS start an unknown template", (400, 404), shape_rest_json, lambda: fis("POST", "/experiments", {"clientToken": "t", "experimentTemplateId": "EXTnope"}))
case("FIS stop an unknown experiment", 404, shape_rest_json, lambda: fis("DELETE", "/experiments/EXPnope"))
case("FIS junk nextToken", 400, shape_rest_json, lambda: fis("GET", "/experimentTemplates?nextToken=junk"))
case("FIS maxResults 0", 400, shape_rest_json, lambda: fis("GET", "/experimentTemplates?maxResults=0"))
case("FIS maxResults text", 400, shape_rest_json, lambda: fis("GET", "/experimentTemplates?maxResults=abc"))
case("FIS tag an unknown resource", (400, 404), shape_rest_json, lambda: fis("POST", "/tags/arn:aws:fis:eu-west-2:000000000000:experiment-template/EXTnope", {"tags": {"a": "b"}}))
case("FIS template with 100 actions of unknown type", 400, shape_rest_json, lambda: fis("POST", "/experimentTemplates", {"description": "d", "roleArn": "arn:aws:iam::000000000000:role/r", "stopConditions": [{"source": "none"}], "actions": {f"a{i}": {"actionId": "aws:nope:x"} for i in range(100)}}))
case("Logs body 100,000 deep", 400, shape_json, lambda: json_call("logs", "Logs_20140328.DescribeLogGroups", DEEP))
case("Logs body not JSON", 400, shape_json, lambda: json_call("logs", "Logs_20140328.DescribeLogGroups", b"{"))
case("Logs body an array", 400, shape_json, lambda: json_call("logs", "Logs_20140328.DescribeLogGroups", b"[1]"))
case("Logs unknown operation", (400, 501), shape_json, lambda: json_call("logs", "Logs_20140328.Nothing", {}))
case("Logs create without a name", 400, shape_json, lambda: json_call("logs", "Logs_20140328.CreateLogGroup", {}))
case("Logs name of the wrong type", 400, shape_json, lambda: json_call("logs", "Logs_20140328.CreateLogGroup", {"logGroupName": 7}))
case("Logs delete an unknown group", 400, shape_json, lambda: json_call("logs", "Logs_20140328.DeleteLogGroup", {"logGroupName": "nope-nope"}))
case("CloudWatch JSON body 100,000 deep", 400, shape_json, lambda: json_call("monitoring", "GraniteServiceVersion20100801.DescribeAlarms", DEEP, "1.0"))
case("CloudWatch JSON unknown operation", (400, 501), shape_json, lambda: json_call("monitoring", "GraniteServiceVersion20100801.Nothing", {}, "1.0"))
case("CloudWatch JSON put alarm without fields", 400, shape_json, lambda: json_call("monitoring", "GraniteServiceVersion20100801.PutMetricAlarm", {}, "1.0"))
case("CloudWatch JSON Period 0", 400, shape_json, lambda: json_call("monitoring", "GraniteServiceVersion20100801.PutMetricAlarm", {"AlarmName": "a", "MetricName": "m", "Namespace": "n", "Statistic": "Sum", "Period": 0, "EvaluationPeriods": 1, "Threshold": 1, "ComparisonOperator": "GreaterThanThreshold"}, "1.0"))
case("CloudWatch JSON wrong type", 400, shape_json, lambda: json_call("monitoring", "GraniteServiceVersion20100801.PutMetricAlarm", {"AlarmName": ["a"]}, "1.0"))
case("CloudWatch CBOR not CBOR", 400, shape_cbor, lambda: cbor_call("DescribeAlarms", b"\xff\xff\xff"))
case("CloudWatch CBOR truncated", 400, shape_cbor, lambda: cbor_call("DescribeAlarms", b"\xbf\x69AlarmName"))
case("CloudWatch CBOR an array", 400, shape_cbor, lambda: cbor_call("DescribeAlarms", b"\x81\x01"))
case("CloudWatch CBOR string not UTF-8", 400, shape_cbor, lambda: cbor_call("DescribeAlarms", b"\xa1\x6fAlarmNamePrefix\x41\xff"[:0] + b"\xa1\x6fAlarmNamePrefix\x61\xff"))
case("CloudWatch CBOR unknown operation", (400, 501), shape_cbor, lambda: cbor_call("Nothing", b"\xa0"))

# --- Query protocols: operations, parameters ---
for service, version, shape in [("ec2", "2016-11-15", shape_ec2), ("autoscaling", "2011-01-01", shape_query),
                                ("elasticloadbalancing", "2012-06-01", shape_query), ("iam", "2010-05-08", shape_query),
                                ("sts", "2011-06-15", shape_query), ("monitoring", "2010-08-01", shape_query)]:
    case(f"{service}: unknown Action", (400, 501), shape, lambda s=service, v=version: query(s, f"Action=Nothing&Version={v}"))
    case(f"{service}: no Action", (400, 501), shape, lambda s=service, v=version: query(s, f"Version={v}"))
    case(f"{service}: empty Action", (400, 501), shape, lambda s=service, v=version: query(s, f"Action=&Version={v}"))
    case(f"{service}: Action 10,000 long", (400, 501), shape, lambda s=service, v=version: query(s, "Action=" + "A" * 10_000 + f"&Version={v}"))
    # EC2 answers every client error with 400; the others say 403, as for a bad signature.
    case(f"{service}: unknown region", 400 if service == "ec2" else 403, shape, lambda s=service, v=version: query(s, f"Action=Nothing&Version={v}", region="xx-nowhere-9"))
case("EC2 stop without ids", 400, shape_ec2, lambda: query("ec2", "Action=StopInstances&Version=2016-11-15"))
case("EC2 stop an unknown id", 400, shape_ec2, lambda: query("ec2", "Action=StopInstances&Version=2016-11-15&InstanceId.1=i-0123456789abcdef0"))
case("EC2 stop a malformed id", 400, shape_ec2, lambda: query("ec2", "Action=StopInstances&Version=2016-11-15&InstanceId.1=nope"))
case("EC2 MaxResults text", 400, shape_ec2, lambda: query("ec2", "Action=DescribeInstances&Version=2016-11-15&MaxResults=abc"))
case("EC2 MaxResults 100000", 400, shape_ec2, lambda: query("ec2", "Action=DescribeInstances&Version=2016-11-15&MaxResults=100000"))
case("EC2 junk NextToken", 400, shape_ec2, lambda: query("ec2", "Action=DescribeInstances&Version=2016-11-15&NextToken=junk"))
case("EC2 unknown filter", 400, shape_ec2, lambda: query("ec2", "Action=DescribeInstances&Version=2016-11-15&Filter.1.Name=nope&Filter.1.Value.1=x"))
case("EC2 terminate without ids", 400, shape_ec2, lambda: query("ec2", "Action=TerminateInstances&Version=2016-11-15"))
case("EC2 reboot a malformed id", 400, shape_ec2, lambda: query("ec2", "Action=RebootInstances&Version=2016-11-15&InstanceId.1=x-1"))
case("EC2 status with an unknown filter", 400, shape_ec2, lambda: query("ec2", "Action=DescribeInstanceStatus&Version=2016-11-15&Filter.1.Name=nope&Filter.1.Value.1=x"))
case("EC2 filter without a value", 400, shape_ec2, lambda: query("ec2", "Action=DescribeInstances&Version=2016-11-15&Filter.1.Name=instance-id"))
case("EC2 zones with an unknown filter", 400, shape_ec2, lambda: query("ec2", "Action=DescribeAvailabilityZones&Version=2016-11-15&Filter.1.Name=nope&Filter.1.Value.1=x"))
case("EC2 tags with an unknown filter", 400, shape_ec2, lambda: query("ec2", "Action=DescribeTags&Version=2016-11-15&Filter.1.Name=nope&Filter.1.Value.1=x"))
case("EC2 create 100 tags on nothing", 400, shape_ec2, lambda: query("ec2", "Action=CreateTags&Version=2016-11-15&ResourceId.1=i-0123456789abcdef0&" + "&".join(f"Tag.{i}.Key=k{i}&Tag.{i}.Value=v" for i in range(1, 101))))
case("Auto Scaling unknown group", 400, shape_query, lambda: query("autoscaling", "Action=SetDesiredCapacity&Version=2011-01-01&AutoScalingGroupName=nope&DesiredCapacity=1"))
case("Auto Scaling capacity text", 400, shape_query, lambda: query("autoscaling", "Action=SetDesiredCapacity&Version=2011-01-01&AutoScalingGroupName=nope&DesiredCapacity=abc"))
case("Auto Scaling junk NextToken", 400, shape_query, lambda: query("autoscaling", "Action=DescribeAutoScalingGroups&Version=2011-01-01&NextToken=junk"))
case("ELB unknown balancer", 400, shape_query, lambda: query("elasticloadbalancing", "Action=DescribeInstanceHealth&Version=2012-06-01&LoadBalancerName=nope"))
case("IAM role name 10,000 long", 400, shape_query, lambda: query("iam", "Action=CreateRole&Version=2010-05-08&RoleName=" + "r" * 10_000 + "&AssumeRolePolicyDocument=%7B%7D"))
case("IAM role name with a space", 400, shape_query, lambda: query("iam", "Action=CreateRole&Version=2010-05-08&RoleName=a+b&AssumeRolePolicyDocument=%7B%7D"))
case("IAM policy not JSON", 400, shape_query, lambda: query("iam", "Action=CreateRole&Version=2010-05-08&RoleName=r1&AssumeRolePolicyDocument=nope"))
case("IAM policy 100,000 deep", 400, shape_query, lambda: query("iam", "Action=CreateRole&Version=2010-05-08&RoleName=r2&AssumeRolePolicyDocument=" + "%5B" * 100_000 + "%5D" * 100_000))
case("IAM unknown role", (400, 404), shape_query, lambda: query("iam", "Action=GetRole&Version=2010-05-08&RoleName=nope-nope"))
case("IAM junk Marker", 400, shape_query, lambda: query("iam", "Action=ListRoles&Version=2010-05-08&Marker=junk"))
case("IAM policy name 200 long", 400, shape_query, lambda: query("iam", "Action=CreatePolicy&Version=2010-05-08&PolicyName=" + "p" * 200 + "&PolicyDocument=%7B%7D"))
case("CloudWatch Period 0", 400, shape_query, lambda: query("monitoring", "Action=PutMetricAlarm&Version=2010-08-01&AlarmName=a&MetricName=m&Namespace=n&Statistic=Sum&Period=0&EvaluationPeriods=1&Threshold=1&ComparisonOperator=GreaterThanThreshold"))
case("CloudWatch unknown statistic", 400, shape_query, lambda: query("monitoring", "Action=PutMetricAlarm&Version=2010-08-01&AlarmName=a&MetricName=m&Namespace=n&Statistic=Most&Period=10&EvaluationPeriods=1&Threshold=1&ComparisonOperator=GreaterThanThreshold"))
case("CloudWatch data without a namespace", 400, shape_query, lambda: query("monitoring", "Action=PutMetricData&Version=2010-08-01&MetricData.member.1.MetricName=m&MetricData.member.1.Value=1"))
case("CloudWatch value text", 400, shape_query, lambda: query("monitoring", "Action=PutMetricData&Version=2010-08-01&Namespace=n&MetricData.member.1.MetricName=m&MetricData.member.1.Value=abc"))
case("CloudWatch junk NextToken", 400, shape_query, lambda: query("monitoring", "Action=DescribeAlarms&Version=2010-08-01&NextToken=junk"))

# --- The lab's own routes ---
case("lab: unknown route", 404, shape_lab, lambda: request("GET", "/_faultbox/nothing"))
case("lab: stack request not JSON", 400, shape_lab, lambda: request("POST", "/_faultbox/stack/plan", {"Content-Type": "application/json"}, b"{"))
case("lab: stack request 100,000 deep", 400, shape_lab, lambda: request("POST", "/_faultbox/stack/plan", {"Content-Type": "application/json"}, DEEP))
case("lab: stack request without dir", 400, shape_lab, lambda: request("POST", "/_faultbox/stack/plan", {"Content-Type": "application/json"}, b"{}"))
case("lab: stack request files of the wrong type", 400, shape_lab, lambda: request("POST", "/_faultbox/stack/plan", {"Content-Type": "application/json"}, b'{"dir": "/tmp/x", "files": 5}'))
case("lab: unknown stack verb", (400, 404), shape_lab, lambda: request("POST", "/_faultbox/stack/explode", {"Content-Type": "application/json"}, b'{"dir": "/tmp/x"}'))
case("lab: instance action on nothing", (400, 404), shape_lab, lambda: request("POST", "/_faultbox/instances/i-nope/stop"))
case("lab: unknown instance action", (400, 404), shape_lab, lambda: request("POST", "/_faultbox/instances/i-nope/explode"))
case("lab: template body an array", 400, shape_lab, lambda: request("POST", "/_faultbox/templates", {"Content-Type": "application/json"}, b"[]"))
case("lab: IMDS of nobody", 404, shape_lab, lambda: request("GET", "/_imds/i-nope/meta-data/instance-id"))
case("lab: made-up region", 400, shape_lab, lambda: request("GET", "/_faultbox/alarms?region=xx-nowhere-9"))
case("lab: made-up region for templates", 400, shape_lab, lambda: request("GET", "/_faultbox/templates?region=mars-1"))
case("FIS: made-up region", 403, shape_rest_json, lambda: request("GET", "/experimentTemplates", {"Authorization": auth("fis", "xx-nowhere-9")}))
case("Logs: made-up region", 403, shape_json, lambda: request("POST", "/", {"Authorization": auth("logs", "xx-nowhere-9"), "X-Amz-Target": "Logs_20140328.DescribeLogGroups", "Content-Type": "application/x-amz-json-1.1"}, b"{}"))
case("S3: XML nested 100,000 deep", 400, shape_s3, lambda: request("POST", "/any-bucket?delete", {"Authorization": auth("s3"), "Content-Type": "application/xml"}, b"<a>" * 100_000 + b"</a>" * 100_000))
case("S3: a body that is not XML", 400, shape_s3, lambda: request("PUT", "/new-bucket-x", {"Authorization": auth("s3")}, b"<CreateBucketConfiguration><Loc"))
case("S3: %FF in a key", 400, shape_s3, lambda: request("GET", "/any-bucket/%FF", {"Authorization": auth("s3")}))
case("S3: max-keys -1", 400, shape_s3, lambda: request("GET", "/any-bucket?list-type=2&max-keys=-1", {"Authorization": auth("s3")}))
case("S3: a continuation token it never gave", 400, shape_s3, lambda: request("GET", "/any-bucket?list-type=2&continuation-token=junk", {"Authorization": auth("s3")}))
case("S3: bucket name S3 refuses", 400, shape_s3, lambda: request("PUT", "/Bad_Bucket", {"Authorization": auth("s3")}))
lambda_auth = {"Authorization": auth("lambda"), "Content-Type": "application/json"}
case("Lambda: invoke a function that is not there", 404, shape_rest_json, lambda: request("POST", "/2015-03-31/functions/nowhere/invocations", lambda_auth, b"{}"))
case("Lambda: a payload that is not JSON", 400, shape_rest_json, lambda: request("POST", "/2015-03-31/functions/nowhere/invocations", lambda_auth, b"{not json"))
case("Lambda: a payload nested 100,000 deep", 400, shape_rest_json, lambda: request("POST", "/2015-03-31/functions/nowhere/invocations", lambda_auth, b"[" * 100_000 + b"]" * 100_000))
case("Lambda: a version the lab does not publish", 404, shape_rest_json, lambda: request("GET", "/2015-03-31/functions/nowhere?Qualifier=7", lambda_auth))
case("Lambda: CreateFunction without code", 400, shape_rest_json, lambda: request("POST", "/2015-03-31/functions", lambda_auth, b'{"FunctionName": "f", "Runtime": "python3.12", "Role": "arn:aws:iam::000000000000:role/r", "Handler": "a.b"}'))
case("Lambda: CreateFunction with a zip that is not base64", 400, shape_rest_json, lambda: request("POST", "/2015-03-31/functions", lambda_auth, b'{"FunctionName": "f", "Code": {"ZipFile": "%%%"}}'))
case("Lambda: MaxItems that is not a number", 400, shape_rest_json, lambda: request("GET", "/2015-03-31/functions?MaxItems=lots", lambda_auth))
case("Lambda console: a test event for a function that is not there", 404, shape_lab, lambda: request("PUT", "/_faultbox/lambda/functions/nowhere/test-events/x", {"Content-Type": "application/json"}, b"{not json"))
case("Lambda code: a name that is not a hash", 404, shape_lab, lambda: request("GET", "/_faultbox/lambda-code/..%2F..%2Flab.json"))


def identities(doc):
    """The names and ids in a view (not its clocks and counters, which move on their own)."""
    if isinstance(doc, list):
        return sorted((identities(d) for d in doc), key=json.dumps)
    if isinstance(doc, dict):
        return {k: identities(v) for k, v in doc.items()
                if isinstance(v, (dict, list)) or re.search(r"(Id|Name|^id|^name|Arn)$", k)}
    return doc


def console_token():
    """The token the console's page carries."""
    _, _, page = request("GET", "/")
    return re.search(rb'name="faultbox-token" content="([0-9a-f]+)"', page).group(1).decode()


# --- Who may act through the lab (a web page in the user's browser, another user) ---
case("lab: a change without a token", 403, shape_lab, lambda: request("POST", "/_faultbox/instances/i-nope/stop", token=NO_TOKEN))
case("lab: a change with a guessed token", 403, shape_lab, lambda: request("POST", "/_faultbox/instances/i-nope/stop", token="0" * 32))
case("lab: shutdown with the console's token", 403, shape_lab, lambda: request("POST", "/_faultbox/shutdown", token=console_token()))
case("lab: shutdown without a token", 403, shape_lab, lambda: request("POST", "/_faultbox/shutdown", token=NO_TOKEN))
case("lab: a form from another site", 403, shape_lab, lambda: request("POST", "/_faultbox/templates", {"Origin": "http://evil.example", "Content-Type": "text/plain"}, b'{"description": "x"}'))
case("lab: an <img> from another site", 403, shape_lab, lambda: request("GET", "/_faultbox/instances", {"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "no-cors"}))
case("lab: DNS rebinding (Host evil.example)", 403, shape_lab, lambda: request("GET", "/_faultbox/instances", {"Host": f"evil.example:{PORT}"}))
case("AWS: DNS rebinding (Host evil.example)", 403, shape_lab, lambda: request("POST", "/", {"Host": f"evil.example:{PORT}", "Authorization": auth("ec2"), "Content-Type": FORM}, b"Action=StopInstances&Version=2016-11-15&InstanceId.1=i-0"))
case("AWS: a fetch from another site", 403, shape_lab, lambda: request("POST", "/", {"Origin": "http://evil.example", "Authorization": auth("ec2"), "Content-Type": FORM}, b"Action=StopInstances&Version=2016-11-15&InstanceId.1=i-0"))


def state():
    """What the lab holds, to compare before and after."""
    out = {}
    for path in ["/_faultbox/instances", "/_faultbox/groups", "/_faultbox/lbs", "/_faultbox/templates",
                 "/_faultbox/roles", "/_faultbox/regions"]:
        status, _, body = request("GET", path)
        assert status == 200, (path, status, body[:200])
        out[path] = identities(json.loads(body))
    return out


before = state()
failures = []
for name, statuses, shape, send in CASES:
    try:
        status, headers, body = send()
        message = shape(status, headers, body)
        ok = status in statuses and message.strip() != ""
        print(f"{'ok ' if ok else 'BAD'} {status} {name}: {message[:100]}")
        if not ok:
            failures.append(f"{name}: got {status} (want {statuses}), message {message[:200]!r}")
    except Exception as e:  # a shape that does not parse, a connection that closed silently
        print(f"BAD {name}: {type(e).__name__}: {str(e)[:200]}")
        failures.append(f"{name}: {type(e).__name__}: {str(e)[:200]}")
    health, _, _ = request("GET", "/_faultbox/health")
    if health != 200:
        failures.append(f"the lab stopped answering after: {name}")
        break
after = state()
if after != before:
    changed = [path for path in before if before[path] != after[path]]
    failures.append(f"the lab's state changed: {changed}")
print(f"{len(CASES)} bad requests, {len(failures)} answered wrongly")
for f in failures:
    print("  " + f)
sys.exit(1 if failures else 0)
