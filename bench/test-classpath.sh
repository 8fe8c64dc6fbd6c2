# Sourced by the benchmarks that run a main from the server's tests: compiles the server with its tests (installs
# nothing), sets JAVA_HOME to the JDK bin/muse selects, and sets CP to the test classpath. Expects ROOT (the repository) to be set.
export JAVA_HOME="$("$ROOT/bin/muse" java-home)"
CLASSPATH_FILE=$(mktemp)
trap 'rm -f "$CLASSPATH_FILE"' EXIT
cd "$ROOT"
./mvnw -q -B -pl server -am test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$CLASSPATH_FILE" >/dev/null
CP=$ROOT/server/target/test-classes:$ROOT/server/target/classes:$(cat "$CLASSPATH_FILE")
