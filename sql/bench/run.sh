#!/usr/bin/env bash
# SQL benchmark: seconds per analyst query over a DAYS-day x 5-topic minute history.
# Starts SqlBench (test scope): an HBase mini cluster seeded through storage's BucketWriter
# (as the streaming job writes), flushed and compacted, then Spark local[*] with the session
# ./moodstream sql uses; each query runs once to warm up, then RUNS times; prints the median.
# Usage: sql/bench/run.sh            (env: DAYS=30 RUNS=5; ~3-4 min on 2 cores)
set -euo pipefail
cd "$(dirname "$0")/../.."
DAYS=${DAYS:-30}
RUNS=${RUNS:-5}
OUT=sql/target/bench
mkdir -p "$OUT"
# the reactor builds what sql's tests need (schema, storage and its test-jar, rest); nothing is installed
mvn -B -q -pl sql -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$PWD/$OUT/test-classpath.txt" >"$OUT/build.log" 2>&1 \
  || { cat "$OUT/build.log" >&2; exit 1; }
CP="sql/target/test-classes:sql/target/classes:storage/target/test-classes:$(cat "$OUT/test-classpath.txt")"
OPENS=$(sed -n 's:.*<moodstream.jvm.opens>\(.*\)</moodstream.jvm.opens>.*:\1:p' pom.xml)
# shellcheck disable=SC2086
java -Xmx2g ${BENCH_JAVA_OPTS:-} -Duser.timezone=UTC $OPENS \
  -Dlog4j2.configurationFile=sql/src/test/resources/log4j2-test.xml \
  -cp "$CP" io.moodstream.sql.bench.SqlBench "$DAYS" "$RUNS" 2>"$OUT/bench.log" | tee "$OUT/result.txt"
