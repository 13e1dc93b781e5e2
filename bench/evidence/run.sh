#!/usr/bin/env bash
# The supply-chain evidence benchmark: see README.md. Run from anywhere; writes bench/target/evidence/.
#   bench/evidence/run.sh [ROUNDS] [WARMUPS]     builds test classes, then ROUNDS (default 10) interleaved rounds
#   SKIP_BUILD=1 bench/evidence/run.sh           reuse target/classes and target/test-classes
# Needs Maven's local repository filled (mvn -o), Node 20 with npm >= 10 (npm sbom), openssl, and the npm
# registry the first time (to write the worker's package-lock.json; kept in bench/target/evidence/worker/).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$root/bench/target/evidence"
worker="$out/worker"
mkdir -p "$out"
cd "$root"

# The worker: a real lock file, written once by npm itself (no install, no scripts).
if [[ ! -f "$worker/package-lock.json" ]]; then
  mkdir -p "$worker"
  printf '{"name":"evidence-bench-worker","version":"1.0.0","private":true}\n' > "$worker/package.json"
  (cd "$worker" && npm install --package-lock-only --ignore-scripts --no-audit --no-fund \
    jest@29.7.0 webpack@5.94.0 eslint@8.57.0 express@4.21.0 webpack-dev-server@5.1.0)
fi
locked="$(cd "$worker" && node -e 'const p=require("./package-lock.json").packages;
  console.log(Object.keys(p).filter(k => k !== "" && !p[k].link).length)')"
echo "worker package-lock.json: $locked packages (npm $(npm --version), node $(node --version))"
if (( locked < 500 )); then
  echo "the worker's lock file has $locked packages, fewer than 500: delete $worker and run again" >&2
  exit 1
fi
npm sbom --help > /dev/null

# The machine beside the figures: result.txt (written by java-bench.sh) has the benchmark's own output.
echo "machine: nproc $(nproc); $(uptime); $(java -version 2>&1 | head -1); $(openssl version)" | tee "$out/machine.txt"
"$root/bench/java-bench.sh" evidence EvidenceBench "$out" "$@"
echo "after: $(uptime)" | tee -a "$out/machine.txt"
