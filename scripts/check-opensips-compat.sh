#!/usr/bin/env bash
# Builds OpenSIPS 1.11 modules from a real 1.11 source tree against the sipbridge SDK
# (include/) exactly as a module author would, checks that every symbol they leave
# undefined is exported by the core, and runs each one: load alone (dlopen RTLD_NOW,
# version check), then a minimal sipbridge server on a generated opensips.cfg that loads
# it after the modules it binds, with the modparams it needs (scripts/compat/needs.txt)
# and a SQLite database made from scripts/db/schema.txt (init, fixups, child init), then
# probe calls on an INVITE, then stop (destroy).
#
# It downloads nothing and is not part of the test suite. Get a 1.11 tree first, e.g.
#   git clone -b 1.11 https://github.com/OpenSIPS/opensips.git opensips-1.11
# or unpack an opensips-1.11.x source tarball, then:
#
#   scripts/check-opensips-compat.sh -t ../opensips-1.11            # default module list
#   scripts/check-opensips-compat.sh -t ../opensips-1.11/modules -m "maxfwd benchmark"
#
# Options:
#   -t DIR    the 1.11 tree (the folder holding sr_module.h and modules/) or its modules/
#   -m LIST   modules to check (space separated), or "all" for every module folder of
#             the tree; default: $DEFAULT_MODULES below
#   -p FILE   probe file (see "Probes" below); default: the built-in probes
#   -o DIR    scratch directory (default: a new mktemp dir, kept and printed)
#   -O FLAGS  optimisation flags (default "-O2"; 1.11 builds modules with -O9)
#   -N        no dependency table: each module alone, without the modules it binds, a
#             database or the modparams of scripts/compat/needs.txt (the old measurement)
#   -M FILE   also write the result as a markdown table (module | compile | link | load |
#             init | whole run | first blocker) to FILE
#   --stateful  after building (default modules: tm sl signaling options), run a server
#             with the real tm (children=4, a failure route) and drive SIPp through it:
#             UAS1 486 -> failure route -> UAS2 200; a UAS that never answers -> 408;
#             CANCEL after 180 -> 487 (+ 200 for the CANCEL); an INVITE copy answered
#             with the last reply; options_reply and
#             signaling's send_reply over tm when those modules built. Result table.
#   -n CALLS, -r RATE   stateful mode: calls per scenario (default 20) and calls per
#             second (default 10); then a load row: the fork scenario with
#             $STATEFUL_LOAD_CALLS calls (200) at $STATEFUL_LOAD_RATE calls/s (40)
#
# Probes: one line per module, "<name>.so [param=value ...] [-- fn(arg,...) ...]": the
# modparams are set before init, each fn(...) is bound (its fixups run) and then called
# on an INVITE; a call "passes" when it returns non-zero (0 means "stop the script").
# "<a>.so+<b>.so+<name>.so ..." loads a and b first (e.g. db_text.so+auth_db.so);
# "<module>:param=value" sets a parameter of another module of the chain; a value may be
# "quoted" to hold spaces. Unless -N, every module of a line also gets what
# scripts/compat/needs.txt says it needs (its modules first, transitively, and their
# params; the line's own params win). Modules without a probe line are loaded,
# initialised and destroyed only. A call's return value is printed in log/load.log.
#
# Requires a built tree (target/sipbridge.jar, target/native/libsipbridge.so:
# "mvn -B -DskipTests package"), gcc, nm, javac/java 17. Modules a checked module needs
# are built too (not reported unless listed).
#
# Exit status: 0 when every module present in the tree passed every stage, 1 otherwise,
# 2 on a usage or setup error.
set -uo pipefail

REPO="$(cd "$(dirname "$0")/.." && pwd)"
SDK="$REPO/include"
JAR="$REPO/target/sipbridge.jar"
CORE="$REPO/target/native/libsipbridge.so"
DEFAULT_MODULES="maxfwd benchmark gflags statistics textops sipmsgops options signaling cfgutils pike mangler uri sl exec"
OPT="-O2"
TREE=""
MODULES="$DEFAULT_MODULES"
PROBES=""
WORK=""
USE_NEEDS=1
MARKDOWN=""
NEEDS_FILE="$REPO/scripts/compat/needs.txt"

