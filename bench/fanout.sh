#!/usr/bin/env bash
# Delivery fan-out: one activity to 10,000 followers on 1,000 fake instances on loopback, against a same-run
# baseline of unsigned POSTs. See bench/README.md. Usage: bench/fanout.sh [runs]   (default 3)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${1:-3}
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || { echo "bench: runs must be a positive number, not '$RUNS'" >&2; exit 1; }
# compiles the server with its tests and sets CP to the test classpath; installs nothing
source "$ROOT/bench/test-classpath.sh"
# 1,000 listening sockets, their connections and the client's
ulimit -n 16384 2>/dev/null || ulimit -n "$(ulimit -Hn)"
exec "$JAVA_HOME/bin/java" -cp "$CP" social.muse.server.bench.DeliveryFanOutBench "$RUNS"
