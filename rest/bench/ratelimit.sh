#!/usr/bin/env bash
# Rate limits under a flood from one address: 3,000 score calls (8 keep-alive connections) and 60
# reads of 7 days at 5-minute steps, against the service alone (bench.SseBenchServer, synthetic
# in-memory store) with the default limits (rest.ratelimit.*: score 20/s burst 40, expensive reads
# 30/min burst 10). Output: rest/target/bench/ratelimit.json. Loopback only, < 1 min.
# Usage: rest/bench/ratelimit.sh     (env: PORT=18093 REQUESTS=3000; MOODSTREAM_REST_* to change limits)
set -euo pipefail
cd "$(dirname "$0")/../.."
PORT=${PORT:-18093}
REQUESTS=${REQUESTS:-3000}
OUT=rest/target/bench
mkdir -p "$OUT"
if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
  echo "port $PORT is in use: stop what holds it or set PORT" >&2; exit 2
fi
mvn -B -q -pl rest -am test-compile dependency:build-classpath -DskipTests \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench/test-classpath.txt >/dev/null
CP="rest/target/test-classes:rest/target/classes:$(cat rest/target/bench/test-classpath.txt)"
java -Xmx256m -XX:+UseG1GC -Dlog4j2.configurationFile=conf/log4j2-cli.xml \
  -cp "$CP" io.moodstream.rest.bench.SseBenchServer "$PORT" > "$OUT/ratelimit-server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  grep -q '^READY' "$OUT/ratelimit-server.log" && break
  kill -0 $SERVER 2>/dev/null || { echo "server died" >&2; tail -30 "$OUT/ratelimit-server.log" >&2; exit 1; }
  sleep 1
done
echo "machine: $(nproc) cores, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
{
  python3 rest/bench/flood.py --port "$PORT" --path '/api/v1/score?text=I%20love%20it' \
    --requests "$REQUESTS" --threads 8
  python3 rest/bench/flood.py --port "$PORT" \
    --path '/api/v1/series?topic=topic1&from=now-7d&step=5m' --requests 60 --threads 2
} | tee "$OUT/ratelimit.json"
curl -s "http://127.0.0.1:$PORT/metrics" | grep '^moodstream_http_rejected_total' || true
