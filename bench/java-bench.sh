#!/usr/bin/env bash
# Compiles bench/<NAME>/<MAIN>.java against the application's test class path and runs it, writing
# bench/target/<NAME>/ (result.txt is the run's output). The benchmarks' run.sh scripts call this.
#   bench/java-bench.sh NAME MAIN [ARGS...]     SKIP_BUILD=1 reuses target/classes and target/test-classes
set -euo pipefail
name="$1"; main="$2"; shift 2
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/bench/target/$name"
mkdir -p "$out"
cd "$root"
if [[ -z "${SKIP_BUILD:-}" ]]; then
  mvn -B -o -q test-compile
fi
mvn -B -o -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$out/classpath.txt"
cp="$root/target/classes:$root/target/test-classes:$(cat "$out/classpath.txt")"
mkdir -p "$out/classes"
javac -d "$out/classes" -cp "$cp" "$root/bench/$name/$main.java"
java "-Dlogging.config=$root/bench/logback-bench.xml" -cp "$cp:$out/classes" "$main" "$@" \
  | tee "$out/result.txt"
