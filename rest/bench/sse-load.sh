#!/usr/bin/env bash
# SSE load: the REST service's memory and threads with many live (SSE) clients, and what it does
# with clients that stop reading. Loopback only, ~1.5 min.
# Starts bench.SseBenchServer (test scope: the service alone over a synthetic in-memory store,
# configured from MOODSTREAM_REST_* like ./moodstream serve, -Xmx256m as ./moodstream up gives it),
# then rest/bench/sse_load.py opens CLIENTS reading SSE connections from PER_ADDRESS clients per
# source address (127.0.k.j) and STALLED connections that never read, holds them HOLD seconds,
# and prints resident memory and threads before / during / after, the statuses answered and how
# many stalled connections the server closed. Output: rest/target/bench/sse-load.json.
# Usage: rest/bench/sse-load.sh     (env: PORT=18090 CLIENTS=500 PER_ADDRESS=20 STALLED=20 HOLD=30)
set -euo pipefail
cd "$(dirname "$0")/../.."
PORT=${PORT:-18090}
CLIENTS=${CLIENTS:-500}
PER_ADDRESS=${PER_ADDRESS:-20}
STALLED=${STALLED:-20}
HOLD=${HOLD:-30}
OUT=rest/target/bench
mkdir -p "$OUT"
command -v python3 >/dev/null || { echo "python3 is missing" >&2; exit 2; }
if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
  echo "port $PORT is in use: stop what holds it or set PORT" >&2; exit 2
fi

# the reactor's own modules come from their target/ folders (never from ~/.m2)
mvn -B -q -pl rest -am test-compile dependency:build-classpath -DskipTests \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench/test-classpath.txt >/dev/null
CP="rest/target/test-classes:rest/target/classes:$(cat rest/target/bench/test-classpath.txt)"
java -Xmx256m -XX:+UseG1GC ${BENCH_JAVA_OPTS:-} -Duser.timezone=UTC \
  --add-opens=java.base/java.nio=ALL-UNNAMED -Dlog4j2.configurationFile=conf/log4j2-cli.xml \
  -cp "$CP" io.moodstream.rest.bench.SseBenchServer "$PORT" > "$OUT/sse-server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  grep -q '^READY' "$OUT/sse-server.log" && break
  kill -0 $SERVER 2>/dev/null || { echo "server died:" >&2; tail -30 "$OUT/sse-server.log" >&2; exit 1; }
  sleep 1
done
grep -q '^READY' "$OUT/sse-server.log" || { echo "server not ready after 120 s" >&2; exit 1; }
# a few ordinary requests first, so that "before" is a service that has served something
for t in topic1 topic2 topic3; do
  curl -sf -o /dev/null "http://127.0.0.1:$PORT/api/v1/series?topic=$t&from=now-1h&step=1m"
done
sleep 5
echo "machine: $(nproc) cores, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 rest/bench/sse_load.py --port "$PORT" --pid "$SERVER" --clients "$CLIENTS" \
  --per-address "$PER_ADDRESS" --stalled "$STALLED" --hold "$HOLD" | tee "$OUT/sse-load.json"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
