#!/usr/bin/env bash
# The deploy benchmark: see README.md. Run from anywhere; writes bench/target/deploy/.
#   bench/deploy/run.sh [ROUNDS] [WARMUPS]             builds test classes, then ROUNDS (default 10) interleaved rounds
#   SKIP_BUILD=1 bench/deploy/run.sh                    reuse target/classes and target/test-classes
# Needs bash, curl, git, and mount namespaces (root, or unprivileged user namespaces), as SeedScriptTest does.
set -euo pipefail
exec "$(cd "$(dirname "$0")/.." && pwd)/java-bench.sh" deploy DeployBench "$@"
