#!/usr/bin/env bash
# JMH: parse a typical 600-byte INVITE in the native slot, describe it to the C view, and
# build the view; with the gc profiler (bytes allocated per message).
# Usage: scripts/bench-view.sh [extra JMH options]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -ntp -Pbench -DskipTests package
exec java -jar target/benchmarks.jar ViewBenchmark -prof gc "$@"
