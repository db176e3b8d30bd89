"""CloudWatch through boto3 over each of its protocols (rpc-v2-cbor, json, query): metrics in,
statistics out, alarm life cycle, errors. Raw bodies of json responses are checked against the
model's output shapes. Usage: cloudwatch_protocols.py ENDPOINT [PROTOCOL...]"""
import datetime as dt
import sys
import uuid

import boto3
import botocore.model
from botocore.exceptions import ClientError

import model_shapes

endpoint = sys.argv[1]


def offered_protocols():
    # CloudWatch's model lists rpc-v2-cbor and json beside query since 2025; older botocore
    # (Debian 12's 1.29) knows query only and has no list.
    model = boto3.client("cloudwatch", endpoint_url=endpoint, region_name="eu-west-2").meta.service_model
    return model.metadata.get("protocols", [model.protocol])


protocols = sys.argv[2:] or [p for p in ["smithy-rpc-v2-cbor", "json", "query"] if p in offered_protocols()]
print("protocols:", " ".join(protocols))


def client(protocol):
    # botocore picks the first protocol of its priority list the model offers: narrow the list.
    botocore.model.PRIORITY_ORDERED_SUPPORTED_PROTOCOLS = (protocol,)
    c = boto3.client("cloudwatch", endpoint_url=endpoint, region_name="eu-west-2")
    assert model_shapes.protocol_of(c.meta.service_model) == protocol
    return model_shapes.watch(c)


def expect_error(code, call, *args, **kwargs):
    try:
        call(*args, **kwargs)
    except ClientError as e:
        assert e.response["Error"]["Code"] == code, (code, e.response)
        return e.response
    raise AssertionError(f"{call.__name__} should fail with {code}")


for protocol in protocols:
    cw = client(protocol)
    run = uuid.uuid4().hex[:8]
    ns, metric = f"Faultbox/Test{run}", "Latency"
    dims = [{"Name": "Service", "Value": "web"}]
    # Lab time may run ahead of the wall clock: stamp the data, and ask around it.
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    cw.put_metric_data(Namespace=ns, MetricData=[
        {"MetricName": metric, "Dimensions": dims, "Timestamp": now, "Value": 10.0},
        {"MetricName": metric, "Dimensions": dims, "Timestamp": now, "Value": 30.0},
        {"MetricName": metric, "Dimensions": dims, "Timestamp": now - dt.timedelta(minutes=1),
         "StatisticValues": {"SampleCount": 2, "Sum": 8, "Minimum": 3, "Maximum": 5}},
    ])
    start, end = now - dt.timedelta(minutes=10), now + dt.timedelta(minutes=10)
    stats = cw.get_metric_statistics(Namespace=ns, MetricName=metric, Dimensions=dims,
                                     StartTime=start, EndTime=end, Period=60,
                                     Statistics=["Average", "Maximum", "SampleCount"])
    points = sorted(stats["Datapoints"], key=lambda p: p["Timestamp"])
    assert stats["Label"] == metric, stats
    assert [(p["SampleCount"], p["Maximum"], p["Average"]) for p in points] == \
        [(2.0, 5.0, 4.0), (2.0, 30.0, 20.0)], points
    assert all(isinstance(p["Timestamp"], dt.datetime) for p in points)
    assert points[1]["Timestamp"] == now.replace(second=0), (points, now)

    data = cw.get_metric_data(StartTime=start, EndTime=end, MetricDataQueries=[{
        "Id": "m1", "MetricStat": {"Metric": {"Namespace": ns, "MetricName": metric,
                                              "Dimensions": dims},
                                   "Period": 60, "Stat": "Sum"}}])
    r = data["MetricDataResults"][0]
    assert r["Id"] == "m1" and r["StatusCode"] == "Complete", r
    assert r["Values"] == [40.0, 8.0], r  # newest first
    assert r["Timestamps"][0] > r["Timestamps"][1]

    listed = cw.list_metrics(Namespace=ns)["Metrics"]
    assert listed == [{"Namespace": ns, "MetricName": metric, "Dimensions": dims}], listed

    alarm = f"test-alarm-{run}"
    cw.put_metric_alarm(AlarmName=alarm, Namespace=ns, MetricName=metric, Dimensions=dims,
                        Statistic="Maximum", Period=60, EvaluationPeriods=1, Threshold=100.0,
                        ComparisonOperator="GreaterThanThreshold", TreatMissingData="ignore")
    alarms = cw.describe_alarms(AlarmNames=[alarm])["MetricAlarms"]
    assert len(alarms) == 1 and alarms[0]["Threshold"] == 100.0, alarms
    assert alarms[0]["Dimensions"] == dims and alarms[0]["Period"] == 60, alarms
    assert isinstance(alarms[0]["AlarmConfigurationUpdatedTimestamp"], dt.datetime)
    cw.set_alarm_state(AlarmName=alarm, StateValue="ALARM", StateReason="testing",
                       StateReasonData='{"by": "test"}')
    assert cw.describe_alarms(AlarmNamePrefix=alarm, StateValue="ALARM")["MetricAlarms"][0][
        "StateReason"] == "testing"
    history = cw.describe_alarm_history(AlarmName=alarm)["AlarmHistoryItems"]
    kinds = [h["HistoryItemType"] for h in history]
    assert "StateUpdate" in kinds and "ConfigurationUpdate" in kinds, history
    assert history[0]["Timestamp"] >= history[-1]["Timestamp"]  # newest first
    only_state = cw.describe_alarm_history(AlarmName=alarm, HistoryItemType="StateUpdate")
    assert all(h["HistoryItemType"] == "StateUpdate" for h in only_state["AlarmHistoryItems"])

    # Errors in each protocol's envelope, with CloudWatch's query codes.
    expect_error("ResourceNotFound", cw.set_alarm_state, AlarmName=f"nope-{run}",
                 StateValue="OK", StateReason="x")
    expect_error("ResourceNotFound", cw.delete_alarms, AlarmNames=[f"nope-{run}"])
    expect_error("InvalidParameterValue", cw.put_metric_data, Namespace="AWS/EC2",
                 MetricData=[{"MetricName": "x", "Value": 1}])
    expect_error("InvalidParameterValue", cw.get_metric_statistics, Namespace=ns,
                 MetricName=metric, StartTime=start, EndTime=end, Period=7,
                 Statistics=["Sum"])
    err = expect_error("NotImplemented", cw.list_dashboards)
    assert "ListDashboards" in err["Error"]["Message"], err
    cw.delete_alarms(AlarmNames=[alarm])
    assert cw.describe_alarms(AlarmNames=[alarm])["MetricAlarms"] == []
    print(f"cloudwatch {protocol}: ok")
# Every operation's raw json and query bodies fit the model's output shapes.
seen = {name.split(".")[1] for name in model_shapes.checked}
# (PutMetricAlarm, DeleteAlarms, SetAlarmState and PutMetricData have no output shape.)
wanted = {"DescribeAlarms", "DescribeAlarmHistory", "GetMetricStatistics", "GetMetricData",
          "ListMetrics"}
if {"json", "query"} & set(protocols):
    assert wanted <= seen, (wanted - seen, seen)
print(f"shapes checked: {len(model_shapes.checked)} responses")
