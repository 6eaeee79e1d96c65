#!/usr/bin/env bash
# Replay benchmark: 1,000,000 generated v1.1 statuses, `ingest replay --speed max` into a local
# Kafka broker (child JVM). Usage: ingest/bench/replay-benchmark.sh [N] [DIR]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
mvn -B -q -pl ingest -am install -DskipTests </dev/null
mvn -B -q -pl ingest dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench-classpath.txt </dev/null
cd ingest
exec java -Xmx2g -Dlog4j2.configurationFile=../conf/log4j2-cli.xml \
  -cp "target/classes:target/test-classes:$(cat target/bench-classpath.txt)" \
  io.moodstream.ingest.bench.ReplayBenchmark "${1:-1000000}" "${2:-target/bench}"
