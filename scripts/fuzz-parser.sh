#!/usr/bin/env bash
# Fuzzes the SIP parser, validator, deep parsers, stream framer and Call-ID locator with Jazzer
# for longer than the 30 s of every full test run (see SipParserFuzzTest, ParserInvariants).
#
# Usage: scripts/fuzz-parser.sh [seconds, default 600] [extra libFuzzer flags, e.g. -max_len=8192]
#
# The generated corpus is kept in target/jazzer-long/.cifuzz-corpus (FUZZ_DIR overrides) and
# grows across runs; it is seeded from shared/corpus/sip-torture. A finding fails the run, is
# printed with its stack trace and saved as target/jazzer-long/crash-<sha1>; replay it by copying
# it into that corpus directory and running this script again, or feed the bytes to
# ParserInvariants.check in a unit test.
#
# Jazzer's JUnit integration has no public switch for the duration: this passes libFuzzer flags
# through its configuration parameters jazzer.internal.arg.N (and the corpus location through
# jazzer.internal.basedir), which Jazzer 0.24 reads and which override the annotation's 30 s.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-600}"
shift || true
dir="${FUZZ_DIR:-target/jazzer-long}"
mkdir -p "$dir"

flags=(-Djazzer.internal.arg.0=fuzz "-Djazzer.internal.arg.1=-max_total_time=$seconds")
n=2
for flag in "$@"; do
  flags+=("-Djazzer.internal.arg.$n=$flag")
  n=$((n + 1))
done

JAZZER_FUZZ=1 exec mvn -B -ntp -DskipNative=true test \
  -Dtest='org.sipbridge.sip.SipParserFuzzTest#parseAnything' -Dsurefire.failIfNoSpecifiedTests=false \
  -Djazzer.internal.basedir="$PWD/$dir" "${flags[@]}"
