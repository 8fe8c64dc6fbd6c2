#!/usr/bin/env bash
# Delivery fan-out: one activity to 10,000 followers on 1,000 fake instances on loopback, against a same-run
# baseline of unsigned POSTs. See bench/README.md. Usage: bench/fanout.sh [runs]   (default 3)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${1:-3}
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || { echo "bench: runs must be a positive number, not '$RUNS'" >&2; exit 1; }
export JAVA_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && bin/muse java-home)"
CLASSPATH_FILE=$(mktemp)
trap 'rm -f "$CLASSPATH_FILE"' EXIT

cd "$ROOT"
# compiles the server with its tests and writes the test classpath; installs nothing
./mvnw -q -B -pl server -am test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$CLASSPATH_FILE" >/dev/null
CP=$ROOT/server/target/test-classes:$ROOT/server/target/classes:$(cat "$CLASSPATH_FILE")
# 1,000 listening sockets, their connections and the client's
ulimit -n 16384 2>/dev/null || ulimit -n "$(ulimit -Hn)"
exec "$JAVA_HOME/bin/java" -cp "$CP" social.muse.server.bench.DeliveryFanOutBench "$RUNS"
