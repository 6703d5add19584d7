#!/usr/bin/env bash
# Builds sipbridge if needed (installing what is missing) and runs it.
# Usage: scripts/run.sh [arguments for sipbridge]
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f target/sipbridge.jar ] || [ ! -f target/native/libsipbridge.so ] || [ -n "${SIPBRIDGE_REBUILD:-}" ]; then
  SIPBRIDGE_NEED_SIPP=0 SIPBRIDGE_NEED_DB=0 scripts/ensure-tools.sh
  mvn -B -q -ntp -DskipTests package
fi
exec java -jar target/sipbridge.jar "$@"
