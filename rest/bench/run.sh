#!/usr/bin/env bash
# REST benchmark: loopback only, bounded in time (~1 min of seeding, 45 s warm-up, 4 x DURATION).
# Starts BenchServer (HBase mini cluster seeded with DAYS days of minute data for 5 topics,
# plus hour/day rollups, through storage's BucketWriter; the REST service on PORT), then measures
# with wrk (Debian package `wrk`: apt-get install -y wrk):
#   p50/p99 of a 24 h minute series, a 30-day hourly series, a 1-year daily series (CONNS connections),
#   and requests/s of the 24 h minute series at 50 concurrent connections.
# Usage: rest/bench/run.sh            (env: PORT=18080 DAYS=30 DURATION=15s CONNS=4)
set -euo pipefail
cd "$(dirname "$0")/../.."
PORT=${PORT:-18080}
DAYS=${DAYS:-30}
DURATION=${DURATION:-15s}
CONNS=${CONNS:-4}
OUT=rest/target/bench
mkdir -p "$OUT"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }
if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
  echo "port $PORT is in use: stop what holds it or set PORT" >&2; exit 2
fi

# the reactor's own modules come from their target/ folders (never from ~/.m2)
mvn -B -q -pl rest -am test-compile dependency:build-classpath -DskipTests \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench/test-classpath.txt >/dev/null
CP="rest/target/test-classes:rest/target/classes:$(cat rest/target/bench/test-classpath.txt)"
# shellcheck disable=SC2086
java -Xmx2g ${BENCH_JAVA_OPTS:-} -Duser.timezone=UTC --add-opens=java.base/java.lang=ALL-UNNAMED \
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
  --add-opens=java.base/java.nio=ALL-UNNAMED -Dlog4j2.configurationFile=rest/src/test/resources/log4j2-test.xml \
  -cp "$CP" io.moodstream.rest.bench.BenchServer "$PORT" "$DAYS" > "$OUT/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do
  grep -q '^READY' "$OUT/server.log" && break
  kill -0 $SERVER 2>/dev/null || { echo "server died:" >&2; tail -30 "$OUT/server.log" >&2; exit 1; }
  sleep 1
done
grep -q '^READY' "$OUT/server.log" || { echo "server not ready after 300 s" >&2; exit 1; }
grep '^seeded' "$OUT/server.log"

BASE="http://127.0.0.1:$PORT/api/v1/series?topic=topic1"
# warm-up (JIT: C2 needs ~30 s of this load on 2 busy cores; block cache; the settled-bucket cache):
# not measured
for q in "from=now-24h&step=1m" "from=now-30d&step=1h" "from=now-365d&step=1d"; do
  wrk -t2 -c4 -d15s -H 'Accept-Encoding: gzip' "$BASE&$q" > /dev/null
done
echo "machine: $(nproc) cores, load average before measuring: $(cut -d' ' -f1-3 /proc/loadavg)"
run() { # name connections url
  local name=$1 c=$2 url=$3
  curl -sf -o /dev/null "$url" || { echo "$name: $url fails" >&2; exit 1; }
  wrk -t2 -c"$c" -d"$DURATION" --latency -H 'Accept-Encoding: gzip' "$url" > "$OUT/$name.txt"
  local p50 p99 rps
  p50=$(awk '$1=="50%"{print $2}' "$OUT/$name.txt")
  p99=$(awk '$1=="99%"{print $2}' "$OUT/$name.txt")
  rps=$(awk '/^Requests\/sec/{print $2}' "$OUT/$name.txt")
  printf '%-28s c=%-3s p50=%-9s p99=%-9s req/s=%s  (%s bytes gzip)\n' "$name" "$c" "$p50" "$p99" "$rps" \
    "$(curl -s -H 'Accept-Encoding: gzip' "$url" | wc -c)"
}
run minutes-24h "$CONNS" "$BASE&from=now-24h&step=1m"
run hours-30d "$CONNS" "$BASE&from=now-30d&step=1h"
run days-1y "$CONNS" "$BASE&from=now-365d&step=1d"
run minutes-24h-c50 50 "$BASE&from=now-24h&step=1m"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
curl -s "http://127.0.0.1:$PORT/metrics" | grep -E '^moodstream_hbase_read_duration_seconds_(sum|count)' || true
