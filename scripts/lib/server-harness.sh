# Shared by scripts/check-stock-configs.sh and scripts/check-t3-modules.sh (sourced, not run):
# building modules of a 1.11 tree onto an mpath, starting and stopping sipbridge on a
# configuration, running SIPp phones, reading their results, MI over a FIFO, the result table.
#
# The caller sets before sourcing: REPO, WORK (scratch directory), TREE (the 1.11 tree),
# JAVA_ONLY (modules never taken from the tree), and optionally JVM_HOSTS_FILE (a hosts file
# for the JVM and the core resolver).

JAR="$REPO/target/sipbridge.jar"
CORE="$REPO/target/native/libsipbridge.so"

# harness_require TOOL...: the built sipbridge and the tools, or exit 2
harness_require() {
  local f t
  for f in "$JAR" "$CORE"; do
    [ -f "$f" ] || { echo "missing $f: build sipbridge first (mvn -B -DskipTests package)" >&2; exit 2; }
  done
  for t in "$@"; do
    command -v "$t" >/dev/null || { echo "missing tool: $t" >&2; exit 2; }
  done
}

# --- results: one line per check; FAILED=1 once one did not pass
RESULTS=()
FAILED=0
# result SUBJECT CHECK pass|FAIL|BLOCKED DETAIL
result() {
  RESULTS+=("$(printf '%-15s | %-40s | %-7s | %s' "$1" "$2" "$3" "$4")")
  [ "$3" = "pass" ] || FAILED=1
}
# print_results HEADING: the table of every result
print_results() {
  echo
  printf '%-15s | %-40s | %-7s | %s\n' "$1" check result detail
  printf '%s\n' "----------------+------------------------------------------+---------+-------"
  local r
  for r in "${RESULTS[@]}"; do
    echo "$r"
  done
}

# --- 1. modules from the tree
# build_modules "LIST": builds them with scripts/check-opensips-compat.sh (into
# WORK/compat); a module that compiles and links is copied to WORK/modules (the mpath),
# BLOCKER[m] is empty for it and names the first blocker for the others. REUSE_BUILD=1:
# take what an earlier run built in WORK/compat.
declare -A BLOCKER
build_modules() {
  local list="$1" m so missing first
  mkdir -p "$WORK/modules"
  if [ "${REUSE_BUILD:-0}" = 1 ] && [ -d "$WORK/compat/out" ]; then
    echo "reusing the modules built in $WORK/compat"
  else
    echo "building $list from $TREE (scripts/check-opensips-compat.sh)..."
    "$REPO/scripts/check-opensips-compat.sh" -t "$TREE" -m "$list" -o "$WORK/compat" \
      > "$WORK/compat.txt" 2>&1
  fi
  for m in $list; do
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
}
# print_modules "LIST": which of them are on the mpath, and why not
print_modules() {
  local m
  echo
  printf '%-14s | %s\n' module "on mpath?"
  for m in $1; do
    if [ -z "${BLOCKER[$m]}" ]; then
      printf '%-14s | %s\n' "$m" "yes (built from the tree)"
    elif [ "$m" = sl ] || [ "$m" = tm ]; then
      printf '%-14s | %s\n' "$m" "no, sipbridge's Java $m serves (${BLOCKER[$m]})"
    else
      printf '%-14s | %s\n' "$m" "no: ${BLOCKER[$m]}"
    fi
  done
  echo
}
# blocked_of "LIST": "m: why; ..." for those of LIST not on the mpath (empty: all are)
blocked_of() {
  local m out=""
  for m in $1; do
    [ -n "${BLOCKER[$m]-x}" ] && out="$out$m: ${BLOCKER[$m]-not built}; "
  done
  printf '%s' "$out"
}

# --- 2. the server
SERVER_PID=""
# start_server NAME CFG [extra sipbridge args]: 4 workers, log in WORK/NAME/server.log;
# 0 when it serves
start_server() {
  local name="$1" cfg="$2"; shift 2
  local dir="$WORK/$name"
  mkdir -p "$dir"
  : > "$dir/server.log"
  (cd "$dir" && exec java -Dsipbridge.core="$CORE" ${JVM_HOSTS_FILE:+-Djdk.net.hosts.file="$JVM_HOSTS_FILE" -Dsipbridge.hosts_file="$JVM_HOSTS_FILE"} \
      -jar "$JAR" -f "$cfg" -n 4 -E "$@" > "$dir/server.log" 2>&1) &
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
why_not_started() { # LOG: the server's own error lines
  grep -E "^sipbridge: |ERROR" "$1" | grep -v "not started\|is NOT valid" | head -2 | tr '\n' ' '
}

# --- 3. SIPp
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

# --- 4. MI
# mi_fifo_cmd FIFO CMD [ARG...]: one MI command in 1.11's FIFO format (":cmd:reply_fifo",
# one line per argument, an empty line); the reply on stdout
mi_fifo_cmd() {
  local fifo="$1" cmd="$2" name="sipbridge_mi_$$_$RANDOM"; shift 2
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
