#!/usr/bin/env bash
# Throughput benchmark of the proxy: SIPp UAC -> proxy -> SIPp UAS over loopback UDP, at fixed
# call rates and/or an increasing ramp, against sipbridge and, in the same run, against Debian's
# Kamailio 5.6 running the equivalent stateless route (as packaged with its qm allocator, and with
# tlsf). For every (server, rate) it reports calls ok/failed, retransmissions, unexpected messages,
# messages/s and the proxy's CPU time per message (all threads of all its processes, from
# /proc/*/task/*/schedstat), then the sipbridge/Kamailio ratios of CPU per message.
#
# Usage: scripts/bench-server.sh [--rates 1000,5000] [--ramp start:step:max] [--duration 10]
#                                [--warmup 3] [--only kamailio,kamailio-tlsf,sipbridge]
#                                [--sipbridge-cmd "java -jar target/sipbridge.jar -f ..."]
#                                [--stateful] [--children N] [--udp-receive-mode inline|handoff]
# --children N: sipbridge's worker threads (its -n option; the configurations say children=1).
# --udp-receive-mode: sipbridge's udp_receive_mode (default inline: each worker reads its own
# socket; handoff: a receiving thread hands messages to the workers), through a copy of the
# configuration in target/bench/ with that line added.
# --stateful: the same route with t_relay instead of forward(), on sipbridge's own transaction
# layer and on Kamailio's tm (scripts/bench/*-tm.cfg); rows and files are named server-tm-*.
# Details, topology and results: scripts/bench/README.md. Raw rows: target/bench/server-*.tsv.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
cd "$REPO"

# ---- fixed topology: see scripts/bench/README.md -------------------------------------------
IP=127.0.0.1
UAC_PORT=5060
PROXY_PORT=5070
UAS_PORT=5080
MSGS_PER_CALL=6            # INVITE 180 200 ACK BYE 200, each through the proxy once
ENDS_PER_CALL=6            # datagrams UAC and UAS receive per call (--stateful: 7, tm's 100 Trying too)
# SIPp's sockets get 1 MB buffers instead of its 64 KB default: with 64 KB a 10 ms stall of a SIPp
# process on this 2-core machine already drops datagrams at 5000 calls/s, and the run fails on the
# load generator, not on the proxy. The proxies keep their own buffer settings.
SIPP_BUFF=${SIPP_BUFF:-1048576}
# The machine is shared: before each run, wait (up to QUIET_WAIT s) until the programs that are not
# part of the benchmark use less than QUIET_LIMIT % of one core. Their use during each run is
# reported too ("others"), and a run during which they used more is repeated up to RETRIES times.
QUIET_LIMIT=${QUIET_LIMIT:-20}
QUIET_WAIT=${QUIET_WAIT:-60}
RETRIES=${RETRIES:-1}

KAMAILIO_CFG=scripts/bench/kamailio.cfg
STATEFUL=no
OPTIONS_XML=java/src/test/resources/e2e/options-uac.xml
SIPBRIDGE_JAR=${SIPBRIDGE_JAR:-target/sipbridge.jar}
SIPBRIDGE_MODULES=${SIPBRIDGE_MODULES:-target/modules}
SIPBRIDGE_CMD=${SIPBRIDGE_CMD:-}   # default set after the options: the stateless or the stateful route

# ---- options ----------------------------------------------------------------------------------
RATES=1000,5000
RATES_GIVEN=no
RAMP=""
DURATION=10
WARMUP=3
ONLY=kamailio,kamailio-tlsf,sipbridge

# shellcheck source=scripts/lib/messages.sh
. "$REPO/scripts/lib/messages.sh"
usage() { usage_from_header "${1:-0}"; }

# Prints a command exactly as it can be pasted into a shell.
show_cmd() { printf '   $'; printf ' %q' "$@"; printf '\n'; }

