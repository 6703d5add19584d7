#!/usr/bin/env bash
# Runs the stock configurations of an OpenSIPS 1.11 tree in sipbridge and checks each with
# SIPp: etc/opensips.cfg (the residential proxy) and the examples fork.cfg, serial_183.cfg
# and redirect.cfg. It downloads nothing and is not part of the test suite.
#
#   scripts/check-stock-configs.sh -t ../opensips-1.11 [-o /tmp/stock] [-d 60] [-r 100]
#
# Options:
#   -t DIR    the 1.11 tree (holding etc/opensips.cfg and examples/)
#   -o DIR    scratch directory (default: a new mktemp dir, kept and printed)
#   -d SECS   how long opensips.cfg's A-calls-B load runs (default 5; the issue's figure is 60)
#   -r RATE   calls per second of that load (default 100)
#   -c LIST   which configurations (default "opensips fork serial_183 redirect")
#   -J LIST   modules never taken from the tree even when they build (e.g. "sl tm": use
#             sipbridge's Java stand-ins)
#
# What it does:
#   1. builds the modules the configurations load from the tree's sources with
#      scripts/check-opensips-compat.sh (into DIR/compat); a module that compiles and links
#      goes on the configurations' mpath (DIR/modules), the others are reported with their
#      first blocker. sl and tm have Java stand-ins in sipbridge: without a built sl.so/tm.so
#      `loadmodule "sl.so"`/`"tm.so"` gets those.
#   2. copies each configuration into DIR/cfg, changing only `listen` and `mpath` (and, in
#      serial_183.cfg, the machine address 192.168.2.16 its route sends to, which is its listen
#      address; a file without a listen line gets one). Every run gets its own loopback
#      address 127.X.Y.1 (so the configurations' fixed ports, 5060 and 5064, collide with nobody), and the example hosts opensips.org and
#      siphub.net resolve to 127.X.Y.2 through a hosts file of the run (-Dsipbridge.hosts_file
#      for the core's resolver, the one the real tm uses; -Djdk.net.hosts.file for the JVM's):
#      no traffic leaves 127.0.0.0/8.
#   3. starts sipbridge on it with 4 workers (-n 4, -E: log to stderr, into DIR/<cfg>/server.log),
#      runs the SIPp scenarios of scripts/stock/ (and StockPeer.java where one forked call's
#      branches need different answers), stops it, and prints one line per check.
#
# Requires a built tree (target/sipbridge.jar, target/native/libsipbridge.so), sipp, java 17,
# gcc. Exit status: 0 when every check passed, 1 when one failed or was blocked, 2 on a usage
# or setup error.
set -uo pipefail

REPO="$(cd "$(dirname "$0")/.." && pwd)"
SCEN="$REPO/scripts/stock"
JAR="$REPO/target/sipbridge.jar"
CORE="$REPO/target/native/libsipbridge.so"
TREE=""
WORK=""
DURATION=5
RATE=100
CONFIGS="opensips fork serial_183 redirect"
JAVA_ONLY=""
STOCK_MODULES="signaling sl tm rr maxfwd sipmsgops mi_fifo uri usrloc registrar acc"

usage() { sed -n '2,37p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }

while getopts "t:o:d:r:c:J:h" opt; do
  case "$opt" in
    t) TREE="$OPTARG" ;;
    o) WORK="$OPTARG" ;;
    d) DURATION="$OPTARG" ;;
    r) RATE="$OPTARG" ;;
    c) CONFIGS="$OPTARG" ;;
    J) JAVA_ONLY="$OPTARG" ;;
    *) usage ;;
  esac
done
[ -n "$TREE" ] || usage
[[ "$DURATION" =~ ^[0-9]+$ && "$DURATION" -ge 1 ]] || { echo "-d: whole seconds, at least 1" >&2; exit 2; }
[[ "$RATE" =~ ^[0-9]+$ && "$RATE" -ge 1 ]] || { echo "-r: calls per second, at least 1" >&2; exit 2; }
TREE="$(cd "$TREE" 2>/dev/null && pwd)" || { echo "no such directory: $TREE" >&2; exit 2; }
for f in etc/opensips.cfg examples/fork.cfg examples/serial_183.cfg examples/redirect.cfg; do
  [ -f "$TREE/$f" ] || { echo "$TREE/$f is missing: not an OpenSIPS 1.11 tree?" >&2; exit 2; }
done
for f in "$JAR" "$CORE"; do
  [ -f "$f" ] || { echo "missing $f: build sipbridge first (mvn -B -DskipTests package)" >&2; exit 2; }
