#!/usr/bin/env bash
# Installs, from Debian's packages, what building and testing sipbridge needs and the
# machine lacks: a JDK 17, Maven, cmake, gcc/make, and SIPp (sip-tester) for the
# end-to-end tests, PostgreSQL and Redis for the DB tests (servers the tests start
# themselves on loopback; SIPBRIDGE_NEED_DB=0 skips them). Sourced or run by scripts/test.sh and scripts/run.sh.
set -euo pipefail

need=()
command -v cmake >/dev/null 2>&1 || need+=(cmake)
command -v gcc   >/dev/null 2>&1 || need+=(gcc libc6-dev)
command -v make  >/dev/null 2>&1 || need+=(make)
command -v javac >/dev/null 2>&1 || need+=(openjdk-17-jdk-headless)
command -v mvn   >/dev/null 2>&1 || need+=(maven)
if [ "${SIPBRIDGE_NEED_SIPP:-1}" = 1 ]; then
  command -v sipp >/dev/null 2>&1 || need+=(sip-tester)
  command -v curl >/dev/null 2>&1 || need+=(curl)   # the install-tree test drives MI with curl
fi
# Real servers the DB tests start on loopback (PostgreSQL; Redis for the cachedb tests).
if [ "${SIPBRIDGE_NEED_DB:-1}" = 1 ]; then
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
  command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
fi
if [ ${#need[@]} -gt 0 ]; then
  echo "ensure-tools: installing ${need[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
