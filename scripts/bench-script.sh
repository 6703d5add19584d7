#!/usr/bin/env bash
# JMH benchmark of the routing script: ns per message through a typical ten-step route
# (C and Java functions, pseudo-variables, forward building the outgoing bytes), with
# allocation per message (-prof gc: gc.alloc.rate.norm is B/op).
# Usage: scripts/bench-script.sh [extra JMH options, e.g. -f 1 -wi 3 -i 3]
# Run on an otherwise idle machine, from anywhere (it runs from the repository root).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -ntp -Pbench -DskipTests package
exec java -jar target/benchmarks.jar ScriptBenchmark -prof gc "$@"
