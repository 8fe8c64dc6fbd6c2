#!/usr/bin/env bash
# Inbound federation: signed activities accepted durably per second and their latency, against same-run baselines
# (a route that does no work; plain inserts into inbox_items). See bench/README.md.
# Usage: bench/inbound.sh [runs] [activities per case] [connections]   (defaults 3, 5000, 32)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${1:-3}
ACTIVITIES=${2:-5000}
CONNECTIONS=${3:-32}
for value in "$RUNS" "$ACTIVITIES" "$CONNECTIONS"; do
    [[ $value =~ ^[1-9][0-9]*$ ]] || { echo "bench: arguments must be positive numbers, not '$value'" >&2; exit 1; }
done
# compiles the server with its tests and sets CP to the test classpath; installs nothing
source "$ROOT/bench/test-classpath.sh"
mkdir -p bench/results
RESULT=bench/results/inbound-$(date -u +%Y%m%dT%H%M%SZ)
# C2 on (a busy server would not run with TieredStopAtLevel=1); the heap is sized so that GC is not the question.
# The server's log (one access-log line per delivery) goes to a file, as it would in production, not to a terminal.
"$JAVA_HOME/bin/java" -Xms512m -Xmx512m -cp "$CP" social.muse.server.bench.InboundBench \
    "$RUNS" "$ACTIVITIES" "$CONNECTIONS" "$RESULT.txt" >"$RESULT.log" 2>&1 \
    || { tail -n 40 "$RESULT.log" >&2; echo "bench: failed, full log in $RESULT.log" >&2; exit 1; }
cat "$RESULT.txt"
echo "report in $RESULT.txt, server log in $RESULT.log"
