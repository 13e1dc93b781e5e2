#!/usr/bin/env bash
# The load benchmark: see README.md. Run from anywhere; writes bench/target/load/.
#   bench/load/run.sh [CLIENTS,...] [ROUNDS] [WINDOW_SECONDS]   builds test classes; defaults 100,200 clients, 3 rounds of 5 s
#   SKIP_BUILD=1 bench/load/run.sh                     reuse target/classes and target/test-classes
set -euo pipefail
exec "$(cd "$(dirname "$0")/.." && pwd)/java-bench.sh" load LoadBench "$@"
