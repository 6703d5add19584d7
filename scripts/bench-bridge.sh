#!/usr/bin/env bash
# JMH benchmark of one script-function call of a C function through the bridge, against a
# hand-written JNI call of the same function pointer (and JNA's generic call for scale).
# Usage: scripts/bench-bridge.sh [extra JMH options, e.g. -f 1 -wi 3 -i 3]
# Run on an otherwise idle machine; the figures in docs/performance.md come from this script.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -ntp -Pbench -DskipTests package
exec java -jar target/benchmarks.jar BridgeCallBenchmark "$@"
