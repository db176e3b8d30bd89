#!/usr/bin/env bash
# Debian's Prometheus scrapes a lab's GET /metrics every second while the workshop's step03
# experiment takes every instance down (selection ALL): the load balancer's HTTPCode_ELB_5XX
# counter rises, in /metrics and through Prometheus' own HTTP API; the alarm's state and the
# experiment's reach Prometheus too; and every query of examples/grafana/'s dashboard answers
# with data from that Prometheus. A missing prometheus fails the test (scripts/setup.sh --tests
# installs it).
source "$(dirname "$0")/lib.sh"
export FAULTBOX_SPEED=10
PROMETHEUS=${PROMETHEUS:-/usr/bin/prometheus}
[ -x "$PROMETHEUS" ] || fail "no prometheus at $PROMETHEUS (run scripts/setup.sh --tests)"
use_workshop_step step03
fb apply --auto-approve -var-file=../common/common.tfvars >/dev/null
wait_in_service 3
url=$(fb --output json output | json 'd["outputs"]["elb_url"]["value"]')
lb=step03-funky-elb
counter="faultbox_elb_http_code_elb_5xx_total{load_balancer_name=\"$lb\"}"

prom_port=$(free_port)
cat >"$WORK/prometheus.yml" <<EOF
global:
  scrape_interval: 1s
  evaluation_interval: 1s
scrape_configs:
  - job_name: faultbox
    static_configs:
      - targets: ["127.0.0.1:$FAULTBOX_PORT"]
EOF
"$PROMETHEUS" --config.file="$WORK/prometheus.yml" --storage.tsdb.path="$WORK/prometheus-data" \
  --web.listen-address="127.0.0.1:$prom_port" >"$WORK/prometheus.log" 2>&1 &
PROM_PID=$!
STARTED_PIDS+=($PROM_PID)
# Stopped and waited for before lib.sh's cleanup removes its data directory.
stop_prometheus() {
  kill "$PROM_PID" 2>/dev/null || true
  wait "$PROM_PID" 2>/dev/null || true
}
# Without errexit in the trap, so that lib.sh's cleanup always runs and gets the test's status.
trap 'rc=$?; set +e; stop_prometheus; [ $rc -eq 0 ] || tail -n 20 "$WORK/prometheus.log"
      (exit $rc); cleanup' EXIT

# promql EXPR: Prometheus' answer to an instant query; fails unless its status is success.
promql() {
  python3 - "http://127.0.0.1:$prom_port/api/v1/query" "$1" <<'PY'
import json, sys, urllib.parse, urllib.request
query = urllib.parse.urlencode({"query": sys.argv[2]})
with urllib.request.urlopen(sys.argv[1] + "?" + query, timeout=5) as answer:
    d = json.load(answer)
assert d["status"] == "success", d
print(json.dumps(d["data"]["result"]))
PY
}
# The largest value of an instant query's series ("none" without a series).
promql_max() {
  promql "$1" | json 'max((float(s["value"][1]) for s in d), default="none")'
}
# The 5XX counter's value in the lab's own /metrics.
metrics_5xx() {
  curl -sf "http://127.0.0.1:$FAULTBOX_PORT/metrics" |
    awk -v lb="load_balancer_name=\"$lb\"" \
      '/^faultbox_elb_http_code_elb_5xx_total\{/ && index($1, lb) { print $2 }'
}

for _ in $(seq 100); do
  curl -sf "http://127.0.0.1:$prom_port/-/ready" >/dev/null 2>&1 && break
  sleep 0.2
done
for _ in $(seq 100); do
  [ "$(promql_max "$counter" 2>/dev/null)" = "0.0" ] && break
  sleep 0.2
done
[ "$(promql_max "$counter")" = "0.0" ] ||
  fail "Prometheus has no $counter at 0 before the experiment: $(promql "$counter")"
before=$(metrics_5xx)
[ "$before" = 0 ] || fail "/metrics shows $counter = '$before' before the experiment"

