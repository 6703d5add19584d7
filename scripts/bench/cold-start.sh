#!/usr/bin/env bash
# Cold start of the server: starts it, and as soon as it answers, runs SIPp calls through it
# at --rate for --duration seconds. Reports what the JIT still had to compile during the load
# (JFR jdk.Compilation events after the load began: counts, compile time, sipbridge methods),
# the calls (completed, failed, retransmissions) and the INVITE->200 response times of SIPp
# (-trace_rtt), first second vs the rest. Run it twice to compare start-up options, e.g.
#
#   scripts/bench/cold-start.sh --java-opts "-Dsipbridge.warmup=0"   # no warm-up
#   scripts/bench/cold-start.sh                                      # default warm-up
#
# Usage: scripts/bench/cold-start.sh [--rate 500] [--duration 10] [--children 4] [--java-opts "..."] [--out DIR]
# Compile counts do not depend on the machine's load; response times do (a shared machine
# gives noisy ones). Output: DIR (default target/profile/cold-<time>/) with report.txt.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/../.." && pwd)
cd "$REPO"
RATE=500 DURATION=10 CHILDREN=4 OUT="" JAVA_OPTS="" IP=127.0.0.1
die() { printf 'cold-start: %s\n' "$*" >&2; exit 1; }
while [ $# -gt 0 ]; do
  case "$1" in
    --rate) RATE=${2:?}; shift 2 ;;
    --duration) DURATION=${2:?}; shift 2 ;;
    --children) CHILDREN=${2:?}; shift 2 ;;
    --java-opts) JAVA_OPTS=${2?}; shift 2 ;;
    --out) OUT=${2:?}; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option: $1" ;;
  esac
