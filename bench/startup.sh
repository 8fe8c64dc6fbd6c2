#!/usr/bin/env bash
# Start-up time and idle memory of server/target/muse-server.jar, with the embedded PostgreSQL and
# with an external one, for the JVM's default flags (the baseline) and the flags the README recommends.
# See bench/README.md. Usage: bench/startup.sh [runs]   (default 5; also RUNS=n, IDLE_SECONDS=n, KEEP=1)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=$ROOT/server/target/muse-server.jar
RUNS=${1:-${RUNS:-5}}
IDLE_SECONDS=${IDLE_SECONDS:-10}
READY_TIMEOUT_SECONDS=120
STOP_TIMEOUT_SECONDS=30

die() { echo "bench: $*" >&2; exit 1; }

[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "runs must be a positive number, not '$RUNS'"
[[ -f $JAR ]] || die "$JAR is missing. This script builds nothing; build first with: ./mvnw -q -B package -DskipTests"
command -v curl >/dev/null || die "curl is needed to poll the server"

find_java() {
    if [[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/java ]]; then
        echo "$JAVA_HOME/bin/java"
        return
    fi
    local candidate
    for candidate in /usr/lib/jvm/temurin-25*/bin/java /usr/lib/jvm/*-25*/bin/java /usr/lib/jvm/temurin-2[1-9]*/bin/java; do
        if [[ -x $candidate ]]; then
            echo "$candidate"
            return
        fi
    done
    command -v java || die "no JDK found: set JAVA_HOME to a JDK 21+ (Temurin 25 recommended)"
}
JAVA=$(find_java)

# -- the flag sets compared. "recommended" is what the README tells people to use. ----------------
# The data directory placeholder @DATA@ is replaced per instance (the class-data archive lives there).
declare -a SET_NAMES=(default serial-small-heap serial-small-heap-c1 recommended)
declare -A SET_FLAGS=(
    [default]=""
    [serial-small-heap]="-XX:+UseSerialGC -Xms16m -Xmx256m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30"
    [serial-small-heap-c1]="-XX:+UseSerialGC -Xms16m -Xmx256m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:TieredStopAtLevel=1"
    [recommended]="-XX:+UseSerialGC -Xms16m -Xmx256m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:TieredStopAtLevel=1 -XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=@DATA@/muse.jsa"
)

WORK=$(mktemp -d "${TMPDIR:-/tmp}/muse-bench.XXXXXX")
chmod 755 "$WORK" # the postgres user must reach the external cluster below
MUSE_PID=""
PGBIN=""
PGDATA=$WORK/external-pg

cleanup() {
    if [[ -n $MUSE_PID ]] && kill -0 "$MUSE_PID" 2>/dev/null; then
        kill -TERM "$MUSE_PID" 2>/dev/null || true
        wait "$MUSE_PID" 2>/dev/null || true
    fi
    if [[ -n $PGBIN && -f $PGDATA/postmaster.pid ]]; then
        as_postgres "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null 2>&1 || true
    fi
    if [[ ${KEEP:-0} == 1 ]]; then
        echo "bench: kept $WORK" >&2
    else
        rm -rf "$WORK"
    fi
}
trap cleanup EXIT

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

free_port() {
    local port
    while true; do
        port=$(( 20000 + RANDOM % 40000 ))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return
        fi
    done
}

as_postgres() {
    if [[ $(id -u) == 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

# -- one Muse start: launches the jar and polls until any HTTP answer ---------------------------------
# usage: start_muse <data-dir> <log> <flags> [VAR=value...]; sets MUSE_PID, MUSE_PORT and START_MS
# (not printed: a $(...) subshell would not be the parent of the JVM)
start_muse() {
    local data=$1 log=$2 flags=${3//@DATA@/$1}
    shift 3
    MUSE_PORT=$(free_port)
    mkdir -p "$data"
    local started
    started=$(now_ms)
    # shellcheck disable=SC2086 # flags are a word list on purpose
    env MUSE_PORT="$MUSE_PORT" MUSE_BIND_ADDRESS=127.0.0.1 MUSE_DATA_DIR="$data" "$@" \
        "$JAVA" $flags -jar "$JAR" >"$log" 2>&1 &
    MUSE_PID=$!
    local deadline=$(( started + READY_TIMEOUT_SECONDS * 1000 ))
    until curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$MUSE_PORT/"; do
        if ! kill -0 "$MUSE_PID" 2>/dev/null; then
            cat "$log" >&2
            die "Muse exited before answering HTTP (log above)"
        fi
        if (( $(now_ms) > deadline )); then
            die "Muse did not answer HTTP within ${READY_TIMEOUT_SECONDS} s; log: $log"
        fi
        sleep 0.02
    done
    START_MS=$(( $(now_ms) - started ))
}

stop_muse() {
    kill -TERM "$MUSE_PID"
    local deadline=$(( $(now_ms) + STOP_TIMEOUT_SECONDS * 1000 ))
    while kill -0 "$MUSE_PID" 2>/dev/null; do
        if (( $(now_ms) > deadline )); then
            kill -KILL "$MUSE_PID" 2>/dev/null || true
            die "Muse (pid $MUSE_PID) did not stop within ${STOP_TIMEOUT_SECONDS} s of SIGTERM"
        fi
        sleep 0.05
    done
    wait "$MUSE_PID" 2>/dev/null || true
    MUSE_PID=""
}

rss_mb() { awk -v key="$2:" '$1 == key { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }

# "median min max" of the numbers given
stats() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%d %d %d\n", m, v[1], v[NR] }'; }

# -- external PostgreSQL: Debian's packages, a throw-away cluster on a free port ----------------------
setup_external_postgres() {
    PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [[ -z $PGBIN ]]; then
        [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null \
            || die "PostgreSQL is not installed; install Debian's postgresql package (or run as root to let this script do it)"
        echo "bench: installing Debian's postgresql package" >&2
        apt-get install -y postgresql >/dev/null || { apt-get update >/dev/null && apt-get install -y postgresql >/dev/null; }
        PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    fi
    PGPORT=$(free_port)
    mkdir -p "$PGDATA"
    if [[ $(id -u) == 0 ]]; then
        chown postgres: "$PGDATA"
    fi
    as_postgres "$PGBIN/initdb" -D "$PGDATA" -A trust -U postgres -E UTF8 --no-sync >"$WORK/initdb.log" 2>&1 \
        || { cat "$WORK/initdb.log" >&2; die "initdb failed"; }
    as_postgres "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w \
        -o "-p $PGPORT -c listen_addresses=127.0.0.1 -k $PGDATA" start >/dev/null \
        || die "the external PostgreSQL did not start; see $PGDATA/server.log"
    as_postgres "$PGBIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U postgres muse
    EXTERNAL_ENV=(MUSE_DB_URL="jdbc:postgresql://127.0.0.1:$PGPORT/muse" MUSE_DB_USER=postgres)
}

# -- where start-up time goes: one run with timestamped logs ------------------------------------------
TIMING_LOGGING=$WORK/timing-logging.properties
cat >"$TIMING_LOGGING" <<'EOF'
handlers=java.util.logging.ConsoleHandler
java.util.logging.ConsoleHandler.level=ALL
java.util.logging.SimpleFormatter.format=@%1$tQ %3$s - %5$s%n
.level=INFO
EOF

# prints "phase ms" lines from a log written with TIMING_LOGGING, relative to the launch time
phases() {
    local log=$1 launched=$2 ready=$3
    awk -v t0="$launched" -v ready="$ready" '
        function at(name, line) { if (!(name in seen)) { seen[name] = substr(line, 2, 13) + 0; order[++n] = name } }
        /^@[0-9]+ io.helidon.logging.jul.JulProvider/      { at("jvm+logging", $0) }
        /^@[0-9]+ .*EmbeddedPostgres - Detected a/          { at("config loaded", $0) }
        /^@[0-9]+ .*EmbeddedPostgres - Postgres binaries at/ { at("zonky binaries checked", $0) }
        /^@[0-9]+ .*EmbeddedPostgres - .*startup finished/ { at("postgres up", $0) }
        /^@[0-9]+ .*HikariDataSource - muse-db - Starting/  { at("pool starting", $0) }
        /^@[0-9]+ .*HikariDataSource - muse-db - Start completed/ { at("pool connected", $0) }
        /^@[0-9]+ .*DbMigrate - (Schema .* is up to date|Successfully applied)/ { at("flyway done", $0) }
        /^@[0-9]+ .*LoomServer - Started all channels/      { at("http listening", $0) }
        END {
            previous = t0
            for (i = 1; i <= n; i++) {
                printf "  %-24s at %5d ms  (+%d)\n", order[i], seen[order[i]] - t0, seen[order[i]] - previous
                previous = seen[order[i]]
            }
            printf "  %-24s at %5d ms  (+%d)\n", "first HTTP answer", ready - t0, ready - previous
        }' "$log"
}

timed_breakdown() {
    local label=$1 data=$2 flags=$3
    shift 3
    local launched
    launched=$(now_ms)
    start_muse "$data" "$WORK/timing.log" "$flags -Djava.util.logging.config.file=$TIMING_LOGGING" "$@"
    stop_muse
    echo "$label:"
    phases "$WORK/timing.log" "$launched" $(( launched + START_MS ))
}

# -- the runs ------------------------------------------------------------------------------------------
declare -A START_MEDIAN START_MIN START_MAX RSS PEAK

# measure <mode> <set> <data-dir> [VAR=value...]: one untimed warm-up start (fills the OS cache and,
# for the recommended set, writes the class-data archive at exit), then RUNS timed starts; the last
# one idles IDLE_SECONDS before VmRSS is read.
measure() {
    local mode=$1 set=$2 data=$3
    shift 3
    local flags=${SET_FLAGS[$set]} times=() i
    start_muse "$data" "$WORK/$mode-$set-warmup.log" "$flags" "$@"
    stop_muse
    for (( i = 1; i <= RUNS; i++ )); do
        start_muse "$data" "$WORK/$mode-$set-$i.log" "$flags" "$@"
        times+=("$START_MS")
        if (( i == RUNS )); then
            sleep "$IDLE_SECONDS" # the idle period is the measurement, not a wait for a condition
            RSS[$mode,$set]=$(rss_mb "$MUSE_PID" VmRSS)
            PEAK[$mode,$set]=$(rss_mb "$MUSE_PID" VmHWM)
        fi
        stop_muse
    done
    read -r "START_MEDIAN[$mode,$set]" "START_MIN[$mode,$set]" "START_MAX[$mode,$set]" < <(stats "${times[@]}")
    echo "bench: $mode / $set: starts ${times[*]} ms, idle RSS ${RSS[$mode,$set]} MB" >&2
}

RESULTS_DIR=$ROOT/bench/results
mkdir -p "$RESULTS_DIR"
RESULT=$RESULTS_DIR/startup-$(date +%Y%m%d-%H%M%S).txt

echo "bench: JDK $JAVA, $RUNS runs per flag set, work dir $WORK" >&2
setup_external_postgres

REC=${SET_FLAGS[recommended]}
start_muse "$WORK/embedded-first" "$WORK/embedded-first.log" "$REC"
FIRST_EMBEDDED=$START_MS
stop_muse
start_muse "$WORK/external-first" "$WORK/external-first.log" "$REC" "${EXTERNAL_ENV[@]}"
FIRST_EXTERNAL=$START_MS
stop_muse

for set in "${SET_NAMES[@]}"; do
    measure embedded "$set" "$WORK/embedded-$set"
    measure external "$set" "$WORK/external-$set" "${EXTERNAL_ENV[@]}"
done

BREAKDOWN=$(
    timed_breakdown "embedded, default flags" "$WORK/embedded-default" ""
    timed_breakdown "embedded, recommended flags" "$WORK/embedded-recommended" "$REC"
    timed_breakdown "external, default flags" "$WORK/external-default" "" "${EXTERNAL_ENV[@]}"
    timed_breakdown "external, recommended flags" "$WORK/external-recommended" "$REC" "${EXTERNAL_ENV[@]}"
)

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0) ? a / b : 0 }'; }

{
    echo "Muse start-up benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "jar:     $JAR ($(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo 'no git'))"
    echo "java:    $JAVA ($("$JAVA" -version 2>&1 | head -n 1))"
    echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo), load average $(cut -d ' ' -f 1-3 /proc/loadavg) at the end"
    echo "external PostgreSQL: $("$PGBIN/postgres" --version) on 127.0.0.1; embedded: zonky under <data-dir>/postgres"
    echo "runs per flag set: $RUNS (after one untimed warm-up start); RSS of the Muse JVM after ${IDLE_SECONDS} s idle"
    echo
    echo "Time from 'java -jar' to the first HTTP answer (ms):"
    echo "  first start, embedded (initdb + migrations), recommended flags: $FIRST_EMBEDDED"
    echo "  first start, external (empty database: migrations), recommended flags: $FIRST_EXTERNAL"
    echo
    printf '%-10s %-22s %8s %6s %6s %8s %9s %9s %9s\n' database "flag set" median min max "x base" "idle RSS" "x base" "peak RSS"
    for mode in external embedded; do
        for set in "${SET_NAMES[@]}"; do
            printf '%-10s %-22s %8s %6s %6s %8s %6s MB %9s %6s MB\n' "$mode" "$set" \
                "${START_MEDIAN[$mode,$set]}" "${START_MIN[$mode,$set]}" "${START_MAX[$mode,$set]}" \
                "$(ratio "${START_MEDIAN[$mode,$set]}" "${START_MEDIAN[$mode,default]}")" \
                "${RSS[$mode,$set]}" "$(ratio "${RSS[$mode,$set]}" "${RSS[$mode,default]}")" "${PEAK[$mode,$set]}"
        done
    done
    echo
    echo "Goals (issue 2): ready < 3000 ms with an external database; idle RSS < 150 MB."
    echo "  external, recommended: ${START_MEDIAN[external,recommended]} ms, ${RSS[external,recommended]} MB"
    echo "  embedded, recommended: ${START_MEDIAN[embedded,recommended]} ms, ${RSS[embedded,recommended]} MB"
    echo
    for set in "${SET_NAMES[@]}"; do
        printf '%-22s %s\n' "$set:" "${SET_FLAGS[$set]:-(no flags)}"
    done
    echo
    echo "Where start-up time goes (one run each, from log timestamps; 'at' is since 'java -jar'):"
    echo "$BREAKDOWN"
} | tee "$RESULT"
echo "bench: written to $RESULT" >&2
