#!/usr/bin/env python3
"""Where a replay's time went, from the logs of a benchmark's `up` (issue #16).

For each var/ directory given (e.g. /tmp/moodstream-bench.XXXX/single-throughput): seconds after
ingest's JVM started at which ingest finished, the job's JVM started, its posts query started, and
each posts batch ended (rows, duration).
Usage: local/bench/breakdown.py VAR_DIR...
"""
import datetime
import re
import sys


def started(log):
    for line in open(log):
        m = re.match(r"--- (\S+)Z starting", line)
        if m:
            return datetime.datetime.fromisoformat(m.group(1)[:26])
    raise ValueError(f"no start line in {log}")


for d in sys.argv[1:]:
    try:
        t0, job = started(f"{d}/log/ingest.log"), started(f"{d}/log/stream.log")
    except (OSError, ValueError) as e:
        print(f"{d}: incomplete ({e})")
        continue

    def at(hms):
        return (datetime.datetime.combine(t0.date(), datetime.time.fromisoformat(hms)) - t0).total_seconds()

    query, batches = None, []
    for line in open(f"{d}/log/stream.log"):
        m = re.match(r"(\S+) INFO  ProgressReporter - \[posts\] query started", line)
        if m:
            query = at(m.group(1))
        m = re.match(r"(\S+) INFO  ProgressReporter - \[posts\] batch (\d+): (\d+) rows.*?, (\d+) ms,", line)
        if m:
            batches.append(f"batch {m.group(2)}: {m.group(3)} rows, ends {at(m.group(1)):.1f} s "
                           f"({int(m.group(4)) / 1000:.1f} s)")
    m = re.search(r"ingest replay: .* in ([\d.]+) s \(", open(f"{d}/log/ingest.log").read())
    print(f"{d}: ingest done {m.group(1) if m else '?'} s; job JVM {(job - t0).total_seconds():.1f} s; "
          f"query {query if query is None else round(query, 1)} s; " + "; ".join(batches))
