#!/usr/bin/env bash
# The board benchmark: see README.md. Run from anywhere; writes bench/target/board/.
#   bench/board/run.sh [CLIENTS] [ROUNDS] [WARMUPS] [SENDERS]   builds test classes; defaults 100 streams, 30 rounds after 5, 4 sender threads
#   SKIP_BUILD=1 bench/board/run.sh                     reuse target/classes and target/test-classes
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$root/bench/target/board"
mkdir -p "$out"
cd "$root"
if [[ -z "${SKIP_BUILD:-}" ]]; then
  mvn -B -o -q test-compile
fi
mvn -B -o -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$out/classpath.txt"
cp="$root/target/classes:$root/target/test-classes:$(cat "$out/classpath.txt")"
mkdir -p "$out/classes"
javac -d "$out/classes" -cp "$cp" "$here/BoardBench.java"
java "-Dlogging.config=$root/bench/logback-bench.xml" -cp "$cp:$out/classes" BoardBench "$@" \
  | tee "$out/result.txt"
