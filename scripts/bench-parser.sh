#!/usr/bin/env bash
# Builds the JMH benchmarks (Maven profile "bench") and runs the SIP parser benchmark with the
# GC profiler, which reports the allocation rate per operation (gc.alloc.rate.norm, B/op).
# Usage: scripts/bench-parser.sh [extra JMH arguments, e.g. -f 3 -wi 10 or a benchmark regexp]
# Environment: JAVA (default: java), SKIP_BUILD=1 to reuse target/benchmarks.jar.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${SKIP_BUILD:-0}" != 1 ] || [ ! -f target/benchmarks.jar ]; then
  mvn -B -ntp -q -Pbench -DskipNative=true -DskipTests package
fi

# The machine is small and shared: one fork, one thread, 5 x 1 s warmup and measurement
# (set in the benchmark class) keep a run near two minutes per parameter set.
exec "${JAVA:-java}" -jar target/benchmarks.jar 'org.sipbridge.sip.SipParserBenchmark' \
  -prof gc -rf text -rff target/bench-parser.txt "$@"
