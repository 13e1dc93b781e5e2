#!/usr/bin/env bash
# The board benchmark: see README.md. Run from anywhere; writes bench/target/board/.
#   bench/board/run.sh [CLIENTS] [ROUNDS] [WARMUPS] [SENDERS]   builds test classes; defaults 100 streams, 30 rounds after 5, 4 sender threads
#   SKIP_BUILD=1 bench/board/run.sh                     reuse target/classes and target/test-classes
set -euo pipefail
exec "$(cd "$(dirname "$0")/.." && pwd)/java-bench.sh" board BoardBench "$@"
