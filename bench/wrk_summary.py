#!/usr/bin/env python3
"""Medians of wrk runs: rps, p50, p90, p99, errors, and the load balancer's CPU time and context
switches per request per (load balancer, threads), and the ratios of faultbox to each other load
balancer run (HAProxy, nginx, a baseline faultbox binary, ...). Input: TSV lines of label,
threads, repetition, wrk output (with the "cpu_ticks N hz H" and "ctx_switches VOLUNTARY
INVOLUNTARY" and "machine_ticks STEAL TOTAL" lines speed.sh appends). An optional second argument,
a percentage, leaves out every repetition in which any run lost more than that share of the
machine's CPU time to the hypervisor (steal)."""
import re
import statistics
import sys
from collections import defaultdict

from steal import print_steal_note, steal_percent

UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 6e4}


def ms(text):
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    return float(m.group(1)) * UNITS[m.group(2)] if m else float("nan")


def parse(path):
    text = open(path).read()
    rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
    p50 = re.search(r"^\s+50%\s+(\S+)", text, re.M)
    p90 = re.search(r"^\s+90%\s+(\S+)", text, re.M)
    p99 = re.search(r"^\s+99%\s+(\S+)", text, re.M)
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", text))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    errors += int(non2xx.group(1)) if non2xx else 0
    total = re.search(r"(\d+) requests in", text)
    cpu = re.search(r"cpu_ticks (\d+) hz (\d+)", text)
    ctx = re.search(r"ctx_switches (-?\d+) (-?\d+)", text)
    machine = re.search(r"machine_ticks (\d+) (\d+)", text)
    if not (rps and p50 and p90 and p99):
        return None
    requests = int(total.group(1)) if total else 0
    # Microseconds of load-balancer CPU per request, and its sleeps and preemptions per 1000
    # requests (nan for the direct run: no load balancer).
    us = sleeps = preempts = float("nan")
    if cpu and requests > 0 and int(cpu.group(1)) > 0:
        us = int(cpu.group(1)) / int(cpu.group(2)) * 1e6 / requests
    if ctx and requests > 0 and int(ctx.group(1)) + int(ctx.group(2)) > 0:
        sleeps = int(ctx.group(1)) * 1000 / requests
        preempts = int(ctx.group(2)) * 1000 / requests
    steal = steal_percent(int(machine.group(1)), int(machine.group(2))) if machine else float("nan")
    return (float(rps.group(1)), ms(p50.group(1)), ms(p90.group(1)), ms(p99.group(1)), us, sleeps,
            preempts, steal, errors)


def paired_ratios(by_rep, anchor, threads):
    """Medians of the per-repetition ratios: the targets of one repetition ran back to back, so
    a slow spell of the machine moves both and cancels out (steadier than a ratio of medians)."""
    pairs = [(r, by_rep[("faultbox", threads, rep)]) for (label, t, rep), r in by_rep.items()
             if label == anchor and t == threads and ("faultbox", threads, rep) in by_rep]
    if not pairs:
        return " (none)"
    rps = statistics.median(fb[0] / other[0] for other, fb in pairs)
    p99 = statistics.median(fb[3] / other[3] for other, fb in pairs)
    return f" rps x{rps:.2f}, p99 x{p99:.2f} ({len(pairs)} repetitions)"


def read_runs(results_path):
    """(label, threads, repetition) -> parsed run."""
    by_rep = {}
    for line in open(results_path):
        label, threads, rep, path = line.rstrip("\n").split("\t")
        parsed = parse(path)
        if parsed is None:
            print(f"warning: no result in {path}", file=sys.stderr)
            continue
        by_rep[(label, int(threads), rep)] = parsed
    return by_rep


def without_stolen(by_rep, max_steal):
    """Leaves out whole repetitions (every target's run in it, so pairs stay pairs) in which
    any run lost more than max_steal percent of the machine to the hypervisor."""
    stolen = {(t, rep) for (_, t, rep), r in by_rep.items() if r[7] > max_steal}
    kept = {key: r for key, r in by_rep.items() if (key[1], key[2]) not in stolen}
    total = len({(t, rep) for _, t, rep in by_rep})
    print(f"steal above {max_steal:g}%: {len(stolen)} of {total} repetitions left out")
    return kept


def main():
    by_rep = read_runs(sys.argv[1])
    if len(sys.argv) > 2 and sys.argv[2]:
        by_rep = without_stolen(by_rep, float(sys.argv[2]))
    runs = defaultdict(list)
    for (label, threads, _), parsed in by_rep.items():
        runs[(label, threads)].append(parsed)
    med = {}
    print(f"{'target':<18}{'threads':>8}{'rps':>12}{'p50 ms':>8}{'p90 ms':>8}{'p99 ms':>8}"
          f"{'cpu us/req':>11}{'sleeps/k':>9}{'preempt/k':>10}{'steal %':>8}{'errors':>8}"
          f"  runs (rps)")
    for (label, threads), rs in sorted(runs.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        m = tuple(statistics.median(r[i] for r in rs) for i in range(8)) + (sum(r[8] for r in rs),)
        med[(label, threads)] = m
        runs_text = " ".join(f"{r[0]:.0f}" for r in rs)
        print(f"{label:<18}{threads:>8}{m[0]:>12.0f}{m[1]:>8.2f}{m[2]:>8.2f}{m[3]:>8.2f}"
              f"{m[4]:>11.1f}{m[5]:>9.1f}{m[6]:>10.1f}{m[7]:>8.1f}{m[8]:>8}  {runs_text}")
    print_steal_note([m[7] for m in med.values()], " (MAX_STEAL=percent leaves such repetitions out)")
    for threads in sorted({t for _, t in med}):
        fb = med.get(("faultbox", threads))
        anchors = sorted({label for label, t in med if t == threads} - {"faultbox", "direct"})
        for anchor in anchors:
            other = med.get((anchor, threads))
            if fb and other:
                print(f"threads {threads}: faultbox/{anchor}: rps x{fb[0] / other[0]:.2f}, "
                      f"p90 x{fb[2] / other[2]:.2f}, p99 x{fb[3] / other[3]:.2f}, "
                      f"cpu/request x{fb[4] / other[4]:.2f}; "
                      f"paired{paired_ratios(by_rep, anchor, threads)}")


if __name__ == "__main__":
    main()
