#!/usr/bin/env bash
# Profiles the server under SIPp load with JFR: bytes allocated per message on the message
# path (exact per-thread counters, plus sampled allocation sites with stack traces) and, with
# --cpu, where the server threads' time goes. Allocation counts do not depend on how busy the
# machine is (CPU shares do, a little), so this runs on a shared machine; it is not a
# throughput benchmark (that is scripts/bench-server.sh).
#
# Usage: scripts/profile-alloc.sh [--rate 1000] [--duration 20] [--warmup 15] [--children 4]
#                                 [--receivers N] [--cpu] [--out DIR] [--java-opts "..."]
#
# The server runs scripts/bench/sipbridge-bench.cfg (3 C module functions per request) with
# the given children, on free loopback ports; SIPp's uac calls SIPp's uas through it (6
# messages per call). After --warmup seconds of load (not recorded: the JIT compiles the
# path) JFR records --duration seconds of the same load (settings: scripts/bench/profile.jfc).
# Output: DIR (default target/profile/<time>/) with the recording, the logs and report.txt;
# the last line of the allocation report is "PATH_BYTES_PER_MESSAGE <n>".
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
cd "$REPO"

RATE=1000
DURATION=20
WARMUP=15
CHILDREN=4
RECEIVERS=""
CPU=no
OUT=""
JAVA_OPTS=${SIPBRIDGE_JAVA_OPTS:-}
IP=127.0.0.1

# shellcheck source=scripts/lib/messages.sh
. "$REPO/scripts/lib/messages.sh"
# shellcheck source=scripts/lib/free-ports.sh
. "$REPO/scripts/lib/free-ports.sh"

while [ $# -gt 0 ]; do
  case "$1" in
    --rate) RATE=${2:?}; shift 2 ;;
    --duration) DURATION=${2:?}; shift 2 ;;
    --warmup) WARMUP=${2:?}; shift 2 ;;
    --children) CHILDREN=${2:?}; shift 2 ;;
    --receivers) RECEIVERS=${2:?}; shift 2 ;;
    --cpu) CPU=yes; shift ;;
    --out) OUT=${2:?}; shift 2 ;;
    --java-opts) JAVA_OPTS=${2?}; shift 2 ;;
    -h|--help) usage_from_header 0 ;;
    *) die "unknown option: $1 (see --help)" ;;
  esac
done
for n in "$RATE" "$DURATION" "$CHILDREN"; do [[ "$n" =~ ^[1-9][0-9]*$ ]] || die "not a positive number: $n"; done
[[ "$WARMUP" =~ ^[0-9]+$ ]] || die "--warmup wants whole seconds"
command -v sipp >/dev/null || die "sipp not found (scripts/ensure-tools.sh installs it)"
command -v jfr >/dev/null && command -v jcmd >/dev/null || die "jfr and jcmd (JDK 17) are needed"
command -v python3 >/dev/null || die "python3 is needed for the report"
[ -f target/sipbridge.jar ] && [ -f target/modules/maxfwd.so ] ||
  die "build first: mvn -B -q -DskipTests package"

OUT=${OUT:-target/profile/$(date +%Y%m%d-%H%M%S)}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

read -r PROXY_PORT UAS_PORT UAC_PORT <<< "$(free_ports udp 3)"

CFG=$OUT/sipbridge.cfg
sed -e "s/^children=.*/children=$CHILDREN/" \
    -e "s/^listen=udp:127.0.0.1:5070/listen=udp:$IP:$PROXY_PORT/" \
    -e "s/udp:127.0.0.1:5080/udp:$IP:$UAS_PORT/" \
    -e "s#^mpath=.*#mpath=\"$REPO/target/modules/\"#" \
    scripts/bench/sipbridge-bench.cfg > "$CFG"
if [ -n "$RECEIVERS" ]; then sed -i "s/^udp_receivers=.*/udp_receivers=$RECEIVERS/" "$CFG"; fi

