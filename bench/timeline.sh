#!/usr/bin/env bash
# Home timeline at a fixed request rate: latency percentiles against same-run baselines (the health check and
# verify_credentials). See bench/README.md.
# Usage: bench/timeline.sh [runs] [requests per second] [seconds per case] [connections]   (defaults 3, 1000, 15, 64)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${1:-3}
RATE=${2:-1000}
SECONDS_PER_CASE=${3:-15}
CONNECTIONS=${4:-64}
for value in "$RUNS" "$RATE" "$SECONDS_PER_CASE" "$CONNECTIONS"; do
    [[ $value =~ ^[1-9][0-9]*$ ]] || { echo "bench: arguments must be positive numbers, not '$value'" >&2; exit 1; }
done
# compiles the server with its tests and sets CP to the test classpath; installs nothing
source "$ROOT/bench/test-classpath.sh"
mkdir -p bench/results
RESULT=bench/results/timeline-$(date -u +%Y%m%dT%H%M%SZ)
# C2 on, as a busy server would run; the server's access log goes to a file, as in production.
"$JAVA_HOME/bin/java" -Xms512m -Xmx512m -cp "$CP" social.muse.server.bench.TimelineBench \
    "$RUNS" "$RATE" "$SECONDS_PER_CASE" "$CONNECTIONS" "$RESULT.txt" >"$RESULT.log" 2>&1 \
    || { tail -n 40 "$RESULT.log" >&2; echo "bench: failed, full log in $RESULT.log" >&2; exit 1; }
cat "$RESULT.txt"
echo "report in $RESULT.txt, server log in $RESULT.log"
