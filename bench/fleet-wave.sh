#!/usr/bin/env bash
# Fleet wave benchmark (issue 15): N hosts (default 50) fail of one cause within a minute. N agents speak the real
# link (TLS 1.3, their own keys and enrollments) to one hub whose HubIncidents and Slack notifier post into a Slack
# stand-in that takes one message a second per channel (429 with Retry-After: 1 beyond it), each agent retrying as
# its watch does. Prints how long until every host's incident was in Slack, the root messages (one), each host's
# card and diagnosis (once each) and the group root's text. Agent keys are made once in target/bench-wave/agents.
#
# Settings: BENCH_HOSTS (default 50).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f target/test-classes/dev/dockerdoctor/app/FleetWave.class ]; then
    echo "building the test classes ..." >&2
    mvn -o -q -B test-compile
fi
CP_FILE=target/bench-classpath.txt
[ -f "$CP_FILE" ] || mvn -o -q -B dependency:build-classpath -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test >/dev/null
exec java -Dbench.hosts="${BENCH_HOSTS:-50}" -Dorg.slf4j.simpleLogger.defaultLogLevel=error \
    -cp "target/test-classes:target/classes:$(cat "$CP_FILE")" dev.dockerdoctor.app.FleetWave
