#!/usr/bin/env bash
# Runs the whole test suite on a fresh machine: installs what is missing (see
# ensure-tools.sh), then builds the native core, the test modules and the Java code and
# runs every test: C unit tests (CTest), JUnit, and the SIPp end-to-end tests.
# Usage: scripts/test.sh [extra maven arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-tools.sh
exec mvn -B -ntp verify "$@"
