#!/usr/bin/env python3
"""Where the slowest requests of bench/tail.sh came from. Input: TSV lines of label, repetition,
connections, CSV path (request_log's output), and the machine's steal and total CPU ticks during
the run. Per target, medians over the repetitions of rps,
p50, p90, p99, p99.9, and of two shares of the slowest 1% (the answers over the run's p99):
on the one backend that had most of them (1/3 when slowness is spread evenly; near 1 when one
backend at a time stalls), and in stalls (milliseconds in which at least half the connections
got a slow answer: the load balancer or the client was off the CPU), and the share of the CPU the
hypervisor took (steal). Then faultbox's p99 over
each other target's: of the medians, and paired (median of the per-repetition ratios)."""
import csv
import statistics
import sys
from collections import Counter, defaultdict

from steal import print_steal_note, steal_percent

WARM_UP = 0.2  # seconds: connections to backends are still being opened


def percentile(sorted_values, q):
    return sorted_values[min(len(sorted_values) - 1, int(q * len(sorted_values)))]


def analyse(path, connections):
    with open(path) as f:
        rows = [(float(r["sent"]), float(r["answered"]), r["backend"]) for r in csv.DictReader(f)]
    if not rows:
        return None
    first = min(sent for sent, _, _ in rows)
    rows = [r for r in rows if r[0] >= first + WARM_UP]
    if not rows:
        return None
    latencies = sorted((answered - sent) * 1e3 for sent, answered, _ in rows)
    p99 = percentile(latencies, 0.99)
    slow = [(answered, backend) for sent, answered, backend in rows if (answered - sent) * 1e3 > p99]
    span = max(a for _, a, _ in rows) - min(s for s, _, _ in rows)
    per_ms = Counter(int(answered * 1000) for answered, _ in slow)
    in_stalls = sum(n for n in per_ms.values() if n >= connections / 2)
    busiest = max(Counter(b for _, b in slow).values()) if slow else 0
    return {
        "rps": len(rows) / span,
        "p50": percentile(latencies, 0.5),
        "p90": percentile(latencies, 0.9),
        "p99": p99,
        "p99.9": percentile(latencies, 0.999),
        "one backend": busiest / len(slow) if slow else 0.0,
        "in stalls": in_stalls / len(slow) if slow else 0.0,
    }


def main():
    runs = defaultdict(dict)  # label -> repetition -> figures
    for line in open(sys.argv[1]):
        label, rep, connections, path, steal_ticks, total_ticks = line.rstrip("\n").split("\t")
        figures = analyse(path, int(connections))
        if figures is None:
            print(f"warning: no requests in {path}", file=sys.stderr)
            continue
        figures["steal"] = steal_percent(int(steal_ticks), int(total_ticks))
        runs[label][rep] = figures
    keys = ["rps", "p50", "p90", "p99", "p99.9", "one backend", "in stalls", "steal"]
    print(f"{'target':<18}{'rps':>9}{'p50 ms':>8}{'p90 ms':>8}{'p99 ms':>8}{'p99.9 ms':>9}"
          f"{'slowest 1%: one backend':>25}{'in stalls':>11}{'steal %':>9}")
    medians = {}
    for label, reps in runs.items():
        m = {k: statistics.median(r[k] for r in reps.values()) for k in keys}
        medians[label] = m
        print(f"{label:<18}{m['rps']:>9.0f}{m['p50']:>8.2f}{m['p90']:>8.2f}{m['p99']:>8.2f}"
              f"{m['p99.9']:>9.2f}{m['one backend']:>25.0%}{m['in stalls']:>11.0%}"
              f"{m['steal']:>9.1f}")
    print_steal_note([m["steal"] for m in medians.values()])
    if "faultbox" not in runs:
        return
    for label in sorted(set(runs) - {"faultbox"}):
        paired = [runs["faultbox"][rep]["p99"] / other["p99"]
                  for rep, other in runs[label].items() if rep in runs["faultbox"]]
        text = f", paired x{statistics.median(paired):.2f} ({len(paired)} repetitions)" if paired else ""
        print(f"faultbox/{label}: p99 x{medians['faultbox']['p99'] / medians[label]['p99']:.2f}"
              f" of the medians{text}")


if __name__ == "__main__":
    main()
