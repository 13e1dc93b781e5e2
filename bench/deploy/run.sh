#!/usr/bin/env bash
# The deploy benchmark: see README.md. Run from anywhere; writes bench/target/deploy/.
#   bench/deploy/run.sh [ROUNDS] [WARMUPS]             builds test classes, then ROUNDS (default 10) interleaved rounds
#   SKIP_BUILD=1 bench/deploy/run.sh                    reuse target/classes and target/test-classes
# Needs bash, curl, git, and mount namespaces (root, or unprivileged user namespaces), as SeedScriptTest does.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$root/bench/target/deploy"
mkdir -p "$out"
cd "$root"
if [[ -z "${SKIP_BUILD:-}" ]]; then
  mvn -B -o -q test-compile
fi
mvn -B -o -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$out/classpath.txt"
cp="$root/target/classes:$root/target/test-classes:$(cat "$out/classpath.txt")"
mkdir -p "$out/classes"
javac -d "$out/classes" -cp "$cp" "$here/DeployBench.java"
java "-Dlogging.config=$root/bench/logback-bench.xml" -cp "$cp:$out/classes" DeployBench "$@" \
  | tee "$out/result.txt"