usage() { sed -n '2,54p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }

STATEFUL=0
CALLS=20
RATE=10
args=()
for a in "$@"; do
  if [ "$a" = "--stateful" ]; then STATEFUL=1; else args+=("$a"); fi
done
set -- "${args[@]+"${args[@]}"}"


while getopts "t:m:p:o:O:n:r:M:Nh" opt; do
  case "$opt" in
    t) TREE="$OPTARG" ;;
    m) MODULES="$OPTARG" ;;
    p) PROBES="$OPTARG" ;;
    o) WORK="$OPTARG" ;;
    O) OPT="$OPTARG" ;;
    n) CALLS="$OPTARG" ;;
    r) RATE="$OPTARG" ;;
    N) USE_NEEDS=0 ;;
    M) MARKDOWN="$OPTARG" ;;
    *) usage ;;
  esac
done
[ -n "$TREE" ] || usage
if [ "$STATEFUL" = 1 ] && [ "$MODULES" = "$DEFAULT_MODULES" ]; then
  MODULES="tm sl signaling options"
fi

if [ -d "$TREE/modules" ]; then
  MODSRC="$(cd "$TREE/modules" && pwd)"
  ROOT="$(cd "$TREE" && pwd)"
else
  MODSRC="$(cd "$TREE" && pwd)"
  ROOT="$(cd "$TREE/.." && pwd)"
fi
for f in "$JAR" "$CORE"; do
  if [ ! -f "$f" ]; then
    echo "missing $f: build sipbridge first (mvn -B -DskipTests package)" >&2
    exit 2
  fi
done
for t in gcc nm javac java; do
  command -v "$t" >/dev/null || { echo "missing tool: $t" >&2; exit 2; }
done

if [ -f "$ROOT/Makefile.defs" ]; then
  REL="$(awk -F' *= *' '/^VERSION *=/{v=$2} /^PATCHLEVEL *=/{p=$2} /^SUBLEVEL *=/{s=$2} END{if (v!="") print v"."p"."s}' "$ROOT/Makefile.defs")"
  echo "source tree: $ROOT (Makefile.defs says ${REL:-unknown})"
  case "$REL" in
    1.11.*) ;;
    *) echo "warning: this is not an OpenSIPS 1.11 tree; results say little about 1.11" >&2 ;;
  esac
else
  echo "source tree: $MODSRC (no Makefile.defs next to it: version unknown)"
fi

[ -n "$WORK" ] || WORK="$(mktemp -d /tmp/sipbridge-opensips-compat.XXXXXX)"
mkdir -p "$WORK/modules" "$WORK/out" "$WORK/log" "$WORK/java"
echo "scratch directory: $WORK"

if [ "$MODULES" = "all" ]; then
  MODULES="$(cd "$MODSRC" && for d in */; do [ -n "$(ls "$d"*.c 2>/dev/null)" ] && echo "${d%/}"; done | tr '\n' ' ')"
fi

# The dependency table: NEEDS[m] = the modules m binds (comma separated), MPARAMS[m] = the
# modparams it cannot start without (scripts/compat/needs.txt).
declare -A NEEDS MPARAMS
if [ "$USE_NEEDS" = 1 ]; then
  while read -r m rest; do
    case "$m" in ''|'#'*) continue ;; esac
    NEEDS[$m]=""
    MPARAMS[$m]=""
    for tok in $rest; do
      case "$tok" in
        needs=*) NEEDS[$m]="${tok#needs=}" ;;
        *) break ;;
      esac
    done
    MPARAMS[$m]="$(sed -E 's/^[[:space:]]*needs=[^[:space:]]*[[:space:]]*//' <<< "$rest")"
  done < "$NEEDS_FILE"
fi

# closure <module>: the modules loaded before it, in load order (each after its own needs)
closure() {
  local m="$1" d deps="${NEEDS[$1]:-}"
  for d in ${deps//,/ }; do
    case " $CLOSURE_SEEN " in *" $d "*) continue ;; esac
    CLOSURE_SEEN="$CLOSURE_SEEN $d"
    closure "$d"
    CLOSURE_OUT="$CLOSURE_OUT $d"
  done
}

# Everything to build: the modules checked, the modules a -p file's chains name, and what
# they need.
CHAINED=""
if [ -n "$PROBES" ]; then
  CHAINED="$(awk '!/^[[:space:]]*(#|$)/ {n = split($1, a, "+"); for (i = 1; i < n; i++) {sub(/\.so$/, "", a[i]); print a[i]}}' "$PROBES" | tr '\n' ' ')"
