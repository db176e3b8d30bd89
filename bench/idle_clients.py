#!/usr/bin/env python3
"""Opens N keep-alive connections to HOST:PORT, sends one GET on each and reads the answer, then
keeps them all open and idle for HOLD seconds (writes 'ready N-ok' to stdout once all answered)."""
import asyncio
import sys


async def one(host, port, sem, conns):
    async with sem:
        try:
            reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), 10)
            writer.write(f"GET / HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 10)
            length = 0
            for line in head.decode("latin-1").split("\r\n"):
                if line.lower().startswith("content-length:"):
                    length = int(line.split(":")[1])
            await asyncio.wait_for(reader.readexactly(length), 10)
            conns.append(writer)
            return head.startswith(b"HTTP/1.1 200")
        except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError):
            return False


async def main():
    host, port, n, hold = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
    sem, conns = asyncio.Semaphore(200), []
    results = await asyncio.gather(*(one(host, port, sem, conns) for _ in range(n)))
    print(f"ready {sum(results)}", flush=True)
    await asyncio.sleep(hold)
    for w in conns:
        w.close()


asyncio.run(main())
