#!/usr/bin/env bash
# Start-up and memory: the pipeline jar beside a plain Camunda 7.24 starter, launched in turns. See README.md.
#   bench/startup/run.sh [PAIRS]        default 5 pairs; builds both jars unless SKIP_BUILD=1
set -euo pipefail
pairs="${1:-5}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="$root/bench/target/startup"
mkdir -p "$out"
if [[ -z "${SKIP_BUILD:-}" ]]; then
  (cd "$root" && mvn -B -o -q package -DskipTests)
  (cd "$root/bench/startup/plain" && mvn -B -o -q package -DskipTests)
fi
pipeline_jar="$(ls "$root"/target/prometheus-pipeline-*.jar | grep -v original | head -1)"
plain_jar="$root/bench/startup/plain/target/plain-camunda-0.1.0-SNAPSHOT.jar"
password="startup-bench-$RANDOM$RANDOM"
port=18${RANDOM:0:3}

# One launch: seconds to the first authenticated 200, RSS (MB) then and 10 s later.
launch() {
  local name="$1" jar="$2" workdir
  workdir="$(mktemp -d)"
  local started; started=$(date +%s%N)
  (cd "$workdir" && exec env PIPELINE_ADMIN_PASSWORD="$password" ADMIN_PASSWORD="$password" \
      java -jar "$jar" --server.port="$port" > "$workdir/out.log" 2>&1) &
  local pid=$!
  until [[ "$(curl -s -o /dev/null -w '%{http_code}' -u "admin:$password" \
      "http://127.0.0.1:$port/engine-rest/process-definition" || true)" == 200 ]]; do
    if ! kill -0 "$pid" 2>/dev/null; then echo "$name did not start: see $workdir/out.log" >&2; exit 1; fi
    sleep 0.05
  done
  local ready; ready=$(date +%s%N)
  local rss_ready; rss_ready=$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$pid/status")
  sleep 10
  local rss_settled; rss_settled=$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$pid/status")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -rf "$workdir"
  printf '%s %.2f %d %d\n' "$name" "$(echo "($ready - $started) / 1000000000" | bc -l)" "$rss_ready" "$rss_settled"
}

{
  echo "# $(date -u +%FT%TZ), $(nproc) cores, load average before: $(cut -d ' ' -f 1-3 /proc/loadavg)"
  echo "# java: $(java -version 2>&1 | head -1)"
  for ((i = 1; i <= pairs; i++)); do
    # Alternate which goes first, so neither always meets a warmer page cache.
    if (( i % 2 )); then launch plain "$plain_jar"; launch pipeline "$pipeline_jar"
    else launch pipeline "$pipeline_jar"; launch plain "$plain_jar"; fi
  done
  echo "# load average after: $(cut -d ' ' -f 1-3 /proc/loadavg)"
} | tee "$out/launches.txt"

python3 - "$out/launches.txt" <<'PY' | tee "$out/result.txt"
import statistics, sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip() and not l.startswith('#')]
def med(name, col): return statistics.median(float(r[col]) for r in rows if r[0] == name)
print(f"| | plain starter | pipeline | ratio |")
print(f"|---|---|---|---|")
for label, col, unit in [("launch -> first authenticated 200", 1, "s"), ("RSS at that moment", 2, "MB"),
                         ("RSS 10 s later", 3, "MB")]:
    p, q = med("plain", col), med("pipeline", col)
    print(f"| {label} (median of {sum(r[0] == 'plain' for r in rows)}) | {p:.2f} {unit} | {q:.2f} {unit} | {q / p:.2f}x |")
PY