fi
BUILD=""
for m in $CHAINED $MODULES; do
  CLOSURE_SEEN=" $m"; CLOSURE_OUT=""
  closure "$m"
  for d in $CLOSURE_OUT $m; do
    case " $BUILD " in *" $d "*) ;; *) BUILD="$BUILD $d" ;; esac
  done
done

# The module sources go two folders below an empty root: "../../x.h" must find the SDK
# (through the anchor), never the 1.11 core headers; "../tm/tm_load.h" and other
# sibling-module headers must still be found, so every module folder is copied.
cp -R "$MODSRC/." "$WORK/modules/"

# What 1.11's Makefile.defs passes to every module on Linux/x86_64 (the -D flags its
# headers test; NAME/VERSION/ARCH are overridden by the SDK's version.h), and its
# C dialect: gcc 5 and later build 1.11 with -std=gnu89.
DEFS=(-DNAME='"opensips"' -DVERSION='"1.11-check"' -DARCH='"x86_64"' -DOS='"linux"'
  -DCOMPILER='"gcc"' -D__CPU_x86_64 -D__OS_linux -D__SMP_yes
  -DCFG_DIR='"/usr/local/etc/opensips/"' -DPKG_MALLOC -DSHM_MEM -DSHM_MMAP -DUSE_IPV6
  -DUSE_MCAST -DUSE_TCP -DDISABLE_NAGLE -DHAVE_RESOLV_RES -DSTATISTICS
  -DCHANGEABLE_DEBUG_LEVEL -DF_MALLOC -DFAST_LOCK -DADAPTIVE_WAIT
  -DADAPTIVE_WAIT_LOOPS=1024 -DHAVE_GETHOSTBYNAME2 -DHAVE_UNION_SEMUN -DHAVE_SCHED_YIELD
  -DHAVE_MSG_NOSIGNAL -DHAVE_MSGHDR_MSG_CONTROL -DHAVE_ALLOCA_H -DHAVE_TIMEGM
  -DHAVE_EPOLL -DHAVE_SIGIO_RT -DHAVE_SELECT)
CFLAGS=(-std=gnu89 $OPT -fPIC -shared -Wall -fno-common)

nm -D --defined-only "$CORE" | awk '{print $3}' | sort -u > "$WORK/core-symbols.txt"

