#!/usr/bin/env bash
# Replay benchmark: 1,000,000 generated v1.1 statuses, `ingest replay --speed max` into a local
# Kafka broker (child JVM). Usage: ingest/bench/replay-benchmark.sh [N] [DIR]
# BENCH_WARMUP=0 measures a cold JVM; MOODSTREAM_INGEST_* variables reach ingest (e.g.
# MOODSTREAM_INGEST_KAFKA_POST_FORMAT=json against the default binary records). Builds from the
# reactor (package, never install: ~/.m2 is shared and our SNAPSHOTs must not land there).
set -euo pipefail
case "${1:-}" in -h | --help)
  sed -n '2,6p' "$0" | cut -c3-
  exit 0
  ;;
esac
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
mvn -B -q -pl ingest -am package -DskipTests dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt </dev/null
cd ingest
exec java -Xmx2g -Dlog4j2.configurationFile=../conf/log4j2-cli.xml \
  -cp "target/classes:target/test-classes:$(cat target/bench-classpath.txt)" \
  io.moodstream.ingest.bench.ReplayBenchmark "${1:-1000000}" "${2:-target/bench}"
