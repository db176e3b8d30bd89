"""Checks raw AWS responses against botocore's output shapes: every member known to the model,
with the model's type (json: JSON types, timestamps as epoch seconds; query: XML elements, lists
as <member> items, scalars that parse as their type). Use watch(client) to check every
successful call of a boto3 client; `checked` lists the operations seen."""
import datetime as dt
import json
import xml.etree.ElementTree as ET

checked = []

# Members the services gained after Debian 12's botocore (1.29): the only ones a model may lack.
ADDED_SINCE_BOTOCORE_1_29 = {
    "ExperimentTemplate": {"arn", "experimentOptions", "targetAccountConfigurationsCount",
                           "experimentReportConfiguration"},
    "Experiment": {"arn", "experimentOptions", "targetAccountConfigurationsCount",
                   "experimentReportConfiguration"},
    "ExperimentTemplateSummary": {"arn"},
    "ExperimentSummary": {"arn", "experimentOptions"},
    "ActionSummary": {"arn"},
    "Action": {"arn"},
    "TargetResourceType": {"arn"},
    "TargetResourceTypeSummary": {"arn"},
    "MetricAlarm": {"StateTransitionedTimestamp"},
    "CreateExperimentTemplateRequest": {"experimentOptions", "experimentReportConfiguration"},
}


def known(shape, member, where):
    """True when the model has the member; False for one it is too old to have."""
    if member in shape.members:
        return True
    assert member in ADDED_SINCE_BOTOCORE_1_29.get(shape.name, ()), f"{where}.{member} is not in {shape.name}"
    return False


def fits_json(shape, value, where):
    t = shape.type_name
    if t == "structure":
        assert isinstance(value, dict), where
        for k, v in value.items():
            if known(shape, k, where):
                fits_json(shape.members[k], v, f"{where}.{k}")
    elif t == "list":
        assert isinstance(value, list), where
        for n, v in enumerate(value):
            fits_json(shape.member, v, f"{where}[{n}]")
    elif t == "map":
        assert isinstance(value, dict), where
        for k, v in value.items():
            fits_json(shape.value, v, f"{where}.{k}")
    elif t == "string":
        assert isinstance(value, str), where
    elif t in ("integer", "long"):
        assert isinstance(value, int) and not isinstance(value, bool), where
    elif t in ("double", "float"):
        assert isinstance(value, (int, float)) and not isinstance(value, bool), where
    elif t == "boolean":
        assert isinstance(value, bool), where
    elif t == "timestamp":
        assert isinstance(value, (int, float)), f"{where}: json timestamps are epoch seconds"


def local(tag):
    return tag.rsplit("}", 1)[-1]


def fits_xml(shape, node, where):
    t = shape.type_name
    if t == "structure":
        for child in node:
            name = local(child.tag)
            if known(shape, name, where):
                fits_xml(shape.members[name], child, f"{where}.{name}")
    elif t == "list":
        item = shape.member.serialization.get("name", "member")
        for n, child in enumerate(node):
            assert local(child.tag) == item, f"{where}: list item <{local(child.tag)}>"
            fits_xml(shape.member, child, f"{where}[{n}]")
    elif t == "map":
        raise AssertionError(f"{where}: maps are not expected here")
    else:
        text = node.text or ""
        if t in ("integer", "long"):
            int(text)
        elif t in ("double", "float"):
            float(text)
        elif t == "boolean":
            assert text in ("true", "false"), f"{where}: {text!r}"
        elif t == "timestamp":
            dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def protocol_of(service):
    """The protocol botocore talks; older botocore (Debian 12's 1.29) has one per model."""
    return getattr(service, "resolved_protocol", service.protocol)


def watch(client):
    service = client.meta.service_model
    protocol = protocol_of(service)

    def check(http_response, model, **_):
        if http_response.status_code != 200 or model.output_shape is None:
            return
        body = http_response.content or b""
        if protocol == "query":
            root = ET.fromstring(body)
            result = [c for c in root if local(c.tag) == model.name + "Result"]
            assert len(result) <= 1, model.name
            if result:
                fits_xml(model.output_shape, result[0], model.name)
        elif protocol in ("json", "rest-json"):
            fits_json(model.output_shape, json.loads(body or b"{}"), model.name)
        else:
            return  # rpc-v2-cbor: the same handler output as json, checked there
        checked.append(f"{service.service_name}.{model.name}")

    client.meta.events.register(f"after-call.{service.service_id.hyphenize()}", check)
    return client