parse_args() {
  while [ $# -gt 0 ]; do
    case "$1" in
      --rates) RATES=${2:?}; RATES_GIVEN=yes; shift 2 ;;
      --ramp) RAMP=${2:?}; shift 2 ;;
      --duration) DURATION=${2:?}; shift 2 ;;
      --warmup) WARMUP=${2:?}; shift 2 ;;
      --only) ONLY=${2:?}; shift 2 ;;
      --sipbridge-cmd) SIPBRIDGE_CMD=${2:?}; SB_CMD_GIVEN=yes; shift 2 ;;
      --stateful) STATEFUL=yes; shift ;;
      --children) SB_CHILDREN=${2:?}; shift 2 ;;
      --udp-receive-mode) SB_UDP_MODE=${2:?}; shift 2 ;;
      -h|--help) usage 0 ;;
      *) say "unknown option: $1" >&2; usage 2 ;;
    esac
  done
  if [ "$STATEFUL" = yes ]; then
    KAMAILIO_CFG=scripts/bench/kamailio-tm.cfg
    ENDS_PER_CALL=7
    SIPBRIDGE_CMD=${SIPBRIDGE_CMD:-java -jar $SIPBRIDGE_JAR -f scripts/bench/sipbridge-bench-tm.cfg}
  fi
  if [ -n "${SB_UDP_MODE:-}" ]; then
    [[ "$SB_UDP_MODE" =~ ^(inline|handoff)$ ]] || die "--udp-receive-mode wants inline or handoff, got '$SB_UDP_MODE'"
    local base=scripts/bench/sipbridge-bench.cfg
    [ "$STATEFUL" = yes ] && base=scripts/bench/sipbridge-bench-tm.cfg
    mkdir -p target/bench
    { printf 'udp_receive_mode = %s\n' "$SB_UDP_MODE"; cat "$base"; } > "target/bench/$(basename "$base" .cfg)-$SB_UDP_MODE.cfg"
    [ "${SB_CMD_GIVEN:-}" = yes ] || SIPBRIDGE_CMD="java -jar $SIPBRIDGE_JAR -f target/bench/$(basename "$base" .cfg)-$SB_UDP_MODE.cfg"
  fi
  SIPBRIDGE_CMD=${SIPBRIDGE_CMD:-java -jar $SIPBRIDGE_JAR -f scripts/bench/sipbridge-bench.cfg}
  if [ -n "${SB_CHILDREN:-}" ]; then
    [[ "$SB_CHILDREN" =~ ^[1-9][0-9]*$ ]] || die "--children wants a positive number, got '$SB_CHILDREN'"
    SIPBRIDGE_CMD="$SIPBRIDGE_CMD -n $SB_CHILDREN"
  fi
  # A ramp alone replaces the fixed rates; both may be asked for together.
  if [ -n "$RAMP" ] && [ "$RATES_GIVEN" = no ]; then RATES=""; fi
  [[ "$DURATION" =~ ^[1-9][0-9]*$ ]] || die "--duration wants whole seconds, got '$DURATION'"
  [[ "$WARMUP" =~ ^[0-9]+$ ]] || die "--warmup wants whole seconds, got '$WARMUP'"
  [[ -z "$RATES" || "$RATES" =~ ^[1-9][0-9]*(,[1-9][0-9]*)*$ ]] || die "--rates wants N,N,..., got '$RATES'"
  if [ -n "$RAMP" ]; then
    [[ "$RAMP" =~ ^[1-9][0-9]*:[1-9][0-9]*:[1-9][0-9]*$ ]] || die "--ramp wants start:step:max, got '$RAMP'"
  fi
  local s
  for s in ${ONLY//,/ }; do
    case "$s" in kamailio|kamailio-tlsf|sipbridge) ;; *) die "--only: unknown server '$s'" ;; esac
  done
}

wants() { [[ ",$ONLY," == *",$1,"* ]]; }

