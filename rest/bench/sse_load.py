#!/usr/bin/env python3
"""SSE load against a running REST service: memory and threads with many live clients.

Opens CLIENTS reading SSE connections to /api/v1/live (spread over source addresses 127.0.k.j,
PER_ADDRESS per address, as browsers behind different addresses would be), and STALLED connections
that never read (a small receive buffer) and ask to resume from 23 hours back (Last-Event-ID), so
that the server has ~1,400 events to push at each of them at once; holds them HOLD seconds, then
closes the reading ones. Samples the server's resident memory and thread count (/proc/<pid>/status)
before, during (peak) and after, and reports the statuses the server answered, the events read,
and how many stalled connections the server closed. Standard library only.

Usage: sse_load.py --port P --pid PID [--clients 500] [--per-address 20] [--stalled 20]
                   [--hold 30] [--topics topic1,topic2,...]
"""
import argparse
import asyncio
import json
import re
import shutil
import socket
import subprocess
import time
import urllib.request


def proc_status(pid):
    out = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            k, _, v = line.partition(":")
            if k in ("VmRSS", "Threads"):
                out[k] = int(v.split()[0])
    return {"rss_mb": round(out["VmRSS"] / 1024, 1), "threads": out["Threads"]}


def heap_after_gc(pid):
    """Java heap in use right after a full GC (jcmd), in MB; None without jcmd."""
    if not shutil.which("jcmd"):
        return None
    try:
        subprocess.run(["jcmd", str(pid), "GC.run"], capture_output=True, timeout=60)
        out = subprocess.run(["jcmd", str(pid), "GC.heap_info"], capture_output=True, text=True, timeout=60).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    m = re.search(r"used (\d+)K", out)
    return round(int(m.group(1)) / 1024, 1) if m else None


def metric(port, name):
    try:
        body = urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5).read().decode()
    except Exception:
        return None
    total = 0.0
    found = False
    for line in body.splitlines():
        if line.startswith(name) and not line.startswith("#"):
            m = re.match(r"^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(\S+)", line)
            if m and m.group(1) == name:
                total += float(m.group(3))
                found = True
    return total if found else None


class Client:
    def __init__(self):
        self.status = None
        self.events = 0
        self.closed_by_server = False


async def reading_client(port, address, topic, c, stop):
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", port, local_addr=(address, 0))
    except OSError as e:
        c.status = f"connect-error {e.errno}"
        return
    writer.write(f"GET /api/v1/live?topic={topic} HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n".encode())
    await writer.drain()
    try:
        line = await asyncio.wait_for(reader.readline(), 30)
        parts = line.split()
        c.status = parts[1].decode() if len(parts) > 1 else "no-status"
        while not stop.is_set():
            try:
                chunk = await asyncio.wait_for(reader.read(65536), 1)
            except asyncio.TimeoutError:
                continue
            if not chunk:
                c.closed_by_server = True
                break
            c.events += chunk.count(b"\nevent: ")
    except (OSError, asyncio.TimeoutError) as e:
        c.status = c.status or f"error {type(e).__name__}"
    finally:
        writer.close()


def stalled_client(port, address, topic):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    s.bind((address, 0))
    s.connect(("127.0.0.1", port))
    resume = (int(time.time()) // 60 - 23 * 60) * 60
    s.sendall(
        f"GET /api/v1/live?topic={topic} HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n"
        f"Last-Event-ID: {resume}\r\n\r\n".encode())
    return s


async def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--pid", type=int, required=True)
    ap.add_argument("--clients", type=int, default=500)
    ap.add_argument("--per-address", type=int, default=20)
    ap.add_argument("--stalled", type=int, default=20)
    ap.add_argument("--hold", type=int, default=30)
    ap.add_argument("--topics", default="topic1,topic2,topic3,topic4,topic5")
    a = ap.parse_args()
    topics = a.topics.split(",")
    report = {"before": proc_status(a.pid)}
    report["before"]["heap_after_gc_mb"] = heap_after_gc(a.pid)

    stop = asyncio.Event()
    clients = [Client() for _ in range(a.clients)]
    tasks = []
    for i, c in enumerate(clients):
        k = i // a.per_address
        address = f"127.0.{1 + k // 250}.{1 + k % 250}"
        tasks.append(asyncio.create_task(reading_client(a.port, address, topics[i % len(topics)], c, stop)))
        if i % 50 == 49:
            await asyncio.sleep(0.2)
    stalled = []
    for i in range(a.stalled):
        stalled.append(stalled_client(a.port, f"127.0.200.{1 + i // a.per_address}", topics[i % len(topics)]))

    peak = dict(report["before"])
    t0 = time.time()
    mid = None
    while time.time() - t0 < a.hold:
        await asyncio.sleep(1)
        s = proc_status(a.pid)
        peak = {k: max(peak[k], s[k]) for k in s}
        if mid is None and time.time() - t0 >= a.hold / 2:
            mid = s
    report["during"] = mid or proc_status(a.pid)
    report["during"]["heap_after_gc_mb"] = heap_after_gc(a.pid)
    report["peak"] = peak
    report["sse_clients_metric_during"] = metric(a.port, "moodstream_sse_clients")
    statuses = {}
    for c in clients:
        statuses[c.status] = statuses.get(c.status, 0) + 1
    report["statuses"] = statuses
    report["events_read"] = sum(c.events for c in clients)
    report["reading_clients_closed_by_server"] = sum(1 for c in clients if c.closed_by_server)
    # the server's own count: the stalled connections it still holds (a close it made cannot reach
    # a client that does not read: the FIN waits behind the unread data)
    during = report["sse_clients_metric_during"]
    report["stalled_still_held_by_server"] = None if during is None else int(during) - statuses.get("200", 0)
    report["sse_evictions_metric"] = metric(a.port, "moodstream_sse_evictions_total")
    report["events_per_reading_client_per_second"] = round(report["events_read"] / max(1, len(clients)) / a.hold, 2)
    stop.set()
    await asyncio.gather(*tasks, return_exceptions=True)
    for s in stalled:
        s.close()
    await asyncio.sleep(10)
    report["after"] = proc_status(a.pid)
    report["after"]["heap_after_gc_mb"] = heap_after_gc(a.pid)
    report["sse_clients_metric_after"] = metric(a.port, "moodstream_sse_clients")
    print(json.dumps(report, indent=2))


asyncio.run(main())
