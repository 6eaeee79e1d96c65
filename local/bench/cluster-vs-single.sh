#!/usr/bin/env bash
# The same replay through `./moodstream up` and `./moodstream up --cluster`, side by side.
#
#   1. throughput: a generated archive of N v1.1 posts replayed at full speed; posts/s from the
#      moment ingest starts to every post visible in GET /api/v1/series (topic all);
#   2. latency: after a warm-up (the synthetic source at RATE posts/s for WARMUP seconds, default
#      30, until all visible; not measured), the synthetic source paced at exactly RATE posts/s
#      (--steady) for SECONDS; Kafka append -> visible in REST, p50/p99, read from two curves: posts appended to moodstream.posts per 100 ms (the
#      records' timestamps, fetched with the stack's own Kafka client settings) and posts visible
#      through REST, polled every 100 ms. The k-th post appended is taken as the k-th post
#      visible (minute counts are sums: individual posts are not traced).
#
# After the throughput phase, with the stack still up and idle, the bare limit: one Kafka consumer
# reading and parsing the same topic as the job does (BareConsume.java: binary or JSON records);
# and ingest's own figure from its log.
#
# The throughput phase's curve (seconds since ingest started, posts visible) is in
# $WORK/<mode>-visible-throughput.tsv.
# Not a test: bounded (each phase gives up after 30 min), loopback only, always stops its stack.
#   3. (mode warm) the same replay into a `up` stack already running and warmed by 200,000 posts:
#      the pipeline's own rate, without the ~20-25 s of the stack's start.
# Usage: local/bench/cluster-vs-single.sh [N=1000000] [RATE=10000] [SECONDS=60] [modes="single cluster", or warm]
#   SECONDS=0: throughput only. WARMUP=S: seconds of warm-up before the latency phase (30: the
#   job's JIT and state reach their steady state; WARMUP=1 shows a freshly started stack). BENCH_JFR=DIR: a flight recording of every JVM of the throughput
#   phase in DIR (jfr print --events jdk.ExecutionSample). TRIGGER=D: the job's trigger in the
#   latency phase (default: the stack's own). local/bench/e2e.sh: repeated, medians.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
N=${1:-1000000}
RATE=${2:-10000}
SECS=${3:-60}
MODES=${4:-single cluster}
WARMUP=${WARMUP:-30}
BASE=${PORT_BASE:-21000}
WORK=$(mktemp -d /tmp/moodstream-bench.XXXXXX)
# the interpreter itself: a pyenv shim costs ~0.1 s of CPU per call
PY=$(python3 -c 'import sys; print(sys.executable)') || { echo "python3 is needed" >&2; exit 1; }

"$ROOT/moodstream" up --help >/dev/null # builds the modules if needed, outside the timing

echo "generating $N posts into $WORK/archive.json" >&2
"$PY" - "$N" "$WORK/archive.json" <<'PY'
import json, sys, datetime
n, path = int(sys.argv[1]), sys.argv[2]
t0 = datetime.datetime(2026, 11, 20, 10, 0, tzinfo=datetime.timezone.utc)
words = ["I love the new apple", "I hate the climate news", "meh, the game", "Absolutely amazing",
         "Terrible news on the weather", "not bad, the apple", "so happy about the climate"]
