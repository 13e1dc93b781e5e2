#!/usr/bin/env bash
# Extracts the models listed in corpus.txt from the Camunda 7.24 engine's test jar into bench/corpus/,
# flat, with .bpmn20.xml renamed .bpmn (so every tool picks them up by extension). The models are
# Camunda's, so they are extracted at bench time and never committed.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="${CAMUNDA_TESTS_JAR:-$HOME/.m2/repository/org/camunda/bpm/camunda-engine/7.24.0/camunda-engine-7.24.0-tests.jar}"
if [[ ! -f "$jar" ]]; then
  echo "no $jar; run 'mvn -B test-compile' once in the project (it resolves the engine's test jar)" >&2
  exit 1
fi
rm -rf "$here/corpus" && mkdir -p "$here/corpus"
count=0
while IFS=$'\t' read -r path label _; do
  [[ -z "$path" || "$path" == \#* ]] && continue
  name="$(basename "$path")"
  name="${name%.bpmn20.xml}"
  name="${name%.bpmn}.bpmn"
  if [[ -e "$here/corpus/$name" ]]; then
    echo "two models would both be corpus/$name; list only one of them in corpus.txt" >&2
    exit 1
  fi
  unzip -p "$jar" "$path" > "$here/corpus/$name"
  if [[ ! -s "$here/corpus/$name" ]]; then
    echo "$path is not in $jar (or is empty)" >&2
    exit 1
  fi
  count=$((count + 1))
done < "$here/corpus.txt"
echo "extracted $count models into $here/corpus"