done
for t in sipp java gcc; do
  command -v "$t" >/dev/null || { echo "missing tool: $t" >&2; exit 2; }
done

[ -n "$WORK" ] || WORK="$(mktemp -d /tmp/sipbridge-stock.XXXXXX)"
mkdir -p "$WORK" && WORK="$(cd "$WORK" && pwd)"
mkdir -p "$WORK/modules" "$WORK/cfg"
echo "scratch directory: $WORK"

# A loopback address of our own (127.X.Y.1) and one for the example hosts (127.X.Y.2).
NET="127.$((RANDOM % 200 + 20)).$((RANDOM % 250 + 1))"
ADDR="$NET.1"
HOSTS_ADDR="$NET.2"
printf '%s opensips.org\n%s siphub.net\n' "$HOSTS_ADDR" "$HOSTS_ADDR" > "$WORK/hosts"
echo "proxy address: $ADDR, opensips.org and siphub.net: $HOSTS_ADDR"

RESULTS=()
FAILED=0
# result CONFIG CHECK pass|FAIL|BLOCKED DETAIL
result() {
  RESULTS+=("$(printf '%-15s | %-40s | %-7s | %s' "$1" "$2" "$3" "$4")")
  [ "$3" = "pass" ] || FAILED=1
}

# --- 1. the modules
echo "building $STOCK_MODULES from $TREE (scripts/check-opensips-compat.sh)..."
"$REPO/scripts/check-opensips-compat.sh" -t "$TREE" -m "$STOCK_MODULES" -o "$WORK/compat" \
  > "$WORK/compat.txt" 2>&1
declare -A BLOCKER
for m in $STOCK_MODULES; do
  so="$WORK/compat/out/$m.so"
  missing="$WORK/compat/log/$m.missing.txt"
  rm -f "$WORK/modules/$m.so"
  if [[ " $JAVA_ONLY " == *" $m "* ]]; then
    BLOCKER[$m]="not taken (-J)"
  elif [ ! -f "$so" ]; then
    first="$(grep -m1 -E 'error:|multiple definition|undefined reference' "$WORK/compat/log/$m.compile.log" 2>/dev/null \
      | sed -e "s|$WORK/compat/modules/||" -e 's|^/usr/bin/ld: [^ ]*: ||' -e 's|; /tmp/[^ ]*: first defined here||')"
    BLOCKER[$m]="does not compile: ${first:-see compat/log/$m.compile.log}"
  elif [ -s "$missing" ]; then
    BLOCKER[$m]="does not link: missing $(head -3 "$missing" | tr '\n' ' ')$( [ "$(wc -l < "$missing")" -gt 3 ] && echo "(+$(( $(wc -l < "$missing") - 3 )) more)")"
  else
    cp "$so" "$WORK/modules/"
    BLOCKER[$m]=""
  fi
done
echo
printf '%-10s | %s\n' module "on mpath?"
for m in $STOCK_MODULES; do
  if [ -z "${BLOCKER[$m]}" ]; then
    printf '%-10s | %s\n' "$m" "yes (built from the tree)"
  elif [ "$m" = sl ] || [ "$m" = tm ]; then
    printf '%-10s | %s\n' "$m" "no, sipbridge's Java $m serves (${BLOCKER[$m]})"
  else
    printf '%-10s | %s\n' "$m" "no: ${BLOCKER[$m]}"
  fi
done
echo

