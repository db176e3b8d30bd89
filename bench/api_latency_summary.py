#!/usr/bin/env python3
"""Sums up bench/api_prober.py's samples per phase of a run.

    api_latency_summary.py PROBES.tsv PHASES.tsv

PHASES.tsv has "wall_time name" lines, each the start of a phase that lasts until the next one
(the last line ends the run). Per phase and call kind it prints the count, failures, p50, p99 and
max in ms, and over all kinds the p99 of every call; then whether every call's p99 in the loaded
phases stayed within 100 ms (issue 29's bound), naming the worst."""
import sys
from collections import defaultdict

BOUND_MS = 100.0


def percentile(sorted_values, q):
    return sorted_values[min(len(sorted_values) - 1, int(q * len(sorted_values)))]


def main():
    probes_path, phases_path = sys.argv[1:3]
    phases = []
    with open(phases_path) as f:
        for line in f:
            when, name = line.split(None, 1)
            phases.append((float(when), name.strip()))
    samples = defaultdict(lambda: defaultdict(list))  # phase -> kind -> [(ms, ok)]
    with open(probes_path) as f:
        for line in f:
            when, kind, ms, ok = line.split("\t")
            when = float(when)
            for (start, name), (end, _) in zip(phases, phases[1:]):
                if start <= when < end:
                    samples[name][kind].append((float(ms), ok.strip() == "1"))
                    break
    worst = (0.0, "", "")
    print(f"{'phase':<22} {'call':<10} {'n':>6} {'failed':>6} {'p50 ms':>8} {'p99 ms':>8} "
          f"{'max ms':>8}")
    for _, name in phases[:-1]:
        every = []
        for kind, values in samples[name].items():
            ms = sorted(v for v, _ in values)
            every += ms
            failed = sum(not ok for _, ok in values)
            p99 = percentile(ms, 0.99)
            print(f"{name:<22} {kind:<10} {len(ms):>6} {failed:>6} {percentile(ms, 0.5):>8.1f} "
                  f"{p99:>8.1f} {ms[-1]:>8.1f}")
            if name != "quiet" and p99 > worst[0]:
                worst = (p99, name, kind)
        if every:
            every.sort()
            print(f"{name:<22} {'(all)':<10} {len(every):>6} {'':>6} {percentile(every, 0.5):>8.1f} "
                  f"{percentile(every, 0.99):>8.1f} {every[-1]:>8.1f}")
    verdict = "within" if worst[0] <= BOUND_MS else "OVER"
    print(f"worst p99 under load: {worst[0]:.1f} ms ({worst[2]} while {worst[1]}): {verdict} the "
          f"{BOUND_MS:.0f} ms bound")
    return 0 if worst[0] <= BOUND_MS else 1


if __name__ == "__main__":
    sys.exit(main())
