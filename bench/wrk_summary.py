#!/usr/bin/env python3
"""Medians of wrk runs: rps, p50, p99, errors and the load balancer's CPU time per request per
(load balancer, threads), and the ratios faultbox/HAProxy and faultbox/nginx. Input: TSV lines of
label, threads, repetition, wrk output (with a "cpu_ticks N hz H" line appended by speed.sh)."""
import re
import statistics
import sys
from collections import defaultdict

UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 6e4}


def ms(text):
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    return float(m.group(1)) * UNITS[m.group(2)] if m else float("nan")


def parse(path):
    text = open(path).read()
    rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
    p50 = re.search(r"^\s+50%\s+(\S+)", text, re.M)
    p99 = re.search(r"^\s+99%\s+(\S+)", text, re.M)
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", text))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    errors += int(non2xx.group(1)) if non2xx else 0
    total = re.search(r"(\d+) requests in", text)
    cpu = re.search(r"cpu_ticks (\d+) hz (\d+)", text)
    if not rps:
        return None
    # Microseconds of load-balancer CPU per request (nan for the direct run: no load balancer).
    us = float("nan")
    if cpu and total and int(cpu.group(1)) > 0 and int(total.group(1)) > 0:
        us = int(cpu.group(1)) / int(cpu.group(2)) * 1e6 / int(total.group(1))
    return float(rps.group(1)), ms(p50.group(1)), ms(p99.group(1)), us, errors


def main():
    runs = defaultdict(list)
    for line in open(sys.argv[1]):
        label, threads, _rep, path = line.rstrip("\n").split("\t")
        parsed = parse(path)
        if parsed is None:
            print(f"warning: no result in {path}", file=sys.stderr)
            continue
        runs[(label, int(threads))].append(parsed)
    med = {}
    print(f"{'target':<10}{'threads':>8}{'rps':>12}{'p50 ms':>10}{'p99 ms':>10}{'cpu us/req':>11}"
          f"{'errors':>8}  runs (rps)")
    for (label, threads), rs in sorted(runs.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        m = tuple(statistics.median(r[i] for r in rs) for i in range(4)) + (sum(r[4] for r in rs),)
        med[(label, threads)] = m
        runs_text = " ".join(f"{r[0]:.0f}" for r in rs)
        print(f"{label:<10}{threads:>8}{m[0]:>12.0f}{m[1]:>10.2f}{m[2]:>10.2f}{m[3]:>11.1f}"
              f"{m[4]:>8}  {runs_text}")
    for threads in sorted({t for _, t in med}):
        fb = med.get(("faultbox", threads))
        for anchor in ("haproxy", "nginx"):
            other = med.get((anchor, threads))
            if fb and other:
                print(f"threads {threads}: faultbox/{anchor}: rps x{fb[0] / other[0]:.2f}, "
                      f"p99 x{fb[2] / other[2]:.2f}, cpu/request x{fb[3] / other[3]:.2f}")


if __name__ == "__main__":
    main()