declare -A COMPILE LINK
PRESENT=()
for m in $BUILD; do
  dir="$WORK/modules/$m"
  if [ ! -d "$dir" ]; then
    COMPILE[$m]="absent"
    continue
  fi
  case " $MODULES " in *" $m "*) PRESENT+=("$m") ;; esac
  srcs=("$dir"/*.c)
  # the system libraries its Makefile names and this machine has (1.11 links them: -lm, -lexpat)
  mlibs=()
  if [ -f "$dir/Makefile" ]; then
    for l in $(sed -n 's/^LIBS[[:space:]]*+\{0,1\}=//p' "$dir/Makefile" | grep -o -- '-l[A-Za-z0-9_+-]*'); do
      if ldconfig -p 2>/dev/null | awk -v n="lib${l#-l}.so" '$1 == n || index($1, n ".") == 1 {f=1} END {exit !f}'; then
        mlibs+=("$l")
      fi
    done
  fi
  if gcc "${CFLAGS[@]}" -DMOD_NAME="\"$m\"" "${DEFS[@]}" -I "$SDK/modules/_anchor" \
      "${srcs[@]}" ${mlibs[@]+"${mlibs[@]}"} -o "$WORK/out/$m.so" > "$WORK/log/$m.compile.log" 2>&1; then
    w="$(grep -c 'warning:' "$WORK/log/$m.compile.log")"
    COMPILE[$m]="yes ($w warnings)"
  elif grep -q 'multiple definition of' "$WORK/log/$m.compile.log" &&
      gcc "${CFLAGS[@]}" -fcommon -DMOD_NAME="\"$m\"" "${DEFS[@]}" -I "$SDK/modules/_anchor" \
      "${srcs[@]}" ${mlibs[@]+"${mlibs[@]}"} -o "$WORK/out/$m.so" > "$WORK/log/$m.compile-fcommon.log" 2>&1; then
    # 1.11 was built when -fcommon was gcc's default (before gcc 10), and some modules
    # define the same global in two files: those get the flag 1.11 relied on, reported.
    w="$(grep -c 'warning:' "$WORK/log/$m.compile-fcommon.log")"
    COMPILE[$m]="yes, -fcommon ($w warnings)"
  else
    e="$(grep -c 'error' "$WORK/log/$m.compile.log")"
    COMPILE[$m]="NO ($e errors, log/$m.compile.log)"
    LINK[$m]="-"
    continue
  fi
  # Symbols the module needs from elsewhere: versioned ones come from libc; the rest
  # must be exported by the core (weak ones are optional).
  nm -D --undefined-only "$WORK/out/$m.so" | awk '$1=="U" && $2 !~ /@/ {print $2}' | sort -u \
    > "$WORK/log/$m.undefined.txt"
  comm -23 "$WORK/log/$m.undefined.txt" "$WORK/core-symbols.txt" > "$WORK/log/$m.missing.txt"
  n="$(wc -l < "$WORK/log/$m.missing.txt")"
  # the system libraries the module's Makefile names (1.11 links them: mathops' -lm)
  libs=""
  if [ "$n" -gt 0 ] && [ -f "$dir/Makefile" ]; then
    for l in $(sed -n 's/^LIBS[[:space:]]*+\{0,1\}=//p' "$dir/Makefile" | grep -o -- '-l[A-Za-z0-9_+-]*'); do
      so="$(ldconfig -p 2>/dev/null | awk -v n="lib${l#-l}.so" '$1 == n || index($1, n ".") == 1 {print $NF; exit}')"
      [ -n "$so" ] || continue
      libs="$libs $l"
      nm -D --defined-only "$so" | awk '{print $3}' | sed 's/@.*//' | sort -u > "$WORK/log/$m.lib.txt"
      comm -23 "$WORK/log/$m.missing.txt" "$WORK/log/$m.lib.txt" > "$WORK/log/$m.missing2.txt"
      mv "$WORK/log/$m.missing2.txt" "$WORK/log/$m.missing.txt"
    done
    n="$(wc -l < "$WORK/log/$m.missing.txt")"
  fi
  if [ "$n" -eq 0 ] && [ -n "$libs" ]; then
    LINK[$m]="yes (core +$libs)"
  elif [ "$n" -eq 0 ]; then
    LINK[$m]="yes"
  else
    LINK[$m]="NO: $(tr '\n' ' ' < "$WORK/log/$m.missing.txt")"
  fi
done

if [ "$STATEFUL" = 1 ]; then
  # shellcheck source=scripts/compat-stateful.sh
  . "$REPO/scripts/compat-stateful.sh"
  stateful_run
  exit $?
fi

# Built-in probes (scripts/compat/probes.txt); modules without a line are only loaded.
PROBE_FILE="$WORK/java/probes.txt"
if [ -n "$PROBES" ]; then
  cp "$PROBES" "$PROBE_FILE.given"
else
  : > "$PROBE_FILE.given"
  for m in "${PRESENT[@]}"; do
    [ -f "$WORK/out/$m.so" ] || continue
    line="$(grep "^$m\.so[ +]" "$REPO/scripts/compat/probes.txt" || true)"
    echo "${line:-$m.so}" >> "$PROBE_FILE.given"
  done
fi

# with_needs LINE: the probe line with every module of its chain preceded by what it needs
# (needs.txt, transitively) and those modules' params as "<module>:param=value"; the
# module's own table params come before the line's, unless the line sets the same name.
with_needs() {
  local line="$1" head rest calls="" chain="" m d params=""
  if [[ "$line" == *" -- "* ]]; then calls=" -- ${line#* -- }"; line="${line%% -- *}"; fi
  head="${line%% *}"; rest=""; [ "$head" = "$line" ] || rest="${line#* }"
  CLOSURE_SEEN=""; CLOSURE_OUT=""
  for m in ${head//+/ }; do
    m="${m%.so}"
    case " $CLOSURE_SEEN " in *" $m "*) continue ;; esac
    closure "$m"
    CLOSURE_OUT="$CLOSURE_OUT $m"
    CLOSURE_SEEN="$CLOSURE_SEEN $m"
  done
  local last="${head##*+}"; last="${last%.so}"
  for d in $CLOSURE_OUT; do
    chain="$chain+$d.so"
    [ -n "${MPARAMS[$d]:-}" ] || continue
    params="$params $(awk -v mod="$d" -v own="$([ "$d" = "$last" ] && echo 1)" -v given=" $rest " '
      { n = 0; t = ""; q = 0
        for (i = 1; i <= length($0); i++) {
          c = substr($0, i, 1)
          if (c == "\"") q = !q
          if (c ~ /[ \t]/ && !q) { if (t != "") tok[++n] = t; t = "" } else t = t c
        }
        if (t != "") tok[++n] = t
        out = ""
        for (i = 1; i <= n; i++) {
          k = substr(tok[i], 1, index(tok[i], "=") - 1)
          if (own) { if (index(given, " " k "=") == 0) out = out " " tok[i] }
          else out = out " " mod ":" tok[i]
        }
        print out }' <<< "${MPARAMS[$d]}")"
  done
  echo "${chain#+}${params:+ $params}${rest:+ $rest}$calls" | tr -s ' '
}

: > "$PROBE_FILE"
while IFS= read -r line || [ -n "$line" ]; do
  case "$line" in ''|'#'*) continue ;; esac
  if [ "$USE_NEEDS" = 1 ]; then with_needs "$line" >> "$PROBE_FILE"; else echo "$line" >> "$PROBE_FILE"; fi