done
[ -f target/sipbridge.jar ] || die "build first: mvn -B -q -DskipTests package"
OUT=${OUT:-target/profile/cold-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$OUT"; OUT=$(cd "$OUT" && pwd)

free_port() {
  local p
  for _ in $(seq 1 200); do
    p=$(( 20000 + RANDOM % 30000 ))
    [ -z "$(ss -Hlun "sport = :$p" 2>/dev/null)" ] && { echo "$p"; return 0; }
  done
  return 1
}
PROXY_PORT=$(free_port); UAS_PORT=$(free_port); UAC_PORT=$(free_port)
sed -e "s/^children=.*/children=$CHILDREN/" -e "s/^listen=udp:127.0.0.1:5070/listen=udp:$IP:$PROXY_PORT/" \
    -e "s/udp:127.0.0.1:5080/udp:$IP:$UAS_PORT/" -e "s#^mpath=.*#mpath=\"$REPO/target/modules/\"#" \
    scripts/bench/sipbridge-bench.cfg > "$OUT/sipbridge.cfg"

SERVER_PID="" PIDS=()
cleanup() {
  local p
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
  fi
}
trap cleanup EXIT INT TERM

# the UAS first, so that the first INVITE finds it
calls=$(( RATE * DURATION ))
(cd "$OUT" && exec sipp -sn uas -i "$IP" -p "$UAS_PORT" -m "$calls" -nostdin -timeout "$(( DURATION * 3 + 40 ))s" \
  -timeout_error -buff_size 1048576 > uas.out 2>&1) &
PIDS+=($!)
t_start=$(date +%s%N)
# shellcheck disable=SC2086
java $JAVA_OPTS -XX:StartFlightRecording=filename="$OUT/cold.jfr",settings="$REPO/scripts/bench/profile.jfc" \
  -jar target/sipbridge.jar -f "$OUT/sipbridge.cfg" > "$OUT/server.log" 2>&1 &
SERVER_PID=$!
until timeout -k 2 5 sipp -sf java/src/test/resources/e2e/options-uac.xml -i "$IP" -p "$UAC_PORT" "$IP:$PROXY_PORT" \
    -m 1 -nostdin -timeout 1s -timeout_error > "$OUT/probe.out" 2>&1; do
  kill -0 "$SERVER_PID" 2>/dev/null || die "the server exited (see $OUT/server.log)"
  [ $(( ($(date +%s%N) - t_start) / 1000000000 )) -lt 60 ] || die "not ready within 60 s"
  sleep 0.1
done
t_ready=$(date +%s%N)
load_start=$(date -u +%Y-%m-%dT%H:%M:%S.%NZ)
(cd "$OUT" && exec sipp -sn uac -i "$IP" -p "$UAC_PORT" "$IP:$UAS_PORT" -rsa "$IP:$PROXY_PORT" -r "$RATE" -m "$calls" \
  -nostdin -timeout "$(( DURATION * 3 + 30 ))s" -timeout_error -buff_size 1048576 -trace_rtt -rtt_freq 1 \
  -trace_stat -stf uac.csv -fd 3600 > uac.out 2>&1) &
uac=$!
PIDS+=("$uac")
wait "$uac" || true
jcmd "$SERVER_PID" JFR.dump filename="$OUT/cold.jfr" > /dev/null
{
  echo "start-up to first answer: $(( (t_ready - t_start) / 1000000 )) ms (java $JAVA_OPTS, children=$CHILDREN)"
  echo "load: $RATE calls/s for $DURATION s from $load_start"
  awk -F';' 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next } { last = $0 }
             END { split(last, v, ";"); printf "calls: %d ok, %d failed, %d retransmissions\n",
                   v[col["SuccessfulCall(C)"]], v[col["FailedCall(C)"]], v[col["Retransmissions(C)"]] }' "$OUT/uac.csv"
  python3 - "$OUT" "$load_start" <<'EOF'
import glob, json, subprocess, sys
out, start = sys.argv[1], sys.argv[2]
ev = json.loads(subprocess.run(["jfr", "print", "--json", "--events", "jdk.Compilation", out + "/cold.jfr"],
                               capture_output=True, text=True, check=True).stdout)["recording"]["events"]
def secs(d):  # "PT0.0123S"
    return float(d[2:-1]) if d.startswith("PT") and d.endswith("S") else 0.0
after = [e["values"] for e in ev if e["values"]["startTime"] >= start]
before = [e["values"] for e in ev if e["values"]["startTime"] < start]
def summary(name, es):
    c2 = [e for e in es if e.get("compiler") == "c2"]
    sb = [e for e in es if e["method"]["type"]["name"].startswith("org/sipbridge")]
    print("%s: %d compilations (%d by C2), %.0f ms of compile time; sipbridge methods: %d (%d C2)" % (
        name, len(es), len(c2), 1000 * sum(secs(e["duration"]) for e in es), len(sb),
        len([e for e in sb if e.get("compiler") == "c2"])))
summary("JIT before the load", before)
summary("JIT during the load", after)
rtts = []
for f in glob.glob(out + "/*_rtt.csv"):
    for line in open(f):
        p = line.strip().split(";")
        if len(p) >= 2 and p[0][:1].isdigit():   # Date_ms;response_time_ms;rtd_no
            try:
                rtts.append((float(p[0]), float(p[1])))
            except ValueError:
                pass
if rtts:
    t0 = min(t for t, _ in rtts)
    first = sorted(v for t, v in rtts if t - t0 < 1000.0)
    rest = sorted(v for t, v in rtts if t - t0 >= 1000.0)
    def pct(a, q):
        return a[min(len(a) - 1, int(q * len(a)))] if a else float("nan")
    print("INVITE->200 ms, first second: n=%d p50=%.1f p99=%.1f max=%.1f; after: n=%d p50=%.1f p99=%.1f max=%.1f" % (
        len(first), pct(first, .5), pct(first, .99), first[-1] if first else float("nan"),
        len(rest), pct(rest, .5), pct(rest, .99), rest[-1] if rest else float("nan")))
EOF
} | tee "$OUT/report.txt"
