#!/usr/bin/env bash
# The test stage benchmark: see README.md ("Test stage"). Run from anywhere; writes bench/target/test-stage/.
#   bench/run-test-stage.sh                 everything (build, check, warm 1 and 2 lanes, cold stage, JUnit baseline)
#   SKIP_BUILD=1 bench/run-test-stage.sh    reuse target/classes of an earlier 'mvn compile' or 'mvn package'
#   WARMUPS=5 ITERATIONS=10 RUNS=5          the defaults
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
suite="$here/test-suite"
out="$here/target/test-stage"
mkdir -p "$out"
cd "$root"

load() { echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"; }

if [[ -z "${SKIP_BUILD:-}" ]]; then
  mvn -B -o -q -DskipTests compile
fi
mvn -B -o -q dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$out/classpath.txt"
cp="$root/target/classes:$(cat "$out/classpath.txt")"
mkdir -p "$out/classes"
javac -d "$out/classes" -cp "$cp" "$here/src/TestStageBench.java"
cp="$cp:$out/classes"
java=(java "-Dlogback.configurationFile=$here/logback-bench.xml" -cp "$cp")

echo "== check: every test of the suite passes on ModelTests (one lane)"
"${java[@]}" TestStageBench check "$suite" | tee "$out/check.txt"

for lanes in 1 2; do
  echo "== warm: ModelTests.run, $lanes lane(s) (${WARMUPS:-5} warm-up, ${ITERATIONS:-10} measured iterations); $(load)"
  load > "$out/warm-$lanes.txt"
  "${java[@]}" TestStageBench warm "$suite" "$lanes" "${WARMUPS:-5}" "${ITERATIONS:-10}" | tee -a "$out/warm-$lanes.txt"
done

echo "== cold: one ReleaseTester.test as the stage runs it, fresh JVM (${RUNS:-5} runs); $(load)"
load > "$out/cold-load.txt"
"${java[@]}" TestStageBench cold "$suite" | tee "$out/cold-once.txt"
hyperfine --warmup 1 --runs "${RUNS:-5}" --export-markdown "$out/cold.md" --export-json "$out/cold.json" \
  -n "ReleaseTester.test (harness cold, fresh JVM)" "${java[*]} TestStageBench cold $suite"

echo "== JUnit baseline: mvn -o -q test in bench/junit-baseline, from clean (${RUNS:-5} runs); $(load)"
load > "$out/junit-load.txt"
cd "$here/junit-baseline"
# One --prepare per command: the first starts from nothing (compiles), the second finds its classes built.
hyperfine --warmup 1 --runs "${RUNS:-5}" --prepare "rm -rf target" --prepare "true" \
  --export-markdown "$out/junit.md" --export-json "$out/junit.json" \
  -n "JUnit + camunda-bpm-assert (mvn -o -q test, clean)" "mvn -B -o -q test" \
  -n "same, already compiled" "mvn -B -o -q test"
# The surefire reports of the last run: tests and the time surefire gives each class, summed.
awk 'match($0, /<testsuite [^>]*>/) {
       s = substr($0, RSTART, RLENGTH)
       match(s, / tests="[0-9]+"/); t += substr(s, RSTART + 8, RLENGTH - 9)
       match(s, / time="[0-9.]+"/); time += substr(s, RSTART + 7, RLENGTH - 8)
       match(s, / failures="[0-9]+"/); f += substr(s, RSTART + 11, RLENGTH - 12)
       match(s, / errors="[0-9]+"/); e += substr(s, RSTART + 9, RLENGTH - 10)
     }
     END { printf "surefire: tests=%d failures=%d errors=%d time=%.2f s (sum of the classes)\n", t, f, e, time }' \
  target/surefire-reports/TEST-*.xml | tee "$out/junit-surefire.txt"
cd "$root"
load | tee "$out/end-load.txt"
