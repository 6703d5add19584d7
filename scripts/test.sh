#!/usr/bin/env bash
# Runs the whole test suite on a fresh machine: installs what the build and the tests
# need from Debian's packages when missing (cmake, gcc, SIPp), then builds the native
# parts, the Java code and the test modules and runs every test (mvn verify).
# Usage: scripts/test.sh [extra maven arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v cmake >/dev/null 2>&1 || need+=(cmake)
command -v gcc   >/dev/null 2>&1 || need+=(gcc libc6-dev)
command -v make  >/dev/null 2>&1 || need+=(make)
command -v sipp  >/dev/null 2>&1 || need+=(sip-tester)
command -v mvn   >/dev/null 2>&1 || need+=(maven)
command -v javac >/dev/null 2>&1 || need+=(openjdk-17-jdk-headless)
if [ ${#need[@]} -gt 0 ]; then
  echo "test.sh: installing ${need[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

exec mvn -B -ntp verify "$@"
