#!/usr/bin/env bash
# The validation benchmark: see README.md. Run from anywhere; writes bench/target/.
#   bench/run.sh            everything (build, corpus, warm, cold, bpmnlint)
#   SKIP_BUILD=1 bench/run.sh   reuse target/ of an earlier 'mvn package'
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
out="$here/target"
mkdir -p "$out"
cd "$root"

"$here/extract-corpus.sh"
files=("$here"/corpus/*.bpmn)

if [[ -z "${SKIP_BUILD:-}" ]]; then
  mvn -B -o -q -DskipTests package
fi
mvn -B -o -q dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$out/classpath.txt"
cp="$root/target/classes:$(cat "$out/classpath.txt")"
mkdir -p "$out/classes"
javac -d "$out/classes" -cp "$cp" "$here/src/ValidatorBench.java"
cp="$cp:$out/classes"
java=(java "-Dlogback.configurationFile=$here/logback-bench.xml" -cp "$cp")

echo "== warm: Validator.validate in one JVM (5 warm-up, 10 measured iterations)"
"${java[@]}" ValidatorBench warm "$here/corpus" "${WARMUPS:-5}" "${ITERATIONS:-10}" | tee "$out/warm.txt"

echo "== bpmnlint 11 (npm install at bench time)"
if [[ ! -x "$here/bpmnlint/node_modules/.bin/bpmnlint" ]]; then
  (cd "$here/bpmnlint" && npm install --no-audit --no-fund --no-save bpmnlint@11 >/dev/null)
fi
(cd "$here/bpmnlint" && node -e 'console.log("bpmnlint " + require("bpmnlint/package.json").version)') | tee "$out/bpmnlint-version.txt"

# The command: the application's own 'validate' CLI, plain and with C1 only, and the launcher as a developer runs
# it (its cache, the extracted jar and CDS archive, is written by hyperfine's warm-up run).
jar="$(ls "$root"/target/prometheus-pipeline-*.jar | grep -v -- '-plain\|-sources\|\.original$' | head -1)"
ours="java -jar $jar validate $here/corpus"
ours_c1="java -XX:TieredStopAtLevel=1 -jar $jar validate $here/corpus"
rm -rf "$out/launcher-cache"
launcher="PROMETHEUS_PIPELINE_JAR=$jar PROMETHEUS_PIPELINE_CACHE=$out/launcher-cache $root/bin/prometheus-validate $here/corpus"
echo "command: the application's CLI ($jar)" | tee "$out/command.txt"

echo "== cold: wall time of one run each, ${#files[@]} files"
cd "$here/bpmnlint"
hyperfine --warmup 1 --runs "${RUNS:-5}" --ignore-failure \
  --export-markdown "$out/cold.md" --export-json "$out/cold.json" \
  -n "prometheus-pipeline validate" "$ours" \
  -n "prometheus-pipeline validate, C1 JIT only" "$ours_c1" \
  -n "bin/prometheus-validate" "$launcher" \
  -n "npx bpmnlint" "npx bpmnlint ${files[*]}" \
  -n "bpmnlint (node_modules/.bin)" "./node_modules/.bin/bpmnlint ${files[*]}"
cd "$root"

echo "== what each finds"
"${java[@]}" ValidatorBench rules "$here/corpus" > "$out/ours-per-rule.tsv"
(cd "$here/bpmnlint" && ./node_modules/.bin/bpmnlint "${files[@]}" > "$out/bpmnlint.txt" 2>&1 || true)
# bpmnlint prints "  elementId  severity  message  rule" per problem (no element id for some); the rule
# is the last field, except for the import warnings and parse errors of files it cannot read fully.
awk '{ for (i = 1; i <= 2; i++) if ($i == "error" || $i == "warning") {
         rule = $NF
         if ($0 ~ /Import warning:/) rule = "(import warning)"
         if ($0 ~ /Parse error:/) rule = "(parse error)"
         count[rule "\t" $i]++
         break
       } }
     END { for (r in count) print r "\t" count[r] }' \
  "$out/bpmnlint.txt" | sort > "$out/bpmnlint-per-rule.tsv"
awk '/^\// { files++ } END { print files " files with findings" }' "$out/bpmnlint.txt" > "$out/bpmnlint-files.txt"
echo "-- ours (rule, severity, count)"; cat "$out/ours-per-rule.tsv"
echo "-- bpmnlint (rule, severity, count)"; cat "$out/bpmnlint-per-rule.tsv"; cat "$out/bpmnlint-files.txt"
