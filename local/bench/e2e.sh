#!/usr/bin/env bash
# End to end through plain `./moodstream up` (issue #16), RUNS times in a row, then the medians:
# throughput (posts/s from ingest's start to every post visible in GET /api/v1/series), the bare
# limit measured in the same runs (one consumer reading and parsing the topic as the job does),
# ingest's own rate, and the paced latency p50/p99 (Kafka append -> visible in REST). Each run is one
# `cluster-vs-single.sh N RATE SECONDS single`; the load average is printed before every run.
# Usage: local/bench/e2e.sh [N=1000000] [RATE=10000] [SECONDS=60] [RUNS=3]   (SECONDS=0: throughput only)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
N=${1:-1000000}
RATE=${2:-10000}
SECS=${3:-60}
RUNS=${4:-3}
OUT=$(mktemp /tmp/moodstream-e2e.XXXXXX)
for ((i = 1; i <= RUNS; i++)); do
  echo "run $i/$RUNS: $(uptime)" | tee -a "$OUT"
  "$ROOT/local/bench/cluster-vs-single.sh" "$N" "$RATE" "$SECS" single 2>/dev/null | tee -a "$OUT"
done
python3 - "$OUT" <<'PY'
import re, statistics, sys
text = open(sys.argv[1]).read()
def med(pattern, unit=""):
    xs = [float(x.replace(",", "")) for x in re.findall(pattern, text)]
    return f"{statistics.median(xs):,.2f}{unit} (of {len(xs)}: {', '.join(f'{x:,.2f}' for x in xs)})" if xs else "no data"
print("median end-to-end throughput, posts/s:", med(r"throughput: \d+ posts visible in [\d.]+ s after ingest started: (\d+) posts/s"))
print("median bare limit, posts/s:           ", med(r"(?:JSON )?parse\): \d+ records read, \d+ posts parsed in [\d.]+ s: (\d+) posts/s"))
print("median ingest's own rate in the stack:", med(r"part: ingest replay: .*\(([\d,]+) posts/s\)"))
print("median latency p50, s:                ", med(r"p50 ([\d.]+) s"))
print("median latency p99, s:                ", med(r"p99 ([\d.]+) s"))
PY
rm -f "$OUT"
