"""Compares what the aws CLI printed with what the faultbox CLI printed for the same resource.

    python3 same_as_lab.py AWS_JSON LAB_JSON KEY

The aws CLI 1.x prints timestamps as the wire has them (epoch seconds); 2.x prints them in
ISO 8601, so a string that parses as a time equals the number of the same instant. An older
CLI's service model leaves out fields added to the API since (Debian's 2.9 knows no template
`arn` or `experimentOptions`), so the lab may hold fields the CLI does not show, never the
other way round, and never different values.
"""
import datetime
import json
import sys


def as_epoch(value):
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, str):
        try:
            return datetime.datetime.fromisoformat(value).timestamp()
        except ValueError:
            return None
    return None


def check(aws, lab, where):
    if isinstance(aws, dict) and isinstance(lab, dict):
        for key, value in aws.items():
            assert key in lab, f"{where}.{key}: the aws CLI shows it, the lab does not"
            check(value, lab[key], f"{where}.{key}")
    elif isinstance(aws, list) and isinstance(lab, list):
        assert len(aws) == len(lab), f"{where}: {len(aws)} items against {len(lab)}"
        for i, (a, b) in enumerate(zip(aws, lab)):
            check(a, b, f"{where}[{i}]")
    elif aws != lab:
        a, b = as_epoch(aws), as_epoch(lab)
        assert a is not None and b is not None and abs(a - b) < 0.001, f"{where}: {aws!r} != {lab!r}"


if __name__ == "__main__":
    aws_file, lab_file, key = sys.argv[1:4]
    aws = json.load(open(aws_file))[key]
    lab = json.load(open(lab_file))[key]
    check(aws, lab, key)
