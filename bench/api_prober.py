#!/usr/bin/env python3
"""Measures how fast the lab answers its own API while the bench loads the machine.

    api_prober.py ENDPOINT OUT.tsv ALARM TEMPLATE_ID PANDA [PERIOD_S=0.1]

Every PERIOD_S (wall clock) it makes one call, of each kind in turn, with boto3 as a user's
script would (one attempt, no retries, 30 s time-out), and appends "wall_time kind ms ok" to
OUT.tsv. One call at a time, so that the probe measures the lab without being much of its load (at
0.05 s, 20 calls a second, 4 of them writes, against a workshop's hundreds of instances and
clients):

  health     GET /_faultbox/health (the CLI's liveness call), plain http.client
  alarms     CloudWatch DescribeAlarms for one alarm (query protocol)
  instances  EC2 DescribeInstances filtered on one participant's Panda tag (query protocol)
  template   FIS GetExperimentTemplate (REST JSON)
  tag        FIS TagResource on that template: a write, durable before it is answered

It runs until SIGTERM. Only 127.0.0.0/8.
"""
import http.client
import signal
import sys
import time
import urllib.parse

import boto3
from botocore.config import Config


def main():
    endpoint, out_path, alarm, template_id, panda = sys.argv[1:6]
    period = float(sys.argv[6]) if len(sys.argv) > 6 else 0.1
    host = urllib.parse.urlparse(endpoint)
    config = Config(retries={"max_attempts": 1, "mode": "standard"},
                    connect_timeout=30, read_timeout=30)
    session = boto3.session.Session(aws_access_key_id="test", aws_secret_access_key="test",
                                    region_name="eu-west-2")
    cloudwatch = session.client("cloudwatch", endpoint_url=endpoint, config=config)
    ec2 = session.client("ec2", endpoint_url=endpoint, config=config)
    fis = session.client("fis", endpoint_url=endpoint, config=config)
    template_arn = fis.get_experiment_template(id=template_id)["experimentTemplate"]["arn"]

    def health():
        conn = http.client.HTTPConnection(host.hostname, host.port, timeout=30)
        try:
            conn.request("GET", "/_faultbox/health")
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                raise RuntimeError(f"HTTP {response.status}")
        finally:
            conn.close()

    counter = [0]

    def tag():
        counter[0] += 1
        fis.tag_resource(resourceArn=template_arn, tags={"probe": str(counter[0])})

    calls = [
        ("health", health),
        ("alarms", lambda: cloudwatch.describe_alarms(AlarmNames=[alarm])),
        ("instances", lambda: ec2.describe_instances(
            Filters=[{"Name": "tag:Panda", "Values": [panda]}])),
        ("template", lambda: fis.get_experiment_template(id=template_id)),
        ("tag", tag),
    ]
    running = [True]
    signal.signal(signal.SIGTERM, lambda *_: running.__setitem__(0, False))
    with open(out_path, "a", buffering=1) as out:
        next_round = time.monotonic()
        turn = 0
        while running[0]:
            kind, call = calls[turn % len(calls)]
            turn += 1
            started = time.monotonic()
            ok = 1
            try:
                call()
            except Exception as error:  # a failed call is recorded, the probe goes on
                ok = 0
                print(f"{kind}: {error}", file=sys.stderr)
            ms = (time.monotonic() - started) * 1000.0
            out.write(f"{time.time():.3f}\t{kind}\t{ms:.2f}\t{ok}\n")
            next_round += period
            time.sleep(max(0.0, next_round - time.monotonic()))


if __name__ == "__main__":
    main()
