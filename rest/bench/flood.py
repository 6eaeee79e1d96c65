#!/usr/bin/env python3
"""Floods one endpoint from one address and counts the answers (rate limits).

Usage: flood.py --port P --path /api/v1/score?text=hi [--requests 3000] [--threads 8]
Prints requests, seconds, requests/s, answers by status, the Retry-After values seen, and the
requests/s of the 200s. Keep-alive connections, standard library only.
"""
import argparse
import http.client
import json
import threading
import time

ap = argparse.ArgumentParser()
ap.add_argument("--port", type=int, required=True)
ap.add_argument("--path", required=True)
ap.add_argument("--requests", type=int, default=3000)
ap.add_argument("--threads", type=int, default=8)
a = ap.parse_args()

lock = threading.Lock()
statuses = {}
retry_after = {}
left = [a.requests]


def worker():
    conn = http.client.HTTPConnection("127.0.0.1", a.port, timeout=30)
    while True:
        with lock:
            if left[0] == 0:
                break
            left[0] -= 1
        conn.request("GET", a.path)
        r = conn.getresponse()
        r.read()
        with lock:
            statuses[r.status] = statuses.get(r.status, 0) + 1
            ra = r.getheader("Retry-After")
            if ra:
                retry_after[ra] = retry_after.get(ra, 0) + 1
    conn.close()


t0 = time.time()
ts = [threading.Thread(target=worker) for _ in range(a.threads)]
for t in ts:
    t.start()
for t in ts:
    t.join()
s = time.time() - t0
print(json.dumps({
    "path": a.path, "requests": a.requests, "threads": a.threads, "seconds": round(s, 2),
    "requests_per_second": round(a.requests / s), "statuses": statuses, "retry_after": retry_after,
    "ok_per_second": round(statuses.get(200, 0) / s, 1)}))