SERVER_PID=""   # the java process (a direct child: killed by pid on exit)
SIPP_PIDS=()
cleanup() {
  local p
  for p in "${SIPP_PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
  fi
}
trap cleanup EXIT INT TERM

# shellcheck disable=SC2086  # JAVA_OPTS is a list
java $JAVA_OPTS -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints \
  -jar target/sipbridge.jar -f "$CFG" > "$OUT/server.log" 2>&1 &
SERVER_PID=$!
say "server pid $SERVER_PID: children=$CHILDREN on udp:$IP:$PROXY_PORT, forwarding to the uas on $UAS_PORT"

probe() {
  timeout -k 2 5 sipp -sf java/src/test/resources/e2e/options-uac.xml -i "$IP" -p "$UAC_PORT" "$IP:$PROXY_PORT" \
    -m 1 -nostdin -timeout 1s -timeout_error > "$OUT/probe.out" 2>&1
}
deadline=$(( $(date +%s) + 60 ))
until probe; do
  kill -0 "$SERVER_PID" 2>/dev/null || { tail -n 20 "$OUT/server.log"; die "the server exited"; }
  [ "$(date +%s)" -lt "$deadline" ] || die "no 200 to OPTIONS within 60 s (see $OUT)"
  sleep 0.3
done

# load NAME SECONDS: uas + uac at RATE for SECONDS; prints the uac's successful calls.
load() {
  local name=$1 secs=$2 calls=$(( RATE * $2 )) t=$(( $2 * 2 + 20 ))
  sipp -sn uas -i "$IP" -p "$UAS_PORT" -m "$calls" -nostdin -timeout "$(( t + 10 ))s" -timeout_error \
    -buff_size 1048576 > "$OUT/$name-uas.out" 2>&1 &
  local uas=$!
  SIPP_PIDS=("$uas")
  sleep 0.5
  sipp -sn uac -i "$IP" -p "$UAC_PORT" "$IP:$UAS_PORT" -rsa "$IP:$PROXY_PORT" -r "$RATE" -m "$calls" \
    -nostdin -timeout "${t}s" -timeout_error -buff_size 1048576 \
    -trace_stat -stf "$OUT/$name-uac.csv" -fd 3600 > "$OUT/$name-uac.out" 2>&1 &
  local uac=$!
  SIPP_PIDS+=("$uac")
  wait "$uac" || say "  ($name: the uac exited with $?; see $OUT/$name-uac.out)" >&2
  wait "$uas" || true
  SIPP_PIDS=()
  awk -F';' 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next } { last = $0 }
             END { split(last, v, ";"); print v[col["SuccessfulCall(C)"]] + 0 }' "$OUT/$name-uac.csv"
}

if [ "$WARMUP" -gt 0 ]; then
  say "warm-up: $WARMUP s at $RATE calls/s (not recorded)"
  load warmup "$WARMUP" > /dev/null
fi
say "recording: $DURATION s at $RATE calls/s"
jcmd "$SERVER_PID" JFR.start name=sbprofile settings="$REPO/scripts/bench/profile.jfc" \
  filename="$OUT/profile.jfr" > "$OUT/jcmd-start.out"
calls=$(load measured "$DURATION")
jcmd "$SERVER_PID" JFR.stop name=sbprofile > "$OUT/jcmd-stop.out"
messages=$(( calls * 6 ))
say "calls completed: $calls of $(( RATE * DURATION )) ($messages messages through the proxy)"
[ "$calls" -gt 0 ] || die "no call completed (see $OUT)"

python3 scripts/bench/jfr-report.py alloc "$OUT/profile.jfr" "$messages" | tee "$OUT/report.txt"
if [ "$CPU" = yes ]; then
  python3 scripts/bench/jfr-report.py cpu "$OUT/profile.jfr" "$messages" | tee -a "$OUT/report.txt"
fi
say "recording and report: $OUT"
