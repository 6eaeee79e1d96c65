#!/usr/bin/env bash
# Replay benchmark: 1,000,000 generated v1.1 statuses, `ingest replay --speed max` into a local
# Kafka broker (child JVM). Usage: ingest/bench/replay-benchmark.sh [N] [DIR]
# Every MOODSTREAM_INGEST_* variable is handed to ingest, e.g. MOODSTREAM_INGEST_KAFKA_POST_FORMAT=json
# to measure the JSON records against the default binary ones.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
# -am: our modules come from the reactor (never from ~/.m2, where nothing of ours is installed)
mvn -B -q -pl ingest -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench-classpath.txt </dev/null
cd ingest
exec java -Xmx2g -Dlog4j2.configurationFile=../conf/log4j2-cli.xml \
  -cp "target/classes:target/test-classes:$(cat target/bench-classpath.txt)" \
  io.moodstream.ingest.bench.ReplayBenchmark "${1:-1000000}" "${2:-target/bench}"