done < "$PROBE_FILE.given"

# The modules' database: the project's schema in SQLite, through sipbridge's Java driver
# (db_bind_mod falls back to it for sqlite://), made fresh for every run.
DB_URL="-"
if [ "$USE_NEEDS" = 1 ] && grep -q "@DB_URL@" "$PROBE_FILE"; then
  mkdir -p "$WORK/db"
  rm -f "$WORK/db/opensips.sqlite"
  if SIPBRIDGE_JAR="$JAR" "$REPO/scripts/db-init.sh" "sqlite://$WORK/db/opensips.sqlite" \
      > "$WORK/log/db-init.log" 2>&1; then
    DB_URL="sqlite://$WORK/db/opensips.sqlite"
  else
    echo "warning: scripts/db-init.sh failed (log/db-init.log): DB modules get no database" >&2
  fi
fi
cp "$REPO/scripts/compat/CompatCheck.java" "$WORK/java/CompatCheck.java"

declare -A LOAD INIT CHILD CALLS DESTROY WHY FIRST_ERROR
if [ -s "$PROBE_FILE" ]; then
  if javac -cp "$JAR" -d "$WORK/java" "$WORK/java/CompatCheck.java" > "$WORK/log/javac.log" 2>&1; then
    # One JVM for all modules; a module that crashes it (a 1.11 module dereferencing an
    # unset parameter, say) is reported as such and the rest run in a new JVM.
    : > "$WORK/log/load.log"
    cp "$PROBE_FILE" "$WORK/java/pending.txt"
    while [ -s "$WORK/java/pending.txt" ]; do
      java -XX:ErrorFile="$WORK/log/hs_err_%p.log" -Dsipbridge.core="$CORE" -cp "$JAR:$WORK/java" \
        -Dsipbridge.warmup=0 CompatCheck "$WORK/out" "$WORK/java/pending.txt" "$WORK" "$DB_URL" \
        > "$WORK/log/load.part.log" 2>&1
      rc=$?
      cat "$WORK/log/load.part.log" >> "$WORK/log/load.log"
      first=""
      while IFS= read -r out; do
        if [[ "$out" == RESULT$'\t'* ]]; then
          IFS=$'\t' read -r tag m l i c k d why <<< "$out"
          LOAD[$m]="$l"; INIT[$m]="$i"; CHILD[$m]="$c"; CALLS[$m]="$k"; DESTROY[$m]="$d"; WHY[$m]="$why"
          FIRST_ERROR[$m]="$first"
          first=""
        elif [ -z "$first" ] && [[ "$out" =~ (ERROR|CRITICAL|BUG):[^\ ]+:[^\ ]*:?\ (.*)$ ]]; then
          # the module's own first complaint (its LM_ERR), the best "why" of a failed stage
          first="$(sed -E 's/^.*(ERROR|CRITICAL|BUG):([^ ]+): ?/\2: /' <<< "$out")"
        fi
      done < "$WORK/log/load.part.log"
      : > "$WORK/java/rest.txt"
      crashed=""
      while read -r line; do
        m="${line%% *}"; m="${m##*+}"; m="${m%.so}"
        [ -n "${LOAD[$m]:-}" ] && continue
        # exit 75: the harness asked for a new JVM (a module process ran), nobody crashed
        if [ -z "$crashed" ] && [ $rc -ne 0 ] && [ $rc -ne 75 ]; then
          crashed="$m"
          LOAD[$m]="crash"; WHY[$m]="the JVM died in this module (exit $rc, see log/load.log)"
          continue
        fi
        echo "$line" >> "$WORK/java/rest.txt"
      done < "$WORK/java/pending.txt"
      [ $rc -ne 0 ] || break
      mv "$WORK/java/rest.txt" "$WORK/java/pending.txt"
    done
  else
    echo "javac failed, see $WORK/log/javac.log" >&2
  fi
