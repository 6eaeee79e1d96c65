#!/usr/bin/env bash
# Streaming benchmark: sustained posts/s over a backlog and Kafka-append -> HBase latency at a
# paced rate, with a real Kafka broker (child JVM) and an HBase mini cluster on this machine.
# Usage: streaming/bench/run.sh [backlog posts=1000000] [rate posts/s=10000] [seconds=60]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
# -am: our modules come from the reactor (never from ~/.m2, where nothing of ours is installed)
mvn -B -q -pl streaming -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt </dev/null
OPENS=$(sed -n 's:.*<moodstream.jvm.opens>\(.*\)</moodstream.jvm.opens>.*:\1:p' pom.xml)
cd streaming
# shellcheck disable=SC2086
exec java -Xmx3g ${BENCH_JAVA_OPTS:-} -Duser.timezone=UTC $OPENS \
  -Dlog4j2.configurationFile="$ROOT/conf/log4j2-cli.xml" \
  -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  io.moodstream.streaming.StreamBenchmark "$@"
