#!/usr/bin/env bash
# The load benchmark: see README.md. Run from anywhere; writes bench/target/load/.
#   bench/load/run.sh [CLIENTS,...] [ROUNDS] [WINDOW_SECONDS]   builds test classes; defaults 100,200 clients, 3 rounds of 5 s
#   SKIP_BUILD=1 bench/load/run.sh                     reuse target/classes and target/test-classes
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$root/bench/target/load"
mkdir -p "$out"
cd "$root"
if [[ -z "${SKIP_BUILD:-}" ]]; then
  mvn -B -o -q test-compile
fi
mvn -B -o -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$out/classpath.txt"
cp="$root/target/classes:$root/target/test-classes:$(cat "$out/classpath.txt")"
mkdir -p "$out/classes"
javac -d "$out/classes" -cp "$cp" "$here/LoadBench.java"
java "-Dlogging.config=$root/bench/logback-bench.xml" -cp "$cp:$out/classes" LoadBench "$@" \
  | tee "$out/result.txt"