fi

status=0
if [ -n "$MARKDOWN" ]; then
  { echo "| module | compile | link | load | init | whole run | first blocker |"
    echo "|---|---|---|---|---|---|---|"; } > "$MARKDOWN"
fi
printf '\n%-11s | %-26s | %-5s | %-5s | %-4s | %-5s | %-5s | %-7s | %s\n' \
  module compiles links loads init child calls destroy notes
printf '%s\n' "------------+----------------------------+-------+-------+------+-------+-------+---------+------"
for m in $MODULES; do
  comp="${COMPILE[$m]}"
  if [ "$comp" = "absent" ]; then
    printf '%-11s | %-26s |\n' "$m" "not in the tree"
    continue
  fi
  link="${LINK[$m]:--}"
  short_link="$link"
  note="${WHY[$m]:-}"
  if [ -n "${FIRST_ERROR[$m]:-}" ] && { [ -n "$note" ] || [ "${DESTROY[$m]:-}" != "yes" ]; }; then
    note="$note${note:+; }first error: ${FIRST_ERROR[$m]}"
  fi
  case "$link" in NO:*) short_link="NO"; note="missing: ${link#NO: }; $note" ;; esac
  printf '%-11s | %-26s | %-5s | %-5s | %-4s | %-5s | %-5s | %-7s | %s\n' "$m" "$comp" \
    "$short_link" "${LOAD[$m]:--}" "${INIT[$m]:--}" "${CHILD[$m]:--}" "${CALLS[$m]:--}" \
    "${DESTROY[$m]:--}" "$note"
  calls="${CALLS[$m]:-0/0}"
  whole=no
  if [ "${DESTROY[$m]:-}" = "yes" ] && [ "${calls%/*}" = "${calls#*/}" ]; then whole=yes; fi
  if [ -n "$MARKDOWN" ]; then
    case "$comp" in "yes, -fcommon"*) mcomp="yes -fcommon" ;; yes*) mcomp=yes ;; *) mcomp=no ;; esac
    mlink="$short_link"; [ "$mlink" = "NO" ] && mlink=no
    case "$mlink" in "yes (core +"*) mlink="yes (${mlink#yes (core +}" ;; esac
    blocker="-"
    if [ "$mcomp" = no ]; then
      blocker="compile: $(grep -m1 -E 'error|fatal' "$WORK/log/$m.compile.log" | sed -E 's/^[^ ]*: (fatal )?error: //')"
    elif [ "$mlink" = no ]; then
      blocker="link: missing ${link#NO: }"
    elif [ "$whole" = no ]; then
      if [ "${INIT[$m]:-}" != "yes" ]; then blocker="init"
      elif [ "${CHILD[$m]:-}" != "yes" ]; then blocker="child init"
      else blocker="calls ${calls}"; fi
      blocker="$blocker: ${note:-?}"
    elif [ "$calls" != "0/0" ]; then
      blocker="- (probe calls ${calls})"
    fi
    blocker="$(tr '|' '/' <<< "$blocker" | cut -c1-240)"
    printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$m" "$mcomp" "$mlink" "${LOAD[$m]:--}" \
      "${INIT[$m]:--}" "$whole" "$blocker" >> "$MARKDOWN"
  fi
  case "$comp" in yes*) ;; *) status=1 ;; esac
  case "$link" in yes*) ;; *) status=1 ;; esac
  [ "$whole" = yes ] || status=1
done
echo
echo "logs: $WORK/log (compile logs, undefined/missing symbols, load.log; generated configurations: $WORK/cfg)"
[ -z "$MARKDOWN" ] || echo "markdown table: $MARKDOWN"
exit $status
