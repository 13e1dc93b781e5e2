#!/usr/bin/env bash
# The memory soak: see README.md. Run from anywhere; writes bench/target/soak/.
#   bench/soak/run.sh [RELEASES] [BATCH]     defaults 1000 releases in batches of 20
#   SKIP_BUILD=1 bench/soak/run.sh           reuse target/classes and target/test-classes
set -euo pipefail
exec "$(cd "$(dirname "$0")/.." && pwd)/java-bench.sh" soak SoakBench "$@"
