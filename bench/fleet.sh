#!/usr/bin/env bash
# Fleet benchmark (issue 15): serve as the hub, with the shipped JVM flags (deploy/jvm.options) and a Slack
# stand-in, and N simulated agents speaking the real protocol (TLS 1.3, pinned certificates, Jetty's WebSocket),
# then one real `agent` process. Prints: time to enroll and connect all N, a signed /docker-status answered with
# the fleet's lines (from the command to the answer), the hub's and the real agent's resident memory. Agent keys
# are made once (keytool) and kept in target/bench-fleet/agents.
#
# Settings: BENCH_AGENTS (default 200).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f target/docker-doctor.jar ] || [ ! -f target/test-classes/dev/dockerdoctor/bench/FleetBench.class ]; then
    echo "building the jar and the test classes ..." >&2
    mvn -o -q -B package -DskipTests
fi
CP_FILE=target/bench-classpath.txt
[ -f "$CP_FILE" ] || mvn -o -q -B dependency:build-classpath -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test >/dev/null
exec java -Dbench.agents="${BENCH_AGENTS:-200}" -Dorg.slf4j.simpleLogger.defaultLogLevel=error \
    -cp "target/test-classes:target/classes:$(cat "$CP_FILE")" dev.dockerdoctor.bench.FleetBench