span_ms = 30 * 60 * 1000
with open(path, "w") as f:
    for i in range(n):
        at = t0 + datetime.timedelta(milliseconds=span_ms * i // n)
        f.write(json.dumps({
            "created_at": at.strftime("%a %b %d %H:%M:%S +0000 %Y"),
            "id": 1_700_000_000_000_000_000 + i, "id_str": str(1_700_000_000_000_000_000 + i),
            "text": words[i % len(words)] + " #" + str(i % 97),
            "user": {"id": 1000 + i % 500, "id_str": str(1000 + i % 500),
                     "screen_name": "u%d" % (i % 500)},
            "lang": "en", "timestamp_ms": str(int(at.timestamp() * 1000))}) + "\n")
PY

ports() { # mode -> exported port settings
  local b=$BASE
  export MOODSTREAM_LOCAL_REST_PORT=$((b + 80))
  export MOODSTREAM_HBASE_ZOOKEEPER_PORT=$((b + 81))
  export MOODSTREAM_LOCAL_HBASE_MASTER_PORT=$((b + 82))
  export MOODSTREAM_LOCAL_HBASE_REGIONSERVER_PORT=$((b + 83))
  export MOODSTREAM_KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$((b + 92))
  export MOODSTREAM_LOCAL_KAFKA_CONTROLLER_PORT=$((b + 93))
  export MOODSTREAM_LOCAL_CLUSTER_KAFKA_PORTS=$((b + 92)),$((b + 94)),$((b + 96))
  export MOODSTREAM_LOCAL_CLUSTER_KAFKA_CONTROLLER_PORTS=$((b + 93)),$((b + 95)),$((b + 97))
  export MOODSTREAM_LOCAL_CLUSTER_HBASE_REGIONSERVER_PORTS=$((b + 83)),$((b + 84))
  export MOODSTREAM_LOCAL_CLUSTER_SPARK_MASTER_PORT=$((b + 77))
  export MOODSTREAM_LOCAL_CLUSTER_SPARK_MASTER_WEBUI_PORT=$((b + 78))
  export MOODSTREAM_LOCAL_CLUSTER_SPARK_WORKER_PORTS=$((b + 75)),$((b + 76))
}

# visible TOTAL FROM TO: the sum of the 'all' minute counts REST serves in [FROM, TO)
visible() {
  curl -fs "http://127.0.0.1:$MOODSTREAM_LOCAL_REST_PORT/api/v1/series?step=1m&topic=all&from=$1&to=$2" 2>/dev/null \
    | "$PY" -c 'import json,sys; print(sum(p["count"] for s in json.load(sys.stdin)["series"] for p in s["points"]))' 2>/dev/null \
    || echo 0
}

run_up() { # mode out args...
  local mode=$1 out=$2; shift 2
  local flag=""
  [[ $mode == cluster ]] && flag=--cluster
  # shellcheck disable=SC2086
  "$ROOT/moodstream" up $flag "$@" >"$out" 2>&1 &
  echo $!
}

stop_up() {
  "$ROOT/moodstream" down >/dev/null 2>&1 || true
  wait "$1" 2>/dev/null || true
}

# await_dashboard OUT PID: until the `up` (PID) writing OUT says it is ready; gives up when it
# exited (a failed preflight, a busy port) or after 10 min
await_dashboard() {
  local deadline=$(($(date +%s) + 600))
  until grep -q '^Dashboard:' "$1"; do
    if ! kill -0 "$2" 2>/dev/null || (($(date +%s) > deadline)); then
      echo "the stack did not come up (see $1)" >&2
      return 1
    fi
    sleep 1
  done
}

# settled FROM TO: prints the visible count of [FROM, TO) once it is above 0 and has rested for 5 s
# (at most 10 min)
settled() {
  local deadline=$(($(date +%s) + 600)) v last=-1 still=0
  while ((still < 20)) && (($(date +%s) < deadline)); do
    v=$(visible "$1" "$2")
    if ((v > 0)) && [[ $v == "$last" ]]; then still=$((still + 1)); else still=0; fi
    last=$v
    sleep 0.25
  done
  echo "$last"
}

# warm_up OUT PID: once the stack (PID) that writes OUT is up, 200,000 synthetic posts dated an hour before
# the archive (the watermark stays behind it) through it, until they are all visible
warm_up() {
  await_dashboard "$1" "$2" || return 1
  "$ROOT/moodstream" ingest --source synthetic --from 2026-11-20T09:00:00Z --to 2026-11-20T09:30:00Z \
    --count 200000 --no-progress >"$WORK/warm-warmup.out" 2>&1 || true
  settled 2026-11-20T09:00:00Z 2026-11-20T09:31:00Z >/dev/null
}

for mode in $MODES; do
  ports
  export MOODSTREAM_VAR="$WORK/$mode-throughput"
  if [[ -n ${BENCH_JFR:-} ]]; then # a flight recording of every JVM of the stack, dumped at exit
    mkdir -p "$BENCH_JFR"
    export JAVA_TOOL_OPTIONS="-XX:StartFlightRecording=filename=$BENCH_JFR/,dumponexit=true,settings=profile"
  fi
  start=""
  if [[ $mode == warm ]]; then
    # the same replay into a stack that is up and warm: the pipeline's own rate, without the
    # stack's start
    up_pid=$(run_up single "$WORK/$mode-throughput.out" --only kafka,hbase,schema,spark,stream,rest)
    unset JAVA_TOOL_OPTIONS
    warm_up "$WORK/$mode-throughput.out" "$up_pid" || { stop_up "$up_pid"; exit 1; }
    JAVA_TOOL_OPTIONS=${BENCH_JFR:+-XX:StartFlightRecording=filename=$BENCH_JFR/,dumponexit=true,settings=profile} \
      "$ROOT/moodstream" ingest --source replay "$WORK/archive.json" --no-progress \
      >"$WORK/$mode-ingest.out" 2>&1 &
    start=$(date +%s.%N)
  else
    up_pid=$(run_up "$mode" "$WORK/$mode-throughput.out" --source replay "$WORK/archive.json")
    unset JAVA_TOOL_OPTIONS
  fi
  # one process waits for the start (cold: up's log says ingest starts) and then polls every
  # 100 ms until all N are visible: a curl and a python per poll cost ~0.1 s of CPU, a tenth of
  # this 2-core box at two polls a second, taken from the pipeline it measures
  result=$("$PY" - "$N" "$WORK/$mode-throughput.out" "$up_pid" "$start" "$WORK/$mode-visible-throughput.tsv" \
    "http://127.0.0.1:$MOODSTREAM_LOCAL_REST_PORT/api/v1/series?step=1m&topic=all&from=2026-11-20T10:00:00Z&to=2026-11-20T10:31:00Z" <<'PY'
import json, os, re, sys, time, urllib.request
n, log, pid, start, curve, url = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5], sys.argv[6]
deadline = time.time() + 1800
def alive():
    try:
        os.kill(pid, 0)
        return True
    except OSError:
        return False
while not start and alive() and time.time() < deadline:
    if re.search(r"^\[.*\] ingest  starting", open(log).read(), re.M):
        start = str(time.time())
    time.sleep(0.1)
while start and alive() and time.time() < deadline:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            v = sum(p["count"] for s in json.load(r)["series"] for p in s["points"])
    except Exception:
        v = 0
    with open(curve, "a") as f:  # seconds since ingest started, posts visible
        f.write(f"{time.time() - float(start):.3f}\t{v}\n")
    if v >= n:
        print(f"{time.time() - float(start):.3f}")
        break
    time.sleep(0.1)
PY
  ) || true
  bare=""
  if [[ -n $result ]]; then
    # the bare limit, same run and machine, the stack idle: one consumer reading and parsing the
    # topic the job just read
    bare=$(java -cp "$ROOT/ingest/target/classes:$(cat "$ROOT/ingest/target/classpath.txt")" \
      -Dlog4j2.configurationFile="$ROOT/conf/log4j2-cli.xml" \
      "$ROOT/local/bench/BareConsume.java" "$MOODSTREAM_KAFKA_BOOTSTRAP_SERVERS" moodstream.posts "$N" \
      2>"$WORK/$mode-bare.err" || echo "failed (see $WORK/$mode-bare.err)")
  fi
  stop_up "$up_pid"
  if [[ -n $result ]]; then
    printf '%-8s throughput: %d posts visible in %.1f s after ingest started: %.0f posts/s\n' \
      "$mode" "$N" "$result" "$(echo "$N / $result" | bc -l)"
    printf '%-8s bare limit (1 consumer, parse): %s\n' "$mode" "$bare"
    grep -h 'ingest replay:' "$MOODSTREAM_VAR/log/ingest.log" "$WORK/$mode-ingest.out" 2>/dev/null | tail -1 | sed "s/^/$mode   part: /" || true
  else
    echo "$mode throughput: not all $N posts visible within 30 min (see $WORK/$mode-throughput.out)"
  fi

  ((SECS > 0)) && [[ $mode != warm ]] || continue # SECONDS=0: throughput only; warm: the same stack as single
  export MOODSTREAM_VAR="$WORK/$mode-latency"
  # TRIGGER: the job's trigger for this phase (unset: the stack's own, 500 ms)
  [[ -z ${TRIGGER:-} ]] || export MOODSTREAM_STREAMING_TRIGGER_INTERVAL=$TRIGGER
  up_pid=$(run_up "$mode" "$WORK/$mode-latency.out" --source synthetic --only kafka,hbase,schema,spark,stream,rest)
  await_dashboard "$WORK/$mode-latency.out" "$up_pid" || { stop_up "$up_pid"; exit 1; }
  from=$(date -u +%Y-%m-%dT%H:%M:00Z)
  to=$(date -u -d "+$((SECS / 60 + 5)) min" +%Y-%m-%dT%H:%M:00Z)
  # warm-up, not measured: WARMUP seconds at the same rate through the fresh job (JIT, code
  # generation, state-store files: its first ~20 s run behind), until all of them are visible
  MOODSTREAM_VAR="$WORK/$mode-latency" "$ROOT/moodstream" ingest --source synthetic \
    --rate "$RATE" --steady --count $((RATE * WARMUP)) --no-progress >"$WORK/$mode-warmup.out" 2>&1 || true
  base=$(settled "$from" "$to")
  # the paced source, then the visible count every 100 ms until it stops growing for 30 s
  MOODSTREAM_VAR="$WORK/$mode-latency" "$ROOT/moodstream" ingest --source synthetic \
    --rate "$RATE" --steady --count $((RATE * SECS)) --no-progress >"$WORK/$mode-ingest.out" 2>&1 &
  ingest_pid=$!
  # one process polls (a curl and a python per poll took ~0.7 s on a loaded box, coarser than
  # the latency measured)
  "$PY" - "http://127.0.0.1:$MOODSTREAM_LOCAL_REST_PORT/api/v1/series?step=1m&topic=all&from=$from&to=$to" \
    "$ingest_pid" >"$WORK/$mode-visible.tsv" <<'PY'