# ---- tools ------------------------------------------------------------------------------------
# A fresh machine gets SIPp and Kamailio from Debian, the way scripts/test.sh installs its tools.
ensure_tools() {
  local need=()
  command -v sipp >/dev/null 2>&1 || need+=(sip-tester)
  if wants kamailio || wants kamailio-tlsf; then
    command -v kamailio >/dev/null 2>&1 || need+=(kamailio)
  fi
  if [ ${#need[@]} -gt 0 ]; then
    say "bench-server: installing ${need[*]}"
    local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}"
  fi
  command -v sipp >/dev/null 2>&1 || die "sipp not found after installing sip-tester"
}

# Kamailio's compiled-in module path, as its own help prints it; KAMAILIO_MODULES overrides.
kamailio_modules_dir() {
  if [ -n "${KAMAILIO_MODULES:-}" ]; then echo "$KAMAILIO_MODULES"; return; fi
  kamailio -h 2>&1 | sed -n 's/.*Modules search path (default: \(.*\))$/\1/p' | head -n 1 || true
}

# ---- processes: everything started here is bounded by `timeout` and killed on exit ---------------
OWNED=()   # "pid:starttime" of every process this script started (starttime guards against pid reuse)

proc_start_time() {
  local s
  s=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  s=${s##*) }
  # shellcheck disable=SC2086
  set -- $s
  echo "${20}"   # field 22 of stat: fields counted from the state, which is field 3
}

own() {
  local pid st
  for pid in "$@"; do
    if st=$(proc_start_time "$pid"); then OWNED+=("$pid:$st"); fi
  done
}

still_ours() { [ "$(proc_start_time "${1%%:*}" 2>/dev/null || true)" = "${1#*:}" ]; }

# Terminates the given owned entries: TERM, up to 10 s of grace, then KILL.
terminate() {
  local e i alive
  for e in "$@"; do still_ours "$e" && kill -TERM "${e%%:*}" 2>/dev/null || true; done
  for i in $(seq 1 50); do
    alive=0
    for e in "$@"; do still_ours "$e" && alive=1; done
    [ $alive = 0 ] && return 0
    sleep 0.2
  done
  for e in "$@"; do
    if still_ours "$e"; then
      say "bench-server: killing pid ${e%%:*} that ignored TERM" >&2
      kill -KILL "${e%%:*}" 2>/dev/null || true
    fi
  done
}

cleanup() {
  if [ ${#OWNED[@]} -gt 0 ]; then terminate "${OWNED[@]}"; fi
  wait 2>/dev/null || true
}
trap cleanup EXIT
trap 'say "bench-server: interrupted" >&2; exit 130' INT
trap 'say "bench-server: terminated" >&2; exit 143' TERM

# The process and all its descendants (Kamailio forks its workers; `timeout` wraps everything).
# /proc/PID/task/*/children needs no tools; pgrep (procps) is the fallback for kernels without it.
proc_tree() {
  local pid=$1 child kids
  echo "$pid"
  if [ -e "/proc/$pid/task/$pid/children" ]; then
    kids=$(cat /proc/"$pid"/task/*/children 2>/dev/null || true)
  else
    kids=$(pgrep -P "$pid" 2>/dev/null || true)
  fi
  for child in $kids; do proc_tree "$child"; done
}

# ---- UDP ports ----------------------------------------------------------------------------------
udp_port_bound() {
  local hex
  hex=$(printf ':%04X' "$1")
  awk -v p="$hex" 'FNR > 1 && substr($2, length($2) - 4) == p { found = 1 } END { exit !found }' \
    /proc/net/udp /proc/net/udp6
}

wait_port() {  # wait_port bound|free PORT SECONDS
  local want=$1 port=$2 deadline=$(( $(date +%s) + $3 ))
  while :; do
    if [ "$want" = bound ]; then udp_port_bound "$port" && return 0
    else udp_port_bound "$port" || return 0; fi
    [ "$(date +%s)" -lt "$deadline" ] || return 1
    sleep 0.05
  done
}

check_ports_free() {
  local p
  for p in $UAC_PORT $PROXY_PORT $UAS_PORT; do
    wait_port free "$p" 5 || die "UDP port $p on this machine is in use by another program \
(ss -uanp | grep :$p); the benchmark needs $UAC_PORT, $PROXY_PORT and $UAS_PORT free"
  done
}

# ---- measurements -------------------------------------------------------------------------------
# One line per task: "T tid ns-on-cpu ns-waiting-for-a-cpu" (schedstat); one per process:
# "P pid utime+stime ticks" (includes threads that already ended, which schedstat of live tasks
# cannot see: a cross-check).
cpu_snapshot() {
  local out=$1 pid f ns wait tid stat rest
  shift
  local -a fl
  : > "$out"
  for pid in "$@"; do
    for f in /proc/"$pid"/task/*/schedstat; do
      read -r ns wait _ 2>/dev/null < "$f" || continue
      tid=${f#/proc/"$pid"/task/}
      echo "T ${tid%/schedstat} $ns $wait" >> "$out"
    done
    stat=$(cat "/proc/$pid/stat" 2>/dev/null) || continue
    rest=${stat##*) }
    read -r -a fl <<< "$rest"
    echo "P $pid $(( fl[11] + fl[12] ))" >> "$out"
  done
}

# Prints "cpu_ns ticks tasks_gone wait_ns": tasks born during the run count whole, tasks that
# ended during it are counted as gone (their CPU is missing from cpu_ns, not from ticks). wait_ns
# is the time the tasks were runnable but had no CPU: high when the machine is contended.
cpu_delta() {
  [ -s "$2" ] || { echo "NA NA NA NA"; return; }   # the processes ended before the second look
  awk 'FILENAME == ARGV[1] { if ($1 == "T") { t0[$2] = $3; w0[$2] = $4 } else p0[$2] = $3; next }
       $1 == "T" { ns += $3 - (($2 in t0) ? t0[$2] : 0); wait += $4 - (($2 in w0) ? w0[$2] : 0)
                   seen[$2] = 1; next }
       { ticks += $3 - (($2 in p0) ? p0[$2] : 0) }
       END { for (t in t0) if (!(t in seen)) gone++
             printf "%.0f %d %d %.0f\n", ns, ticks, gone, wait }' "$1" "$2"
}

# CPU ticks (utime+stime+cutime+cstime) of every process that is not this script or one of its
# descendants, as "pid:starttime ticks" lines. Children reaped during a run show up in their
# parent's cutime/cstime, so short-lived compiler processes of a build are counted too. Kernel
# threads (children of kthreadd, pid 2) are left out: under load ksoftirqd does our own packets.
others_snapshot() {
  # cat fails when a process ends between the glob and the read: that process is just left out
  { cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk -v self=$$ '
    { pid = $1; rest = $0; sub(/^.*\) /, "", rest); split(rest, f, " ")
      ppid[pid] = f[2]; key[pid] = pid ":" f[20]; ticks[pid] = f[12] + f[13] + f[14] + f[15] }
    END { for (p in ticks) {
            q = p; ours = 0
            while ((q in ppid) && q > 1) { if (q == self || q == 2) { ours = 1; break }; q = ppid[q] }
            if (!ours) print key[p], ticks[p] } }' > "$1"
}

# Percent of one core the other processes used between two snapshots taken SECONDS apart. Plain
# difference of the totals: a process reaped in between leaves the first total and its whole CPU
# time enters its parent's cutime in the second, so only what it used in between remains.
others_pct() {  # others_pct FILE0 FILE1 SECONDS
  awk -v hz="$(getconf CLK_TCK)" -v secs="$3" 'FILENAME == ARGV[1] { d -= $2; next } { d += $2 }
    END { printf "%.1f\n", 100 * d / hz / secs }' "$1" "$2"
}

wait_quiet() {  # wait_quiet DIR
  local dir=$1 waited=0 pct
  while :; do
    others_snapshot "$dir/others-q0"
    sleep 1
    others_snapshot "$dir/others-q1"
    pct=$(others_pct "$dir/others-q0" "$dir/others-q1" 1)
    contended "$pct" || return 0
    if [ "$waited" -ge "$QUIET_WAIT" ]; then
      say "   the machine is still busy (other programs use $pct% of a core); running anyway"
      return 0
    fi
    [ "$waited" -gt 0 ] || say "   waiting for the machine to quieten: other programs use $pct% of a core"
    waited=$(( waited + 1 ))
  done
}

# "all proxy uas in": datagrams the kernel dropped because a receive buffer was full, on the whole
# machine (Udp RcvbufErrors) and on the proxy's and the UAS's sockets (where a lossy run lost
# them), and the machine's delivered UDP datagrams (Udp InDatagrams: 12 per clean call, 6 of
# them to the proxy; a cross-check for a proxy without counters, if nothing else uses UDP).
udp_drops() {
  local snmp files=(/proc/net/udp)
  [ -r /proc/net/udp6 ] && files+=(/proc/net/udp6)
  snmp=$(awk '$1 == "Udp:" { if (!c) { for (i = 2; i <= NF; i++) { if ($i == "RcvbufErrors") c = i; if ($i == "InDatagrams") d = i } }
                             else print $c, $d }' /proc/net/snmp)
  [ -n "$snmp" ] || snmp="NA NA"
  awk -v snmp="$snmp" -v p="$(printf ':%04X' "$PROXY_PORT")" -v u="$(printf ':%04X' "$UAS_PORT")" '
    FNR > 1 { port = substr($2, length($2) - 4); if (port == p) pd += $NF; if (port == u) ud += $NF }
    END { split(snmp, v, " "); print v[1], pd + 0, ud + 0, v[2] }' "${files[@]}"
}

# Last (final) row of a SIPp -trace_stat file: "ok failed retrans unexpected" where unexpected
# counts calls failed on an unexpected message, out-of-call and dead-call messages. NA if absent.
sipp_stats() {
  [ -s "$1" ] || { echo "NA NA NA NA"; return; }
  awk -F';' 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
             { last = $0 }
             END {
               if (last == "") { print "NA NA NA NA"; exit }
               split(last, v, ";")
               print v[col["SuccessfulCall(C)"]], v[col["FailedCall(C)"]], v[col["Retransmissions(C)"]],
                     v[col["FailedUnexpectedMessage(C)"]] + v[col["OutOfCallMsgs(C)"]] + v[col["DeadCallMsgs(C)"]]
             }' "$1"
}

# ---- the proxies ----------------------------------------------------------------------------------
SERVER=""           # name of the server under test
SERVER_PID=""       # its `timeout` wrapper
SERVER_PIDS=()      # every process of it, measured for CPU
SERVER_LOG=""
SERVER_COUNTERS=""  # kam_counters or no_counters: prints "received forwarded" messages (or NA)
KAM_CTL=""

kam_counters() {
  command -v kamcmd >/dev/null 2>&1 || { echo "NA NA"; return; }
  { kamcmd -s "unix:$KAM_CTL" stats.get_statistics core: 2>/dev/null || true; } |
    awk -F' = ' '{ v[$1] = $2 }
      END { if (!("core:rcv_requests" in v)) { print "NA NA"; exit }
            print v["core:rcv_requests"] + v["core:rcv_replies"], v["core:fwd_requests"] + v["core:fwd_replies"] }'
}

no_counters() { echo "NA NA"; }

# Upper bound on a server's life, only reached if this script is killed with SIGKILL: start-up,
# the route check, the warm-up and every run, each with its quiet wait and retries, with margin.
server_lifetime() {
  local runs a b c
  runs=$(( $(echo "$RATES" | tr ',' '\n' | grep -c . || true) + 2 ))
  if [ -n "$RAMP" ]; then
    IFS=: read -r a b c <<< "$RAMP"
    runs=$(( runs + (c - a) / b + 1 ))
  fi
  echo $(( 120 + runs * (RETRIES + 1) * (QUIET_WAIT + DURATION * 2 + 50) ))
}

start_kamailio() {  # start_kamailio qm|tlsf DIR
  local alloc=$1 dir=$2 mods
  command -v kamailio >/dev/null 2>&1 || die "kamailio not found"
  mods=$(kamailio_modules_dir)
  local m
  local need="maxfwd sl textops kex ctl"
  [ "$STATEFUL" = yes ] && need="$need tm"
  for m in $need; do
    [ -f "$mods/$m.so" ] || die "Kamailio module $mods/$m.so missing (set KAMAILIO_MODULES to the module directory)"
  done
  mkdir -p "$dir/run"
  KAM_CTL="$REPO/$dir/run/ctl.sock"
  # -DD: stay in the foreground as our child (its workers are still forked); -E: start-up errors
  # to our log (the config keeps debug=0, nothing is logged per message); -Y/-P/-w: private
  # runtime dir, pid file and working dir, so no system set-up is needed.
  local cmd=(kamailio -DD -E -f "$REPO/$KAMAILIO_CFG" -L "$mods" -Y "$REPO/$dir/run"
             -P "$REPO/$dir/run/kamailio.pid" -w "$REPO/$dir/run" -A "CTL_SOCK=\"unix:$KAM_CTL\"")
  [ "$alloc" = tlsf ] && cmd+=(-x tlsf)
  # Stateful: Kamailio's default 64 MB of shm runs out at 1000 calls/s (every transaction is
  # kept for its wait timer; tm then answers 500 "could not allocate shared memory").
  [ "$STATEFUL" = yes ] && cmd+=(-m 1024)
  SERVER_LOG=$dir/server.log
  local life; life=$(server_lifetime)
  show_cmd timeout -k 5 "$life" "${cmd[@]}"
  timeout -k 5 "$life" "${cmd[@]}" > "$SERVER_LOG" 2>&1 &
  SERVER_PID=$!
  own "$SERVER_PID"
  SERVER_COUNTERS=kam_counters
}

# Returns 1 (and says why) when the sipbridge server cannot be run yet.
sipbridge_available() {
  local jar m
  jar=$(printf '%s\n' "$SIPBRIDGE_CMD" | grep -oE '[^ ]+\.jar' | head -n 1 || true)
  if [ -n "$jar" ] && [ ! -f "$jar" ]; then
    say "bench-server: skipping sipbridge: $jar does not exist yet (build it with mvn package;"
    say "              server command: $SIPBRIDGE_CMD)"
    return 1
  fi
  for m in maxfwd textops; do
    if [ ! -f "$SIPBRIDGE_MODULES/$m.so" ]; then
      say "bench-server: skipping sipbridge: test module $SIPBRIDGE_MODULES/$m.so not built"
      return 1
    fi
  done
  command -v java >/dev/null 2>&1 || { say "bench-server: skipping sipbridge: no java"; return 1; }
}

start_sipbridge() {  # start_sipbridge DIR
  local dir=$1 life
  SERVER_LOG=$dir/server.log
  life=$(server_lifetime)
  # exec: the server replaces the shell, so the measured tree is just timeout + the JVM.
  show_cmd timeout -k 5 "$life" bash -c "exec $SIPBRIDGE_CMD"
  timeout -k 5 "$life" bash -c "exec $SIPBRIDGE_CMD" > "$SERVER_LOG" 2>&1 &
  SERVER_PID=$!
  own "$SERVER_PID"
  SERVER_COUNTERS=no_counters
}

# Ready = the proxy answers an OPTIONS to itself with 200 (its route's own answer: no UAS runs yet).
wait_ready() {  # wait_ready SECONDS DIR
  local deadline=$(( $(date +%s) + $1 )) dir=$2 t0=$(date +%s%N)
  local cmd=(sipp -sf "$OPTIONS_XML" -i "$IP" -p "$UAC_PORT" "$IP:$PROXY_PORT" -m 1 -nostdin
             -timeout 1s -timeout_error -trace_err -error_file "$dir/probe-errors.log")
  show_cmd "${cmd[@]}"
  while :; do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      say "   the server exited during start-up; last lines of $SERVER_LOG:"
      tail -n 20 "$SERVER_LOG" | sed 's/^/     /'
      return 1
    fi
    if timeout -k 2 5 "${cmd[@]}" > "$dir/probe.out" 2>&1; then
      say "   ready: OPTIONS answered 200 by the proxy after $(( ($(date +%s%N) - t0) / 1000000 )) ms"
      return 0
    fi
    if [ "$(date +%s)" -ge "$deadline" ]; then
      say "   no 200 to OPTIONS within $1 s (see $dir/probe.out, $SERVER_LOG)"
      return 1
    fi
    sleep 0.3
  done
}

# TERM to the `timeout` wrapper first: it passes the signal on and the server shuts its own
# workers down; whatever of the server is still there after that is terminated one by one.
stop_server() {
  local e wrapper=() rest=()
  for e in "${OWNED[@]}"; do
    if [ "${e%%:*}" = "$SERVER_PID" ]; then wrapper+=("$e")
    else case " ${SERVER_PIDS[*]} " in *" ${e%%:*} "*) rest+=("$e") ;; esac
    fi
  done
  if [ ${#wrapper[@]} -gt 0 ]; then terminate "${wrapper[@]}"; fi
  if [ ${#rest[@]} -gt 0 ]; then terminate "${rest[@]}"; fi
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PIDS=()
}

# ---- one load run ---------------------------------------------------------------------------------
TSV=""
LAST_ROW=""
LAST_CLEAN=no

# run_load PHASE RATE CALLS DIR [trace]: UAS on :5080, UAC on :5060 sending via the proxy on :5070;
# measures the proxy's CPU over the UAC's run and leaves the row in LAST_ROW (see record).
run_load() {
  local phase=$1 rate=$2 calls=$3 dir=$4 trace=${5:-}
  local secs=$(( (calls + rate - 1) / rate ))
  # -timeout alone would let SIPp wait for calls in progress (up to ~32 s of retransmissions):
  # with -timeout_error it quits at the limit with its statistics (exit code 255: not clean).
  local t_uac=$(( secs * 2 + 15 ))
  local t_uas=$(( t_uac + 10 ))   # the UAS keeps each call 4 s after the BYE (uas timewait)
  mkdir -p "$dir"
  wait_quiet "$dir"
  wait_port free "$UAS_PORT" 10 || die "UDP port $UAS_PORT still busy"
  wait_port free "$UAC_PORT" 10 || die "UDP port $UAC_PORT still busy"

  local uas=(sipp -sn uas -i "$IP" -p "$UAS_PORT" -m "$calls" -nostdin -timeout "${t_uas}s" -timeout_error
             -buff_size "$SIPP_BUFF" -trace_stat -stf "$dir/uas.csv" -fd 3600 -trace_err -error_file "$dir/uas-errors.log"
             -trace_screen -screen_file "$dir/uas-screen.log")
  [ "$trace" = trace ] && uas+=(-trace_msg -message_file "$dir/uas-messages.log")
  # The R-URI (sip:service@127.0.0.1:5080) names the UAS; -rsa sends every request to the proxy,
  # which forwards it to the UAS. Replies come back through the proxy by their Via headers.
  local uac=(sipp -sn uac -i "$IP" -p "$UAC_PORT" "$IP:$UAS_PORT" -rsa "$IP:$PROXY_PORT"
             -r "$rate" -m "$calls" -nostdin -timeout "${t_uac}s" -timeout_error
             -buff_size "$SIPP_BUFF" -trace_stat -stf "$dir/uac.csv" -fd 3600 -trace_err -error_file "$dir/uac-errors.log"
             -trace_screen -screen_file "$dir/uac-screen.log")
  { printf '%q ' "${uas[@]}"; echo; printf '%q ' "${uac[@]}"; echo; } > "$dir/commands.txt"
  show_cmd "${uas[@]}"
  show_cmd "${uac[@]}"

  timeout -k 5 $(( t_uas + 10 )) "${uas[@]}" > "$dir/uas.out" 2>&1 &
  local uas_pid=$!
  own "$uas_pid"
  wait_port bound "$UAS_PORT" 10 || die "the SIPp UAS did not bind :$UAS_PORT (see $dir/uas.out)"
  local uas_pids; uas_pids=$(proc_tree "$uas_pid")

  local c0 c1 d0 d1 t0 t1 uac_pid uac_rc=0 uas_rc=0
  c0=$($SERVER_COUNTERS)
  d0=$(udp_drops)
  # shellcheck disable=SC2086
  cpu_snapshot "$dir/uas-cpu0" $uas_pids
  cpu_snapshot "$dir/cpu0" "${SERVER_PIDS[@]}"
  others_snapshot "$dir/others0"
  t0=$(date +%s%N)
  timeout -k 5 $(( t_uac + 10 )) "${uac[@]}" > "$dir/uac.out" 2>&1 &
  uac_pid=$!
  own "$uac_pid"
  wait "$uac_pid" || uac_rc=$?     # wait, unlike a foreground command, lets Ctrl-C through
  t1=$(date +%s%N)
  others_snapshot "$dir/others1"
  cpu_snapshot "$dir/cpu1" "${SERVER_PIDS[@]}"
  # shellcheck disable=SC2086
  cpu_snapshot "$dir/uas-cpu1" $uas_pids
  d1=$(udp_drops)
  c1=$($SERVER_COUNTERS)
  wait "$uas_pid" || uas_rc=$?

  local uac_s uas_s cpu uas_cpu others
  others=$(others_pct "$dir/others0" "$dir/others1" "$(awk -v a="$t0" -v b="$t1" 'BEGIN { print (b - a) / 1e9 }')")
  uac_s=$(sipp_stats "$dir/uac.csv")
  uas_s=$(sipp_stats "$dir/uas.csv")
  cpu=$(cpu_delta "$dir/cpu0" "$dir/cpu1")
  uas_cpu=$(cpu_delta "$dir/uas-cpu0" "$dir/uas-cpu1")

  local row
  row=$(awk -v server="$SERVER" -v phase="$phase" -v rate="$rate" -v calls="$calls" \
      -v uac="$uac_s" -v uas="$uas_s" -v uac_rc="$uac_rc" -v uas_rc="$uas_rc" \
      -v t0="$t0" -v t1="$t1" -v cpu="$cpu" -v uas_cpu="$uas_cpu" -v hz="$(getconf CLK_TCK)" \
      -v c0="$c0" -v d0="$d0" -v d1="$d1" -v others="$others" -v c1="$c1" -v mpc="$MSGS_PER_CALL" -v ends="$ENDS_PER_CALL" -v dir="$dir" '
    function na(x) { return x == "NA" || x == "" }
    BEGIN {
      split(uac, a, " "); split(uas, s, " "); split(cpu, c, " "); split(uas_cpu, u, " ")
      split(c0, k0, " "); split(c1, k1, " "); split(d0, x0, " "); split(d1, x1, " ")
      wall = (t1 - t0) / 1e9
      ok = a[1]; failed = a[2]
      msgs = na(ok) ? 0 : ok * mpc
      udp_in = na(x0[4]) ? "NA" : x1[4] - x0[4]
      # A proxy without counters: in a run where UAC and UAS got each of their messages per
      # call (ends: 6, 7 with a 100 Trying) exactly once, the machine delivered udp_in - ends x
      # calls datagrams to the proxy.
      rcvd = (na(k0[1]) || na(k1[1])) ? (na(udp_in) ? "NA" : "~" (udp_in - calls * ends)) : k1[1] - k0[1]
      fwd  = (na(k0[2]) || na(k1[2])) ? "NA" : k1[2] - k0[2]
      retrans = (na(a[3]) || na(s[3])) ? "NA" : a[3] + s[3]
      unexp   = (na(a[4]) || na(s[4])) ? "NA" : a[4] + s[4]
      clean = !na(ok) && !na(s[1]) && ok == calls && s[1] == calls && failed == 0 && s[2] == 0 &&
              retrans == 0 && unexp == 0 && uac_rc == 0 && uas_rc == 0 &&
              (rcvd == "NA" || rcvd == calls * mpc || rcvd == "~" calls * mpc)
      us_msg = msgs > 0 ? sprintf("%.2f", c[1] / msgs / 1000) : "NA"
      drops = na(x0[1]) ? "NA" : x1[1] - x0[1]
      # the UAS socket exists at both looks only while the UAS is still in its timewait
      uas_drops = na(u[1]) ? "NA" : x1[3] - x0[3]
      uas_pct = na(u[1]) ? "NA" : sprintf("%.1f", 100 * u[1] / (wall * 1e9))
      printf "%s\t%s\t%d\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t%d\t%.3f\t%.0f\t%.1f\t%s\t%.1f\t%.1f\t%d\t%s\t%s\t%s\t%.1f\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n",
        server, phase, rate, calls, ok, failed, s[1], s[2], a[3], s[3], retrans, unexp,
        uac_rc, uas_rc, wall, msgs / wall, c[1] / 1e6, us_msg, 100 * c[1] / (wall * 1e9),
        c[2] * 1000 / hz, c[3], rcvd, fwd, uas_pct,
        100 * c[4] / (wall * 1e9), clean ? "yes" : "no", drops, x1[2] - x0[2], uas_drops, others, udp_in, dir
    }')
  LAST_ROW=$row
  printf '%s\n' "$row" | awk -F'\t' '{
    printf "   -> %s %s %d/s: ok %s failed %s retrans %s unexpected %s, %.0f msg/s, %s us/msg, %.1f%% of a core, proxy rcvd %s, UDP drops %s (proxy %s, UAS %s), others %s%%, clean %s\n",
      $1, $2, $3, $5, $6, $11, $12, $16, $18, $19, $22, $27, $28, $29, $30, $26 }'
}

# Appends a row to the TSV, PHASE replacing its phase when given, and makes it the last result.
record() {  # record ROW [PHASE]
  local row=$1
  [ -z "${2:-}" ] || row=$(printf '%s\n' "$row" | awk -F'\t' -v OFS='\t' -v p="$2" '{ $2 = p; print }')
  printf '%s\n' "$row" >> "$TSV"
  LAST_CLEAN=$(printf '%s\n' "$row" | cut -f26)
}

# The route really ran: the UAS got INVITE, ACK and BYE with the appended header and Max-Forwards
# decremented by the maxfwd check (70 -> 69).
check_route() {  # check_route DIR
  local dir=$1 log
  run_load check 1 1 "$dir" trace
  record "$LAST_ROW"
  log=$dir/uas-messages.log
  local hdr mf
  hdr=$(grep -c 'X-Proxied: yes' "$log" 2>/dev/null || true)
  mf=$(grep -c 'Max-Forwards: 69' "$log" 2>/dev/null || true)
  if [ "$LAST_CLEAN" = yes ] && [ "$hdr" = 3 ] && [ "$mf" = 3 ]; then
    say "   route check: INVITE, ACK and BYE reached the UAS with X-Proxied: yes and Max-Forwards: 69"
    return 0
  fi
  say "   route check FAILED: clean=$LAST_CLEAN, requests with X-Proxied: $hdr/3, Max-Forwards 69: $mf/3 (see $log)"
  return 1
}

# A measured run. When other programs used more than QUIET_LIMIT % of a core during it, it is
# repeated (up to RETRIES times): neighbours both make runs lossy and raise the CPU per message
# (shared caches), clean or not. The attempt during which they used least counts; the others stay
# in the TSV as "<phase>-contended".
contended() { awk -v p="$1" -v l="$QUIET_LIMIT" 'BEGIN { exit !(p > l) }'; }
measure() {  # measure PHASE RATE CALLS DIR
  local phase=$1 rate=$2 calls=$3 dir=$4 attempt=0 run_dir others best=0 i
  local rows=()
  while :; do
    run_dir=$dir
    [ "$attempt" = 0 ] || run_dir=$dir-retry$attempt
    run_load "$phase" "$rate" "$calls" "$run_dir"
    rows+=("$LAST_ROW")
    others=$(printf '%s\n' "$LAST_ROW" | cut -f30)
    if awk -v a="$others" -v b="$(printf '%s\n' "${rows[$best]}" | cut -f30)" 'BEGIN { exit !(a < b) }'; then
      best=$attempt
    fi
    contended "$others" || break
    [ "$attempt" -lt "$RETRIES" ] || break
    attempt=$(( attempt + 1 ))
    say "   other programs used $others% of a core during the run: again (attempt $(( attempt + 1 )))"
  done
  for i in "${!rows[@]}"; do
    [ "$i" = "$best" ] || record "${rows[$i]}" "$phase-contended"
  done
  record "${rows[$best]}"
  [ ${#rows[@]} = 1 ] || say "   counted: attempt $(( best + 1 )) (least used by other programs)"
}

# ---- one server: start, verify, warm up, measure, stop ------------------------------------------------
FAILED_SERVERS=()
LAST_CLEAN_RATE=()

bench_server() {  # bench_server NAME
  SERVER=$1
  local dir=$RUN_DIR/$SERVER
  mkdir -p "$dir"
  say ""
  say "== $SERVER"
  check_ports_free
  case "$SERVER" in
    kamailio) start_kamailio qm "$dir" ;;
    kamailio-tlsf) start_kamailio tlsf "$dir" ;;
    sipbridge) start_sipbridge "$dir" ;;
  esac
  local ready_secs=15
  [ "$SERVER" = sipbridge ] && ready_secs=60
  if ! wait_ready "$ready_secs" "$dir"; then
    FAILED_SERVERS+=("$SERVER (did not start)"); stop_server; return
  fi
  mapfile -t SERVER_PIDS < <(proc_tree "$SERVER_PID")
  own "${SERVER_PIDS[@]}"
  say "   measuring CPU of ${#SERVER_PIDS[@]} processes: ${SERVER_PIDS[*]}"

  if ! check_route "$dir/check"; then
    FAILED_SERVERS+=("$SERVER (route check)"); stop_server; return
  fi

  local first rate
  first=${RATES%%,*}
  [ -n "$first" ] || first=${RAMP%%:*}
  if [ "$WARMUP" -gt 0 ]; then
    run_load warmup "$first" $(( first * WARMUP )) "$dir/warmup-$first"
    record "$LAST_ROW"
  fi
  for rate in ${RATES//,/ }; do
    measure fixed "$rate" $(( rate * DURATION )) "$dir/fixed-$rate"
  done
  if [ -n "$RAMP" ]; then
    local start step max last=none
    IFS=: read -r start step max <<< "$RAMP"
    for (( rate = start; rate <= max; rate += step )); do
      measure ramp "$rate" $(( rate * DURATION )) "$dir/ramp-$rate"
      [ "$LAST_CLEAN" = yes ] || break
      last=$rate
    done
    LAST_CLEAN_RATE+=("$SERVER: last clean rate $last calls/s (ramp $RAMP)")
  fi
  # Nothing should be logged while messages flow; errors there would make the numbers suspect.
  local errors; errors=$(grep -cE 'ERROR|CRITICAL|BUG|ALERT|Exception' "$SERVER_LOG" || true)
  say "   server log: $SERVER_LOG ($errors error lines)"
  stop_server
}

# ---- report -------------------------------------------------------------------------------------------
# Aligns tab-separated lines into columns (column(1) is not on every minimal machine).
table() {
  awk -F'\t' '{ for (i = 1; i <= NF; i++) { cell[NR, i] = $i; if (length($i) > w[i]) w[i] = length($i) }
                 if (NF > nf) nf = NF }
    END { for (r = 1; r <= NR; r++) { line = ""
            for (i = 1; i <= nf; i++) line = line sprintf(i < nf ? "%-" w[i] "s  " : "%s", cell[r, i])
            print line } }'
}

report() {
  say ""
  say "== Results: $DURATION s per run, CPU = all threads of all the proxy's processes over the UAC's run"
  {
    printf 'server\tphase\trate\tcalls ok\tfailed\tretrans\tunexp\tmsgs/s\tCPU us/msg\tCPU %%core\tproxy rcvd\tudp drops\trunq wait%%\tothers%%\tclean\n'
    awk -F'\t' 'NR > 1 && ($2 == "fixed" || $2 == "ramp") {
      printf "%s\t%s\t%d\t%s\t%s\t%s\t%s\t%.0f\t%s\t%.1f\t%s\t%s\t%.1f\t%s\t%s\n", $1, $2, $3, $5, ($6 == "NA" || $8 == "NA") ? "NA" : $6 + $8, $11, $12, $16, $18, $19, $22, $27, $25, $30, $26 }' "$TSV"
  } | table
  say "   (failed = UAC + UAS failed calls; unexp = unexpected, out-of-call and dead-call messages;"
  say "    proxy rcvd = messages the proxy counted, expected 6 x calls; ~N for a proxy without counters:"
  say "    UDP datagrams the machine delivered minus the 6 x calls to UAC and UAS;"
  say "    udp drops = datagrams the kernel dropped on full receive buffers, machine-wide (per socket in the TSV);"
  say "    runq wait = time the proxy's tasks were runnable but without a CPU; others = % of a core used by"
  say "    programs outside the benchmark during the run: both say the machine was contended)"
  local l
  for l in "${LAST_CLEAN_RATE[@]}"; do say "   $l"; done

  say ""
  say "== CPU per message, sipbridge / Kamailio, at the same rates"
  say "   (* = a run was not clean, ! = other programs used > $QUIET_LIMIT% of a core during a run)"
  awk -F'\t' -v limit="$QUIET_LIMIT" 'NR > 1 && ($2 == "fixed" || $2 == "ramp") {
      us[$1, $3] = $18; ok[$1, $3] = ($26 == "yes"); busy[$1, $3] = ($30 > limit); rates[$3] = 1 }
    function ratio(a, b) {
      if (!((a, r) in us) || !((b, r) in us) || us[a, r] == "NA" || us[b, r] == "NA" || us[b, r] == 0) return "-"
      return sprintf("%.2f%s%s", us[a, r] / us[b, r], (ok[a, r] && ok[b, r]) ? "" : "*",
                     (busy[a, r] || busy[b, r]) ? "!" : "")
    }
    END {
      n = 0; for (r in rates) list[++n] = r + 0
      for (i = 2; i <= n; i++) for (j = i; j > 1 && list[j - 1] > list[j]; j--) { t = list[j]; list[j] = list[j - 1]; list[j - 1] = t }
      printf "rate\tsipbridge/kamailio(qm)\tsipbridge/kamailio(tlsf)\tkamailio(qm)/kamailio(tlsf)\n"
      for (i = 1; i <= n; i++) { r = list[i]
        printf "%d\t%s\t%s\t%s\n", r, ratio("sipbridge", "kamailio"), ratio("sipbridge", "kamailio-tlsf"), ratio("kamailio", "kamailio-tlsf") }
    }' "$TSV" | table
  say ""
  say "raw rows: $TSV; per-run SIPp files and commands: $RUN_DIR"
}

main() {
  parse_args "$@"
  ensure_tools
  local stamp; stamp=$(date +%Y%m%d-%H%M%S)
  mkdir -p target/bench
  local kind=server
  [ "$STATEFUL" = yes ] && kind=server-tm
  TSV=target/bench/$kind-$stamp.tsv
  RUN_DIR=target/bench/$kind-$stamp
  mkdir -p "$RUN_DIR"
  printf 'server\tphase\trate\tcalls\tuac_ok\tuac_failed\tuas_ok\tuas_failed\tuac_retrans\tuas_retrans\tretrans\tunexpected\tuac_rc\tuas_rc\twall_s\tmsgs_per_s\tcpu_ms\tcpu_us_per_msg\tcpu_pct_core\tcpu_ticks_ms\ttasks_gone\tproxy_rcvd\tproxy_fwd\tuas_cpu_pct\tproxy_wait_pct\tclean\tudp_drops\tproxy_drops\tuas_drops\tothers_pct_core\tudp_in\trun_dir\n' > "$TSV"

  say "bench-server: $0 $*"
  say "  rates: ${RATES:-none}, ramp: ${RAMP:-none}, $DURATION s per run, warm-up $WARMUP s, servers: $ONLY"
  say "  route: $([ "$STATEFUL" = yes ] && echo "stateful (t_relay): $KAMAILIO_CFG, $SIPBRIDGE_CMD" || echo "stateless (forward): $KAMAILIO_CFG, $SIPBRIDGE_CMD")"
  say "  $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg); sipp $(sipp -v 2>/dev/null | grep -o 'v[0-9][0-9.]*' | head -n 1)"
  if command -v kamailio >/dev/null 2>&1; then say "  $(kamailio -v 2>/dev/null | head -n 1)"; fi

  local s
  for s in kamailio kamailio-tlsf sipbridge; do
    wants "$s" || continue
    if [ "$s" = sipbridge ] && ! sipbridge_available; then continue; fi
    bench_server "$s"
  done
  report
  if [ ${#FAILED_SERVERS[@]} -gt 0 ]; then
    say "bench-server: not measured: ${FAILED_SERVERS[*]}" >&2
    exit 1
  fi
}

main "$@"