# --- helpers
SERVER_PID=""
start_server() { # NAME CFG [extra sipbridge args]; 0 when it serves
  local name="$1" cfg="$2"; shift 2
  local dir="$WORK/$name"
  mkdir -p "$dir"
  : > "$dir/server.log"
  (cd "$dir" && exec java -Dsipbridge.core="$CORE" -Dsipbridge.hosts_file="$WORK/hosts" -Djdk.net.hosts.file="$WORK/hosts" -jar "$JAR" \
      -f "$cfg" -n 4 -E "$@" > "$dir/server.log" 2>&1) &
  SERVER_PID=$!
  local i
  for i in $(seq 1 300); do
    if grep -q "sipbridge serving" "$dir/server.log"; then
      sleep 0.5
      return 0
    fi
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      SERVER_PID=""
      return 1
    fi
    sleep 0.2
  done
  stop_server
  return 1
}
stop_server() {
  [ -n "$SERVER_PID" ] || return 0
  kill -TERM "$SERVER_PID" 2>/dev/null
  local i
  for i in $(seq 1 50); do
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.2
  done
  kill -KILL "$SERVER_PID" 2>/dev/null
  wait "$SERVER_PID" 2>/dev/null
  SERVER_PID=""
}
why_not_started() { # the server's own error lines
  grep -E "^sipbridge: |ERROR" "$1" | grep -v "not started\|is NOT valid" | head -2 | tr '\n' ' '
}
# sipp_run DIR NAME ARGS...: runs SIPp in the foreground, files in DIR/NAME; returns its status
sipp_run() {
  local dir="$1/$2"; shift 2
  mkdir -p "$dir"
  (cd "$dir" && sipp "$@" -nostdin -trace_stat -stf stats.csv -trace_err -error_file errors.log \
      -trace_screen -screen_file screen.log -trace_msg -message_file messages.log > out.txt 2>&1)
}
# sipp_bg DIR NAME ARGS...: SIPp in the background (a phone waiting for calls); pid in SIPP_PID
sipp_bg() {
  local dir="$1/$2"; shift 2
  mkdir -p "$dir"
  (cd "$dir" && exec sipp "$@" -nostdin -trace_stat -stf stats.csv -trace_err -error_file errors.log \
      -trace_screen -screen_file screen.log -trace_msg -message_file messages.log > out.txt 2>&1) &
  SIPP_PID=$!
  sleep 0.5
}
sipp_wait() { # PID SECONDS: waits, kills past the limit; its status
  local pid="$1" limit="$2" i
  for i in $(seq 1 $((limit * 5))); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  kill -TERM "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
}
# "successful/failed" calls (cumulative) from a SIPp screen file
sipp_counts() {
  local s="$1/screen.log"
  local ok bad
  ok="$(grep 'Successful call' "$s" 2>/dev/null | tail -1 | awk -F'|' '{gsub(/ /, "", $3); print $3}')"
  bad="$(grep 'Failed call' "$s" 2>/dev/null | tail -1 | awk -F'|' '{gsub(/ /, "", $3); print $3}')"
  echo "${ok:-?}/${bad:-?}"
}
first_error() { # a SIPp run's first error line
  grep -v '^$' "$1/errors.log" 2>/dev/null | grep -vi "^sipp" | head -1 | cut -c1-140
}
uac_final() { # CODE FILE: uac-final.xml with that code
  sed "s/@CODE@/$1/" "$SCEN/uac-final.xml" > "$2"
}
# mi_fifo_cmd FIFO CMD [ARG...]: one MI command in 1.11's FIFO format (":cmd:reply_fifo",
# one line per argument, an empty line); the reply on stdout
mi_fifo_cmd() {
  local fifo="$1" cmd="$2" name="sipbridge_stock_$$_$RANDOM"; shift 2
  local reply="/tmp/$name" text
  rm -f "$reply"
  mkfifo -m 0600 "$reply" || return 1
  text="$(printf ':%s:%s\n' "$cmd" "$name"; for a in "$@"; do printf '%s\n' "$a"; done; printf '\n')"
  (timeout 5 bash -c 'printf "%s\n\n" "$1" > "$2"' _ "$text" "$fifo") || { rm -f "$reply"; return 1; }
  timeout 5 cat "$reply"
  local rc=$?
  rm -f "$reply"
  return $rc
}

adapt() { # SRC DST LISTEN: the copy with listen and mpath adapted
  # a file without a listen line (1.11: every interface, port 5060) gets one, first
  { grep -Eq '^[[:space:]]*listen[[:space:]]*=' "$1" || printf 'listen=%s   # added: the file has none\n' "$3"
    sed -E -e "s|^([[:space:]]*)listen[[:space:]]*=.*|\1listen=$3|" \
           -e "s|^([[:space:]]*)mpath[[:space:]]*=.*|\1mpath=\"$WORK/modules/\"|" "$1"; } > "$2"
}