import json, os, sys, time, urllib.request
url, pid = sys.argv[1], int(sys.argv[2])
def alive():
    try:
        os.kill(pid, 0)
        return not open(f"/proc/{pid}/stat").read().split()[2] == "Z"
    except OSError:
        return False
last, still = -1, 0
while still < 300:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            v = sum(p["count"] for s in json.load(r)["series"] for p in s["points"])
    except Exception:
        v = 0
    print(f"{time.time():.3f}\t{v}", flush=True)
    still = still + 1 if v == last and not alive() else 0
    last = v
    time.sleep(0.1)
PY
  wait "$ingest_pid" || true
  # appended: the records' timestamps, read back with the stack's own client settings
  "$ROOT/moodstream" ingest --help >/dev/null
  java -cp "$ROOT/ingest/target/classes:$(cat "$ROOT/ingest/target/classpath.txt")" \
    -Dlog4j2.configurationFile="$ROOT/conf/log4j2-cli.xml" \
    "$ROOT/local/bench/AppendTimes.java" "$MOODSTREAM_KAFKA_BOOTSTRAP_SERVERS" moodstream.posts \
    >"$WORK/$mode-appended.txt" 2>"$WORK/$mode-appended.err" || true
  stop_up "$up_pid"
  unset MOODSTREAM_STREAMING_TRIGGER_INTERVAL
  "$PY" - "$mode" "$WORK/$mode-appended.txt" "$WORK/$mode-visible.tsv" "$RATE" "$base" "$WARMUP" "${TRIGGER:-default}" <<'PY'
