#!/usr/bin/env python3
"""Open-loop HTTP client for the failover bench: sends RATE requests/s for DURATION seconds on
keep-alive connections (a new one when all are busy), whatever the server's pace, and records
each request's send time, latency and status (0 when it failed: refused, reset, or no answer
within TIMEOUT, with the failure's name). Writes one CSV line per request and prints a summary
as JSON."""
import argparse
import asyncio
import collections
import json
import time


async def http_get(pool, host, port, timeout):
    reader_writer = pool.pop() if pool else None
    try:
        if reader_writer is None:
            reader_writer = await asyncio.wait_for(asyncio.open_connection(host, port), timeout)
        reader, writer = reader_writer
        writer.write(f"GET / HTTP/1.1\r\nHost: {host}:{port}\r\n\r\n".encode())
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), timeout)
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        length, close = 0, False
        for line in lines[1:]:
            name, _, value = line.partition(":")
            if name.lower() == "content-length":
                length = int(value)
            elif name.lower() == "connection" and "close" in value.lower():
                close = True
        if length:
            await asyncio.wait_for(reader.readexactly(length), timeout)
        if close:
            writer.close()
        else:
            pool.append(reader_writer)
        return status, ""
    except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError, ValueError,
            IndexError) as failure:
        if reader_writer is not None:
            reader_writer[1].close()
        return 0, type(failure).__name__  # refused, reset, timed out or garbled: says which


async def main():
    p = argparse.ArgumentParser()
    p.add_argument("--host", required=True)
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--rate", type=float, default=200)
    p.add_argument("--duration", type=float, default=40)
    p.add_argument("--timeout", type=float, default=10)
    p.add_argument("--csv", required=True)
    a = p.parse_args()
    pool, records, tasks = [], [], []
    start = time.monotonic()

    async def one(i):
        sent = time.monotonic()
        status, failure = await http_get(pool, a.host, a.port, a.timeout)
        records.append((sent - start, time.monotonic() - sent, status, failure))

    total = int(a.rate * a.duration)
    for i in range(total):
        delay = start + i / a.rate - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.ensure_future(one(i)))
    await asyncio.gather(*tasks)
    records.sort()
    with open(a.csv, "w") as f:
        f.write("sent_s,latency_s,status,failure\n")
        for r in records:
            f.write(f"{r[0]:.4f},{r[1]:.5f},{r[2]},{r[3]}\n")
    errors = [r for r in records if r[2] != 200]
    slow = [r for r in records if r[1] > 0.2]
    lat = sorted(r[1] for r in records)
    summary = {
        "requests": len(records),
        "errors": len(errors),
        "error_window_s": [round(errors[0][0], 2), round(errors[-1][0], 2)] if errors else None,
        "error_kinds": dict(collections.Counter(r[3] or f"HTTP {r[2]}" for r in errors)),
        "slow_over_200ms": len(slow),
        "slow_window_s": [round(slow[0][0], 2), round(slow[-1][0], 2)] if slow else None,
        "max_latency_s": round(lat[-1], 3) if lat else None,
        "p99_latency_ms": round(1000 * lat[int(0.99 * (len(lat) - 1))], 2) if lat else None,
        "late_sends": sum(1 for i, r in enumerate(records) if r[0] - i / a.rate > 0.05),
    }
    print(json.dumps(summary))


asyncio.run(main())
