#!/usr/bin/env bash
# Footprint benchmark (issue 18): `serve` as a process against the Slack stand-in, with the shipped JVM flags
# (deploy/jvm.options: the file the systemd unit and the image pass to java) and with the JVM's defaults.
# Prints, per run: start to the first 200 of /healthz, resident memory idle and after N signed /docker-status
# requests (with its peak), and the requests' ack latency (p50, p99, max).
#
# Settings: BENCH_REQUESTS (default 250), BENCH_RUNS (default 3).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f target/docker-doctor.jar ] || [ ! -d target/test-classes/dev/dockerdoctor/bench ]; then
    echo "building the jar and the test classes ..." >&2
    mvn -o -q -B package -DskipTests
fi
CP_FILE=target/bench-classpath.txt
[ -f "$CP_FILE" ] || mvn -o -q -B dependency:build-classpath -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test >/dev/null
exec java -Dbench.requests="${BENCH_REQUESTS:-250}" -Dbench.runs="${BENCH_RUNS:-3}" \
    -cp "target/test-classes:target/classes:$(cat "$CP_FILE")" dev.dockerdoctor.bench.Footprint
