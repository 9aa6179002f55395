#!/usr/bin/env bash
# Log-scan benchmark (issue 3): the whole `diagnose --since 24h` process against one
# `grep -c -E 'dockerd|containerd|apt'` over the same syslog of at least 1 GiB.
#
# Makes a host root with /var/log/syslog (old lines spread over BENCH_DAYS days, the last 24 h at the same density,
# the story's upgrade-and-restart three hours ago) plus the matching dpkg.log and apt history.log, then runs each
# command BENCH_RUNS times, alternating, with the file in the page cache for both, and prints the medians, their
# ratio, the log phase as diagnose itself measures it (JSON logs.elapsedMillis) and diagnose's peak RSS.
#
# Settings: BENCH_SIZE (bytes, default 1 GiB), BENCH_DAYS (default 90), BENCH_RUNS (default 5),
# BENCH_DIR (reuse a host root; made afresh in /tmp and removed otherwise), JAR (default target/docker-doctor.jar).
set -euo pipefail
cd "$(dirname "$0")/.."

SIZE=${BENCH_SIZE:-1073741824}
DAYS=${BENCH_DAYS:-90}
RUNS=${BENCH_RUNS:-5}
JAR=${JAR:-target/docker-doctor.jar}
PATTERN='dockerd|containerd|apt'

if [ ! -f "$JAR" ]; then
    echo "building $JAR ..." >&2
    mvn -o -q -B package -DskipTests
fi

CLEAN=0
DIR=${BENCH_DIR:-}
if [ -z "$DIR" ]; then
    DIR=$(mktemp -d /tmp/docker-doctor-bench.XXXXXX)
    CLEAN=1
fi
WORK=$(mktemp -d /tmp/docker-doctor-bench-out.XXXXXX)
cleanup() {
    rm -rf "$WORK"
    if [ "$CLEAN" = 1 ]; then rm -rf "$DIR"; fi
}
trap cleanup EXIT

LOG=$DIR/var/log/syslog
# the incident is placed 3 h before "now" when the file is made: remake a file older than 6 h
if [ ! -f "$LOG" ] || [ "$(stat -c %s "$LOG")" -lt "$SIZE" ] || [ -n "$(find "$LOG" -mmin +360)" ]; then
    echo "making a syslog of $SIZE bytes over $DAYS days + 1 under $DIR ..." >&2
    java bench/GenLogs.java "$DIR" "$SIZE" "$DAYS" > /dev/null
fi

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

# "peak-RSS-KiB cpu-ms" of a command (cpu = user + sys, all threads; 0 when /usr/bin/time is missing); stdout to $1
run_measured() {
    local out=$1; shift
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f '%M %U %S' -o "$WORK/rss" "$@" > "$out" 2> "$WORK/stderr" || true
        tail -1 "$WORK/rss" | awk '{printf "%d %d\n", $1, ($2 + $3) * 1000}'
    else
        "$@" > "$out" 2> "$WORK/stderr" &
        local pid=$! hwm=0 v
        while kill -0 "$pid" 2> /dev/null; do
            v=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status" 2> /dev/null || true)
            [ -n "$v" ] && hwm=$v
            sleep 0.01
        done
        wait "$pid" || true
        echo "$hwm 0"
    fi
}

cat "$LOG" > /dev/null   # into the page cache, for both contenders alike
LOAD=$(cut -d' ' -f1-3 /proc/loadavg)

: > "$WORK/grep.ms"; : > "$WORK/diag.ms"; : > "$WORK/phase.ms"; : > "$WORK/rss.kb"; : > "$WORK/grep.cpu"; : > "$WORK/diag.cpu"
for i in $(seq 1 "$RUNS"); do
    t0=$(now_ms)
    m=$(run_measured "$WORK/count" grep -c -E "$PATTERN" "$LOG")
    t1=$(now_ms)
    COUNT=$(cat "$WORK/count")
    echo $(( t1 - t0 )) >> "$WORK/grep.ms"
    echo "${m#* }" >> "$WORK/grep.cpu"

    t0=$(now_ms)
    m=$(run_measured "$WORK/out.json" java -Xmx256m -jar "$JAR" diagnose --json --since 24h \
        --host-root "$DIR" --docker-host unix:///nonexistent.sock)
    t1=$(now_ms)
    echo $(( t1 - t0 )) >> "$WORK/diag.ms"
    echo "${m% *}" >> "$WORK/rss.kb"
    echo "${m#* }" >> "$WORK/diag.cpu"
    phase=$(grep -o '"elapsedMillis" *: *[0-9]*' "$WORK/out.json" | grep -o '[0-9]*$' || true)
    if [ -z "$phase" ]; then
        echo "diagnose printed no logs.elapsedMillis; its stderr:" >&2
        cat "$WORK/stderr" >&2
        exit 2
    fi
    echo "$phase" >> "$WORK/phase.ms"
done

if ! grep -q '"docker-restarted-by-upgrade"' "$WORK/out.json"; then
    echo "warning: diagnose did not find docker-restarted-by-upgrade in the benchmark's logs" >&2
fi

GREP=$(median < "$WORK/grep.ms")
DIAG=$(median < "$WORK/diag.ms")
PHASE=$(median < "$WORK/phase.ms")
RSS=$(sort -n "$WORK/rss.kb" | tail -1)
BYTES=$(stat -c %s "$LOG")
EVENTS=$(grep -c '"kind"' "$WORK/out.json" || true)

printf 'syslog            %s: %.2f GiB, %d days + the last 24 h; grep counted %s matching lines\n' \
    "$LOG" "$(awk -v b="$BYTES" 'BEGIN {print b / 1073741824}')" "$DAYS" "$COUNT"
printf 'load average      %s (2 cores here: other work on the machine slows both)\n' "$LOAD"
printf 'grep -c -E        median %6d ms   runs: %s   (cpu median %d ms)\n' "$GREP" "$(paste -sd' ' "$WORK/grep.ms")" "$(median < "$WORK/grep.cpu")"
printf 'diagnose 24h      median %6d ms   runs: %s   (cpu median %d ms, all threads; whole java -Xmx256m process; %s events)\n' \
    "$DIAG" "$(paste -sd' ' "$WORK/diag.ms")" "$(median < "$WORK/diag.cpu")" "$EVENTS"
printf 'ratio             diagnose / grep = %s   (target < 1)\n' "$(awk -v a="$DIAG" -v b="$GREP" 'BEGIN {printf "%.2f", a / b}')"
printf 'log phase         median %6d ms   runs: %s   = %s of grep (target < 0.1)\n' "$PHASE" "$(paste -sd' ' "$WORK/phase.ms")" \
    "$(awk -v a="$PHASE" -v b="$GREP" 'BEGIN {printf "%.3f", a / b}')"
printf 'peak RSS          %d MiB (diagnose, largest of the runs)\n' "$(( RSS / 1024 ))"