import sys, bisect, itertools
mode, appended, visible, rate, base, warmup, trigger = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), sys.argv[6], sys.argv[7]
# the warm-up's posts are the first `base` appended and visible: left out of both curves
a = sorted(int(l) / 1000.0 for l in open(appended) if l.strip())[base:]
v = [(t, c - base) for t, c in (tuple(map(float, l.split("\t"))) for l in open(visible) if l.strip())]
if not a or not v:
    print(f"{mode:8s} latency: no data (see {appended} and {visible})"); sys.exit()
# a failed poll reads 0: the running maximum keeps the curve non-decreasing for bisect
counts = list(itertools.accumulate((c for _, c in v), max))
lat = []
for k, t in enumerate(a, start=1):
    i = bisect.bisect_left(counts, k)
    if i < len(v):
        lat.append(v[i][0] - t)
lat.sort()
q = lambda p: lat[min(len(lat) - 1, int(p * len(lat)))]
print(f"{mode:8s} latency at {rate} posts/s after {warmup} s of warm-up, trigger {trigger}: {len(a)} appended, {len(lat)} seen visible; "
      f"Kafka append -> REST visible p50 {q(0.5):.2f} s, p99 {q(0.99):.2f} s")
PY
done
echo "work files in $WORK (delete when done)"
