#!/usr/bin/env bash
# GET /metrics: the lab's CloudWatch metrics in Prometheus' text format, read here with the
# Prometheus client library's own parser (Debian's python3-prometheus-client, hence Debian's
# python3): the workshop's load balancer reports its requests and its 3 healthy hosts, labelled
# by region and load balancer, as CloudWatch gauges and as the lab's own counters.
source "$(dirname "$0")/lib.sh"
export FAULTBOX_SPEED=10
use_workshop_step step03
fb apply --auto-approve -var-file=../common/common.tfvars >/dev/null
wait_in_service 3
url=$(fb --output json output | json 'd["outputs"]["elb_url"]["value"]')
for _ in $(seq 20); do curl -sf -o /dev/null "$url/" || fail "the load balancer did not answer"; done
sleep 1.5  # the load balancer's counters reach the metric store each second
/usr/bin/python3 - "http://127.0.0.1:$FAULTBOX_PORT/metrics" <<'PY' || fail "/metrics is not what Prometheus reads"
import sys, urllib.request
from prometheus_client.parser import text_string_to_metric_families
with urllib.request.urlopen(sys.argv[1]) as answer:
    assert answer.headers["Content-Type"].startswith("text/plain; version=0.0.4"), answer.headers
    text = answer.read().decode()
samples = {}
types = {}
for family in text_string_to_metric_families(text):
    types[family.name] = family.type
    assert family.type in ("gauge", "counter", "summary"), (family.name, family.type)
    assert family.type == "gauge" or family.name.startswith("faultbox_"), family.name
    for s in family.samples:
        samples[(s.name, tuple(sorted(s.labels.items())))] = s.value
lb = (("aws_region", "eu-west-2"), ("load_balancer_name", "step03-funky-elb"))
healthy = samples.get(("aws_elb_healthy_host_count_maximum", lb))
assert healthy == 3, ("healthy hosts", healthy, sorted(k for k in samples if "healthy" in k[0]))
assert ("aws_elb_request_count_sum", lb) in samples, sorted(k[0] for k in samples)
assert types["faultbox_elb_http_code_elb_5xx"] == "counter", types
requests = samples.get(("faultbox_elb_request_count_total", lb))
assert requests >= 20, ("requests counted", requests)
assert samples.get(("faultbox_elb_healthy_hosts", lb)) == 3
running = sum(v for (name, labels), v in samples.items()
              if name == "faultbox_instances" and ("state", "running") in labels)
assert running == 3, ("running instances", running)
print(f"{len(samples)} samples; healthy hosts {healthy}; requests {requests}")
PY
echo "metrics: ok"
