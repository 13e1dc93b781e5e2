#!/usr/bin/env bash
# bench/interleaved.sh [PAIRS]: bin/prometheus-validate and `npx bpmnlint` on bench/corpus, one after the other,
# PAIRS times (default 7), so both meet the same load; then the median wall and CPU (user + sys) of each,
# and the ratio per pair. A machine shared with other builds swings by seconds within a minute: a pair's
# ratio is steadier than either figure alone. Needs the jar built, the corpus extracted (extract-corpus.sh)
# and bpmnlint installed in bench/bpmnlint (run.sh does both). OURS replaces the launcher (a command taking the
# folder), e.g. an older build's launcher, to measure before and after against the same bpmnlint runs. WITH_JAR=1
# adds a plain `java -jar <jar> validate` to each round, measured the same way; BEFORE (a command taking the folder, such
# as an older build's launcher) adds that to each round too, so before, after and bpmnlint meet the same load.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
pairs="${1:-7}"
out="$here/target"
mkdir -p "$out"
jar=$(ls "$root"/target/prometheus-pipeline-*.jar | grep -v '\.original$' | head -1)
export PROMETHEUS_PIPELINE_JAR="$jar" PROMETHEUS_PIPELINE_CACHE="$out/launcher-cache"
files=("$here"/corpus/*.bpmn)
ours="${OURS:-$root/bin/prometheus-validate}"
# One run of each first: the launcher writes its cache (extracted jar, CDS archive), npx its own, the file cache fills.
$ours "$here/corpus" >/dev/null || true
[[ -z "${BEFORE:-}" ]] || $BEFORE "$here/corpus" >/dev/null || true
(cd "$here/bpmnlint" && npx bpmnlint "${files[@]}" >/dev/null 2>&1 || true)
: > "$out/interleaved.tsv"
for ((i = 1; i <= pairs; i++)); do
  /usr/bin/time -f "ours	%e	%U	%S" -a -o "$out/interleaved.tsv" $ours "$here/corpus" >/dev/null || true
  (cd "$here/bpmnlint" && /usr/bin/time -f "bpmnlint	%e	%U	%S" -a -o "$out/interleaved.tsv" npx bpmnlint "${files[@]}" >/dev/null 2>&1) || true
  if [[ -n "${BEFORE:-}" ]]; then
    /usr/bin/time -f "before	%e	%U	%S" -a -o "$out/interleaved.tsv" $BEFORE "$here/corpus" >/dev/null || true
  fi
  if [[ -n "${WITH_JAR:-}" ]]; then
    /usr/bin/time -f "java -jar	%e	%U	%S" -a -o "$out/interleaved.tsv" java -jar "$jar" validate "$here/corpus" >/dev/null || true
  fi
done
grep -v '^Command exited' "$out/interleaved.tsv" > "$out/interleaved.clean.tsv"
python3 - "$out/interleaved.clean.tsv" <<'PY'
import statistics, sys
rows = [line.split('\t') for line in open(sys.argv[1]) if line.strip()]
by = {}
for name, wall, user, sys_ in rows:
    by.setdefault(name, []).append((float(wall), float(user) + float(sys_)))
ours, lint = by['ours'], by['bpmnlint']
for name, runs in (('bin/prometheus-validate', ours), ('npx bpmnlint', lint), ('java -jar', by.get('java -jar', []))):
    if not runs:
        continue
    print(f"{name}: wall median {statistics.median(w for w, _ in runs):.2f} s (min {min(w for w, _ in runs):.2f}, max {max(w for w, _ in runs):.2f}),"
          f" CPU median {statistics.median(c for _, c in runs):.2f} s")
print("ratio per pair, wall:", ' '.join(f"{o[0] / l[0]:.2f}" for o, l in zip(ours, lint)),
      f"-> median {statistics.median(o[0] / l[0] for o, l in zip(ours, lint)):.2f}")
print("ratio per pair, CPU: ", ' '.join(f"{o[1] / l[1]:.2f}" for o, l in zip(ours, lint)),
      f"-> median {statistics.median(o[1] / l[1] for o, l in zip(ours, lint)):.2f}")
if 'before' in by:
    print(f"before: wall median {statistics.median(w for w, _ in by['before']):.2f} s, CPU median {statistics.median(c for _, c in by['before']):.2f} s;",
          "÷ bpmnlint per pair, wall: median", f"{statistics.median(b[0] / l[0] for b, l in zip(by['before'], lint)):.2f},",
          "CPU: median", f"{statistics.median(b[1] / l[1] for b, l in zip(by['before'], lint)):.2f}")
if 'java -jar' in by:
    print("java -jar ÷ bpmnlint per pair, wall: median", f"{statistics.median(j[0] / l[0] for j, l in zip(by['java -jar'], lint)):.2f},",
          "CPU: median", f"{statistics.median(j[1] / l[1] for j, l in zip(by['java -jar'], lint)):.2f}")
PY