# Run 2 of the workshop: every instance stops, with traffic through the load balancer.
"$FAULTBOX" "${D[@]}" traffic "$url/" --duration 60s >traffic.out 2>&1 &
traffic=$!
STARTED_PIDS+=($traffic)
template=$(fb templates create --file file://templates/stop-two-instances.json)
fb templates update "$template" --selection-mode step03-instances=ALL >/dev/null
experiment=$(fb experiments start "$template" | sed -n 's/^started //p')
[ -n "$experiment" ] || fail "the experiment did not start"
status() { fb --output json experiments get "$experiment" | json 'd["experiment"]["state"]["status"]'; }

# During the outage: the counter rises in /metrics, then Prometheus has it above 0.
seen=() last=0 prom_5xx=none
for _ in $(seq 150); do
  value=$(metrics_5xx)
  if [ -n "$value" ] && [ "$value" != "$last" ]; then
    seen+=("$value")
    last=$value
  fi
  prom_5xx=$(promql_max "$counter")
  [ "$prom_5xx" != none ] && [ "${prom_5xx%.*}" -gt 0 ] && [ ${#seen[@]} -ge 2 ] && break
  sleep 0.2
done
state_then=$(status)
echo "/metrics $counter went ${before} -> ${seen[*]}; Prometheus has ${prom_5xx} (experiment $state_then)"
[ ${#seen[@]} -ge 2 ] || fail "the 5XX counter did not rise in /metrics: ${seen[*]:-nothing}"
[ "$prom_5xx" != none ] && [ "${prom_5xx%.*}" -gt 0 ] ||
  fail "Prometheus' $counter did not rise above 0: $(promql "$counter")"
cloudwatch=$(promql_max "aws_elb_http_code_elb_5xx_sum{load_balancer_name=\"$lb\"}")
echo "Prometheus: CloudWatch's newest HTTPCode_ELB_5XX second (Sum) $cloudwatch"
[ "$cloudwatch" != none ] || fail "Prometheus has no aws_elb_http_code_elb_5xx_sum"

# The alarm fires and the stop condition stops the experiment; Prometheus sees both.
for _ in $(seq 200); do
  [ "$(status)" = stopped ] && break
  sleep 0.2
done
[ "$(status)" = stopped ] || fail "the experiment should end stopped, it is $(status)"
sleep 2  # two scrapes
alarmed=$(promql_max 'max_over_time(faultbox_alarm_state{alarm_name="funky-elb-alarm",state="ALARM"}[5m])')
[ "$alarmed" = "1.0" ] || fail "Prometheus never saw the alarm in ALARM: $alarmed"
[ "$(promql_max 'faultbox_experiments{state="stopped"}')" = "1.0" ] ||
  fail "Prometheus does not count the stopped experiment: $(promql 'faultbox_experiments')"
rate=$(promql_max "increase(${counter}[5m])")
echo "Prometheus: the alarm was in ALARM; increase of the 5XX counter over 5 minutes $rate"

# Every query of the dashboard, as Grafana would send it (All load balancers), has data.
for dashboard in "$REPO_ROOT"/examples/grafana/*.json; do
  python3 -c '
import json, sys
for panel in json.load(open(sys.argv[1]))["panels"]:
    for target in panel.get("targets", []):
        print(target["expr"].replace("$__rate_interval", "30s").replace("$load_balancer", ".*"))
' "$dashboard" >queries.txt
  [ -s queries.txt ] || fail "$dashboard has no queries"
  while IFS= read -r expr; do
    series=$(promql "$expr" | json 'len(d)') || fail "Prometheus refused the query: $expr"
    [ "$series" -gt 0 ] || fail "no data for the dashboard's query: $expr"
  done <queries.txt
  echo "$(basename "$dashboard"): $(wc -l <queries.txt) queries, each with data"
done

kill -TERM "$traffic"
wait "$traffic" || true
stop_prometheus
echo "prometheus: ok"