# --- 2./3. the configurations
check_opensips() {
  local name=opensips cfg="$WORK/cfg/opensips.cfg" dir="$WORK/opensips"
  rm -rf "$dir"; mkdir -p "$dir"
  # listen=udp:127.0.0.1:5060 -> our address, the same protocol and port
  adapt "$TREE/etc/opensips.cfg" "$cfg" "udp:$ADDR:5060"
  diff "$TREE/etc/opensips.cfg" "$cfg" > "$WORK/cfg/opensips.cfg.diff"
  local blocked=""
  for m in signaling rr maxfwd sipmsgops mi_fifo uri usrloc registrar acc; do
    if [ -n "${BLOCKER[$m]}" ]; then
      blocked="$blocked$m: ${BLOCKER[$m]}; "
    fi
  done
  if ! start_server "$name" "$cfg"; then
    local why
    why="$(why_not_started "$dir/server.log")"
    result "$name" "starts" BLOCKED "${why:-see $dir/server.log}"
    [ -n "$blocked" ] && result "$name" "modules it loads" BLOCKED "not built from the tree: $blocked"
    for c in "REGISTER alice, bob (200, contacts saved)" "A calls B, ${RATE}/s for ${DURATION}s" \
             "unknown user -> 404" "CANCEL -> 487" "failure route sees t_was_cancelled" \
             "acc: one line per call" "mi_fifo: ps, get_statistics"; do
      result "$name" "$c" BLOCKED "does not start (above)"
    done
    return
  fi
  grep -A20 "^modules:" "$dir/server.log" | sed -n '1,16p' > "$dir/modules.txt"
  local calls=$((RATE * DURATION))
  # bob answers (uas-answer) at ADDR:5062, carol is rung and cancelled (uas-cancel) at ADDR:5064
  sipp_bg "$dir" bob -sf "$SCEN/uas-answer.xml" -i "$ADDR" -p 5062 -key user bob -m "$calls" \
    -timeout "$((DURATION + 40))s" -timeout_error
  local bob=$SIPP_PID
  sipp_bg "$dir" carol -sf "$SCEN/uas-cancel.xml" -i "$ADDR" -p 5064 -key user carol -m 3 \
    -timeout "$((DURATION + 60))s" -timeout_error
  local carol=$SIPP_PID
  local ok=1 u port
  for u in alice:5061 bob:5062 carol:5064; do
    port="${u#*:}"; u="${u%%:*}"
    if ! sipp_run "$dir" "register-$u" -sf "$SCEN/register.xml" "$ADDR:5060" -i "$ADDR" -m 1 \
        -key user "$u" -key contact_host "$ADDR" -key contact_port "$port" -timeout 10s -timeout_error; then
      ok=0; result "$name" "REGISTER $u" FAIL "$(first_error "$dir/register-$u") (sipp: $(sipp_counts "$dir/register-$u"))"
    elif ! grep -q "Contact: <sip:$u@$ADDR:$port>;expires=" "$dir/register-$u/messages.log"; then
      ok=0; result "$name" "REGISTER $u" FAIL "200 without the saved Contact sip:$u@$ADDR:$port"
    fi
  done
  [ "$ok" = 1 ] && result "$name" "REGISTER alice, bob, carol (200, saved)" pass "each 200 lists the Contact registered, with expires"

  # A calls B: lookup, record_route, 180/200/ACK, BYE through loose_route
  sipp_run "$dir" alice -sf "$SCEN/uac-call.xml" "$ADDR:5060" -i "$ADDR" -p 5061 -s bob -key caller alice \
    -r "$RATE" -m "$calls" -d 200 -timeout "$((DURATION + 30))s" -timeout_error
  local uac_rc=$?
  sipp_wait "$bob" 15
  local a b invites rr
  a="$(sipp_counts "$dir/alice")"; b="$(sipp_counts "$dir/bob")"
  invites="$(grep -c "^INVITE sip:bob@$ADDR:5062 SIP/2.0" "$dir/bob/messages.log" 2>/dev/null)"
  # the proxy's own Record-Route (record_route) in the 200s the caller got
  rr="$(grep -c "^Record-Route: <sip:$ADDR[:;]" "$dir/alice/messages.log" 2>/dev/null)"
  if [ "$uac_rc" = 0 ] && [ "$a" = "$calls/0" ] && [ "$b" = "$calls/0" ] && [ "$invites" -ge "$calls" ] \
      && [ "$rr" -ge "$calls" ]; then
    result "$name" "A calls B, ${RATE}/s for ${DURATION}s" pass "$calls calls, 0 failed (caller, callee ok/failed: $a, $b); INVITEs at bob's Contact, Record-Route in the 200s, ACK and BYE by Route"
  else
    result "$name" "A calls B, ${RATE}/s for ${DURATION}s" FAIL "caller ok/failed $a (sipp exit $uac_rc), callee $b, INVITEs at bob's Contact $invites, replies with our Record-Route $rr; $(first_error "$dir/alice")"
  fi

  # unknown user: lookup fails -> t_newtran + t_reply 404
  uac_final 404 "$dir/uac-404.xml"
  if sipp_run "$dir" unknown -sf "$dir/uac-404.xml" "$ADDR:5060" -i "$ADDR" -s nobody -m 3 -r 3 \
      -timeout 15s -timeout_error; then
    result "$name" "unknown user -> 404" pass "3 INVITEs for nobody answered 404, ACKed"
  else
    result "$name" "unknown user -> 404" FAIL "$(first_error "$dir/unknown") ($(sipp_counts "$dir/unknown"))"
  fi

  # CANCEL: 200 for it, 487 from carol's phone upstream
  if sipp_run "$dir" cancel -sf "$SCEN/uac-cancel.xml" "$ADDR:5060" -i "$ADDR" -s carol -m 3 -r 3 \
      -timeout 20s -timeout_error; then
    result "$name" "CANCEL -> 487" pass "3 calls CANCELled after 180: 200 for the CANCEL, 487 for the INVITE"
  else
    result "$name" "CANCEL -> 487" FAIL "$(first_error "$dir/cancel") ($(sipp_counts "$dir/cancel"))"
  fi
  sipp_wait "$carol" 10

  # acc (log backend): one "ACC: transaction answered" line per call (INVITE) and per BYE
  local acc_inv acc_bye
  acc_inv="$(grep -c "ACC: transaction answered.*method=INVITE" "$dir/server.log")"
  acc_bye="$(grep -c "ACC: transaction answered.*method=BYE" "$dir/server.log")"
  if [ "$acc_inv" = "$calls" ] && [ "$acc_bye" = "$calls" ]; then
    result "$name" "acc: one line per call" pass "$acc_inv INVITE lines and $acc_bye BYE lines for $calls calls"
  else
    result "$name" "acc: one line per call" FAIL "$acc_inv INVITE and $acc_bye BYE lines for $calls calls${BLOCKER[acc]:+ (acc: ${BLOCKER[acc]})}"
  fi

  # mi_fifo, on the configuration's own fifo_name
  local fifo
  fifo="$(sed -n 's/^modparam("mi_fifo", *"fifo_name", *"\([^"]*\)").*/\1/p' "$cfg")"
  if [ -p "$fifo" ]; then
    local ps st
    # 1.11's get_statistics takes the statistics to show ("all", "group:", or names)
    ps="$(mi_fifo_cmd "$fifo" ps)"; st="$(mi_fifo_cmd "$fifo" get_statistics all 2>/dev/null)"
    printf '%s\n--\n%s\n' "$ps" "$st" > "$dir/mi.txt"
    # 1.11 prints "Process:: ID=0 PID=... Type=..."; any tree with a PID per process is taken
    local procs
    procs="$(grep -c 'PID' <<< "$ps")"
    if [[ "$ps" == "200 "* ]] && [[ "$st" == "200 "* ]] && [ "$procs" -gt 0 ]; then
      result "$name" "mi_fifo: ps, get_statistics" pass "ps: $procs processes ($(sed -n 2p <<< "$ps" | tr -d '\t') ...); get_statistics all: $(grep -c ':: ' <<< "$st") statistics (mi.txt)"
    else
      result "$name" "mi_fifo: ps, get_statistics" FAIL "replies: '$(head -1 <<< "$ps")' / '$(head -1 <<< "$st")'"
    fi
  else
    result "$name" "mi_fifo: ps, get_statistics" FAIL "no fifo at $fifo${BLOCKER[mi_fifo]:+ (mi_fifo: ${BLOCKER[mi_fifo]})}"
  fi
  stop_server

  # t_was_cancelled is not visible on the wire in the stock file: an instrumented copy (one
  # xlog line inside the failure route's "if (t_was_cancelled())") is run for it
  local icfg="$WORK/cfg/opensips-instrumented.cfg"
  awk '{print} /if \(t_was_cancelled\(\)\) \{/ {print "\t\txlog(\"L_NOTICE\", \"stock-check: t_was_cancelled in missed_call for $ci\\n\");"}' \
    "$cfg" > "$icfg"
  if start_server opensips-instrumented "$icfg"; then
    local idir="$WORK/opensips-instrumented"
    sipp_bg "$idir" carol -sf "$SCEN/uas-cancel.xml" -i "$ADDR" -p 5064 -key user carol -m 3 -timeout 30s -timeout_error
    carol=$SIPP_PID
    sipp_run "$idir" register-carol -sf "$SCEN/register.xml" "$ADDR:5060" -i "$ADDR" -m 1 \
      -key user carol -key contact_host "$ADDR" -key contact_port 5064 -timeout 10s -timeout_error
    sipp_run "$idir" cancel -sf "$SCEN/uac-cancel.xml" "$ADDR:5060" -i "$ADDR" -s carol -m 3 -r 3 \
      -timeout 20s -timeout_error
    local rc=$? seen
    sipp_wait "$carol" 10
    seen="$(grep -c "stock-check: t_was_cancelled in missed_call" "$idir/server.log")"
    stop_server
    if [ "$rc" = 0 ] && [ "$seen" = 3 ]; then
      result "$name" "failure route sees t_was_cancelled" pass "3 of 3 CANCELled calls (instrumented copy, one xlog line added)"
    else
      result "$name" "failure route sees t_was_cancelled" FAIL "seen in $seen of 3 calls (sipp exit $rc)"
    fi
  else
    result "$name" "failure route sees t_was_cancelled" BLOCKED "instrumented copy does not start: $(why_not_started "$WORK/opensips-instrumented/server.log")"
  fi
}

# fork.cfg: parallel fork to nobody@opensips.org and parallel@opensips.org:9 (a sink), on no
# positive answer failure_route[1] tries nonsense@opensips.org, then failure_route[2] adds
# foo@opensips.org; REGISTERs are okayed statelessly.
check_fork() {
  local name=fork cfg="$WORK/cfg/fork.cfg" dir="$WORK/fork"
  rm -rf "$dir"; mkdir -p "$dir"
  adapt "$TREE/examples/fork.cfg" "$cfg" "udp:$ADDR:5060"
  diff "$TREE/examples/fork.cfg" "$cfg" > "$WORK/cfg/fork.cfg.diff"
  if ! start_server "$name" "$cfg"; then
    local why; why="$(why_not_started "$dir/server.log")"
    result "$name" "REGISTER -> 200" BLOCKED "does not start: $why"
    result "$name" "parallel, then serial forking" BLOCKED "does not start: $why"
    return
  fi
  if sipp_run "$dir" register -sf "$SCEN/register-ok.xml" "$ADDR:5060" -i "$ADDR" -m 1 -timeout 10s -timeout_error; then
    result "$name" "REGISTER -> 200" pass "okayed statelessly"
  else
    result "$name" "REGISTER -> 200" FAIL "$(first_error "$dir/register")"
  fi
  # nobody never answers, nonsense is busy, foo answers: the call must end up at foo after
  # fr_timer (10 s) ends the first round
  local calls=2
  java "$SCEN/StockPeer.java" "$dir/peer.log" 60 "$HOSTS_ADDR:5060,$HOSTS_ADDR:9" \
    nobody=silent nonsense=486 foo=180+200 > "$dir/peer.out" 2>&1 &
  local peer=$!
  local i; for i in $(seq 1 50); do grep -q ready "$dir/peer.out" && break; sleep 0.2; done
  sipp_run "$dir" uac -sf "$SCEN/uac-call.xml" "$ADDR:5060" -i "$ADDR" -s callee -key caller sipp -m "$calls" -r 1 \
    -d 100 -timeout 50s -timeout_error
  local rc=$?
  sleep 1
  kill -TERM "$peer" 2>/dev/null; wait "$peer" 2>/dev/null
  stop_server
  local inv9 nob non foo gap
  nob="$(awk '$3=="INVITE" && $4=="nobody"' "$dir/peer.log" | awk '{print $6}' | sort -u | wc -l)"
  inv9="$(awk '$2==9 && $3=="INVITE" && $4=="parallel"' "$dir/peer.log" | awk '{print $6}' | sort -u | wc -l)"
  non="$(awk '$3=="INVITE" && $4=="nonsense"' "$dir/peer.log" | awk '{print $6}' | sort -u | wc -l)"
  foo="$(awk '$3=="INVITE" && $4=="foo"' "$dir/peer.log" | awk '{print $6}' | sort -u | wc -l)"
  # time from a call's first INVITE to its nonsense INVITE (the first round's fr_timer)
  gap="$(awk '$3=="INVITE" { if (!($6 in first)) first[$6]=$1; if ($4=="nonsense" && !($6 in n)) n[$6]=$1 - first[$6] }
              END { for (c in n) printf "%d ", n[c] }' "$dir/peer.log")"
  if [ "$rc" = 0 ] && [ "$nob" = "$calls" ] && [ "$inv9" = "$calls" ] && [ "$non" = "$calls" ] && [ "$foo" = "$calls" ]; then
    result "$name" "parallel, then serial forking" pass "$calls calls answered by foo; each forked to nobody+parallel:9, then nonsense after ${gap}ms, then foo"
  else
    result "$name" "parallel, then serial forking" FAIL "sipp exit $rc ($(sipp_counts "$dir/uac")); calls reaching nobody $nob, parallel:9 $inv9, nonsense $non, foo $foo (peer.log); $(first_error "$dir/uac")"
  fi
}

# serial_183.cfg: an INVITE goes to xxx@<machine>:5064; if it fails, failure_route[1] tries
# yyy@<machine>:5064; once a 18x came, onreply_route[1] cancels that (t_on_failure("0")).
check_serial_183() {
  local name=serial_183 cfg="$WORK/cfg/serial_183.cfg" dir="$WORK/serial_183"
  rm -rf "$dir"; mkdir -p "$dir"
  # listen=192.168.2.16 (the machine; 5060 by default) -> our address; its route's targets
  # are that same machine address
  adapt "$TREE/examples/serial_183.cfg" "$cfg" "$ADDR"
  sed -i "s/192\.168\.2\.16/$ADDR/g" "$cfg"
  diff "$TREE/examples/serial_183.cfg" "$cfg" > "$WORK/cfg/serial_183.cfg.diff"

  # The example is not valid 1.11: 1.11 refuses its typo is_methos and its SER-era
  # t_on_failure("0") (no failure route is named "0"). Its intent is checked on a copy with
  # the smallest corrections, each named in the results.
  local fixes="" why
  if ! start_server "$name" "$cfg"; then
    why="$(why_not_started "$dir/server.log")"
    result "$name" "starts unchanged" FAIL "$why (1.11 refuses it as well)"
    local tries
    for tries in 1 2; do
      if grep -q "is_methos" "$dir/server.log"; then
        sed -i 's/is_methos(/is_method(/' "$cfg"; fixes="${fixes:+$fixes, }is_methos -> is_method"
      elif grep -q 'failure route <0> does not exist' "$dir/server.log"; then
        printf '\n# added by check-stock-configs.sh: the route t_on_failure("0") names, empty\nfailure_route[0] {\n}\n' >> "$cfg"
        fixes="${fixes:+$fixes, }an empty failure_route[0]"
      else
        break
      fi
      start_server "$name" "$cfg" && break
    done
    diff "$TREE/examples/serial_183.cfg" "$cfg" > "$WORK/cfg/serial_183.cfg.diff"
    if [ -z "$SERVER_PID" ]; then
      why="$(why_not_started "$dir/server.log")"
      result "$name" "REGISTER -> 200" BLOCKED "does not start${fixes:+ even with $fixes}: $why"
      result "$name" "486 -> serial fork to yyy" BLOCKED "does not start (above)"
      result "$name" "183 then 486 -> no second try" BLOCKED "does not start (above)"
      return
    fi
  else
    result "$name" "starts unchanged" pass ""
  fi
  local note=""; [ -n "$fixes" ] && note=" (with $fixes)"
  if sipp_run "$dir" register -sf "$SCEN/register-ok.xml" "$ADDR:5060" -i "$ADDR" -m 1 -timeout 10s -timeout_error; then
    result "$name" "REGISTER -> 200$note" pass "okayed statelessly"
  else
    result "$name" "REGISTER -> 200$note" FAIL "$(first_error "$dir/register")"
  fi
  # (a) xxx busy at once: the failure route tries yyy, which answers
  java "$SCEN/StockPeer.java" "$dir/peer-a.log" 40 "$ADDR:5064" xxx=486 yyy=180+200 > "$dir/peer-a.out" 2>&1 &
  local peer=$! i
  for i in $(seq 1 50); do grep -q ready "$dir/peer-a.out" && break; sleep 0.2; done
  sipp_run "$dir" uac-a -sf "$SCEN/uac-call.xml" "$ADDR:5060" -i "$ADDR" -s callee -key caller sipp -m 3 -r 3 \
    -d 100 -timeout 20s -timeout_error
  local rc=$?
  sleep 0.5; kill -TERM "$peer" 2>/dev/null; wait "$peer" 2>/dev/null
  local x y
  x="$(awk '$3=="INVITE" && $4=="xxx"' "$dir/peer-a.log" | awk '{print $6}' | sort -u | wc -l)"
  y="$(awk '$3=="INVITE" && $4=="yyy"' "$dir/peer-a.log" | awk '{print $6}' | sort -u | wc -l)"
  if [ "$rc" = 0 ] && [ "$x" = 3 ] && [ "$y" = 3 ]; then
    result "$name" "486 -> serial fork to yyy$note" pass "3 calls: xxx busy, answered by yyy"
  else
    result "$name" "486 -> serial fork to yyy$note" FAIL "sipp exit $rc ($(sipp_counts "$dir/uac-a")); calls at xxx $x, at yyy $y; $(first_error "$dir/uac-a")"
  fi
  # (b) xxx sends 183 first: no second try, the 486 goes upstream
  java "$SCEN/StockPeer.java" "$dir/peer-b.log" 40 "$ADDR:5064" xxx=183+486 yyy=180+200 > "$dir/peer-b.out" 2>&1 &
  peer=$!
  for i in $(seq 1 50); do grep -q ready "$dir/peer-b.out" && break; sleep 0.2; done
  uac_final 486 "$dir/uac-486.xml"
  sipp_run "$dir" uac-b -sf "$dir/uac-486.xml" "$ADDR:5060" -i "$ADDR" -s callee -m 3 -r 3 -timeout 20s -timeout_error
  rc=$?
  sleep 0.5; kill -TERM "$peer" 2>/dev/null; wait "$peer" 2>/dev/null
  stop_server
  x="$(awk '$3=="INVITE" && $4=="xxx"' "$dir/peer-b.log" | awk '{print $6}' | sort -u | wc -l)"
  y="$(awk '$3=="INVITE" && $4=="yyy"' "$dir/peer-b.log" | wc -l)"
  if [ "$rc" = 0 ] && [ "$x" = 3 ] && [ "$y" = 0 ]; then
    result "$name" "183 then 486 -> no second try$note" pass "3 calls get the 486; yyy never tried"
  else
    result "$name" "183 then 486 -> no second try$note" FAIL "sipp exit $rc ($(sipp_counts "$dir/uac-b")); calls at xxx $x, INVITEs at yyy $y; $(first_error "$dir/uac-b")"
  fi
}

# redirect.cfg: every request but REGISTER gets "300 Redirect" listing the rewritten R-URI
# and the appended branch as Contacts.
check_redirect() {
  local name=redirect cfg="$WORK/cfg/redirect.cfg" dir="$WORK/redirect"
  rm -rf "$dir"; mkdir -p "$dir"
  adapt "$TREE/examples/redirect.cfg" "$cfg" "udp:$ADDR:5060"
  diff "$TREE/examples/redirect.cfg" "$cfg" > "$WORK/cfg/redirect.cfg.diff"
  if ! start_server "$name" "$cfg"; then
    local why; why="$(why_not_started "$dir/server.log")"
    result "$name" "REGISTER -> 200" BLOCKED "does not start: $why"
    result "$name" "INVITE -> 300 with both Contacts" BLOCKED "does not start: $why"
    return
  fi
  if sipp_run "$dir" register -sf "$SCEN/register-ok.xml" "$ADDR:5060" -i "$ADDR" -m 1 -timeout 10s -timeout_error; then
    result "$name" "REGISTER -> 200" pass "okayed statelessly"
  else
    result "$name" "REGISTER -> 200" FAIL "$(first_error "$dir/register")"
  fi
  uac_final 300 "$dir/uac-300.xml"
  sipp_run "$dir" uac -sf "$dir/uac-300.xml" "$ADDR:5060" -i "$ADDR" -s someone -m 3 -r 3 -timeout 15s -timeout_error
  local rc=$?
  stop_server
  local both
  both="$(grep -ci '^Contact: *<sip:parallel@siphub.net:9>.*<sip:redirect@siphub.net:9>' "$dir/uac/messages.log")"
  if [ "$rc" = 0 ] && [ "$both" -ge 3 ]; then
    result "$name" "INVITE -> 300 with both Contacts" pass "3 INVITEs get 300 with Contact: <sip:parallel@siphub.net:9>, <sip:redirect@siphub.net:9>"
  else
    result "$name" "INVITE -> 300 with both Contacts" FAIL "sipp exit $rc ($(sipp_counts "$dir/uac")); 300s listing both Contacts: $both; $(first_error "$dir/uac")"
  fi
}

trap 'stop_server' EXIT
for c in $CONFIGS; do
  case "$c" in
    opensips) check_opensips ;;
    fork) check_fork ;;
    serial_183) check_serial_183 ;;
    redirect) check_redirect ;;
    *) echo "unknown configuration $c (opensips fork serial_183 redirect)" >&2; exit 2 ;;
  esac
done

echo
printf '%-15s | %-40s | %-7s | %s\n' configuration check result detail
printf '%s\n' "----------------+------------------------------------------+---------+-------"
for r in "${RESULTS[@]}"; do
  echo "$r"
done
echo
echo "files: $WORK (cfg/*.diff: what was adapted; <cfg>/server.log; one folder per SIPp run)"
exit $FAILED
