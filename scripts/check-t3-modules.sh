#!/usr/bin/env bash
# Runs OpenSIPS 1.11's tm/dialog-tier ("T3") modules, built unchanged from a 1.11 tree, in
# sipbridge over the real tm, each under a small routing configuration written for it
# (scripts/t3/<check>.cfg, 1.11 syntax) and SIPp phones (scripts/t3/*.xml), 4 workers,
# with a SQLite database (sipbridge's Java driver; tables from scripts/db/schema.txt through
# scripts/db-init.sh) where a module needs one. One line per check. It downloads nothing
# and is not part of the test suite.
#
#   scripts/check-t3-modules.sh -t ../opensips-1.11 [-o /tmp/t3] [-c "auth dialog"]
#
# Options:
#   -t DIR    the 1.11 tree (holding modules/)
#   -o DIR    scratch directory (default: a new mktemp dir, kept and printed)
#   -c LIST   which checks (default: all, in this order: $ALL_CHECKS below)
#   -J LIST   modules never taken from the tree (sipbridge's Java stand-ins serve, e.g. "sl")
#   -R        reuse the modules an earlier run built in the same -o directory
#
# Every check: the modules are built from the tree (scripts/check-opensips-compat.sh, into
# DIR/compat) and put on the configuration's mpath; the configuration gets its loopback
# address (127.X.Y.1, port 5060; the phones listen on the same address, ports 5061..) and,
# where it has one, the database URL; sipbridge runs it with -n 4; the SIPp scenarios run;
# what each phone saw (DIR/<check>/<phone>/messages.log), the server's log
# (DIR/<check>/server.log) and the database rows decide. A check whose modules do not build,
# or whose server does not start, is BLOCKED with the first reason.
#
# Requires a built tree (target/sipbridge.jar, target/native/libsipbridge.so), sipp, java 17,
# gcc, sqlite3, python3 (call_control's daemon stand-in). Exit status: 0 when every check
# passed, 1 when one failed or was blocked, 2 on a usage or setup error.
set -uo pipefail

REPO="$(cd "$(dirname "$0")/.." && pwd)"
SCEN="$REPO/scripts/t3"
STOCK="$REPO/scripts/stock"
TREE=""
WORK=""
JAVA_ONLY=""
ALL_CHECKS="auth dialog uac uac_redirect sst dispatcher drouting load_balancer qos nat_traversal siptrace imc msilo call_control"
CHECKS="$ALL_CHECKS"
BASE_MODULES="signaling sl tm rr maxfwd sipmsgops textops mi_fifo"
T3_MODULES="auth auth_db dialog uac uac_auth uac_redirect sst dispatcher drouting load_balancer qos nat_traversal siptrace imc msilo call_control usrloc registrar"

usage() { sed -n '2,28p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }

REUSE_BUILD=0
while getopts "t:o:c:J:Rh" opt; do
  case "$opt" in
    t) TREE="$OPTARG" ;;
    o) WORK="$OPTARG" ;;
    c) CHECKS="$OPTARG" ;;
    J) JAVA_ONLY="$OPTARG" ;;
    R) REUSE_BUILD=1 ;;
    *) usage ;;
  esac
done
[ -n "$TREE" ] || usage
TREE="$(cd "$TREE" 2>/dev/null && pwd)" || { echo "no such directory: $TREE" >&2; exit 2; }
[ -d "$TREE/modules/tm" ] || { echo "$TREE/modules/tm is missing: not an OpenSIPS 1.11 tree?" >&2; exit 2; }
for c in $CHECKS; do
  [[ " $ALL_CHECKS " == *" $c "* ]] || { echo "unknown check $c ($ALL_CHECKS)" >&2; exit 2; }
done
source "$REPO/scripts/lib/server-harness.sh"
harness_require sipp java gcc sqlite3 python3

[ -n "$WORK" ] || WORK="$(mktemp -d /tmp/sipbridge-t3.XXXXXX)"
mkdir -p "$WORK" && WORK="$(cd "$WORK" && pwd)"
mkdir -p "$WORK/modules" "$WORK/cfg"
echo "scratch directory: $WORK"
NET="127.$((RANDOM % 200 + 20)).$((RANDOM % 250 + 1))"
ADDR="$NET.1"
echo "proxy address: $ADDR:5060, phones on $ADDR:5061.."

# --- the modules
build_modules "$BASE_MODULES $T3_MODULES"
print_modules "$BASE_MODULES $T3_MODULES"

# --- the database: every table of scripts/db/schema.txt in one SQLite file
DB="$WORK/t3.sqlite"
DB_URL="sqlite://$DB"
rm -f "$DB"
if ! "$REPO/scripts/db-init.sh" "$DB_URL" > "$WORK/db-init.txt" 2>&1; then
  echo "scripts/db-init.sh $DB_URL failed: $(tail -1 "$WORK/db-init.txt")" >&2
  exit 2
fi
db_sql() { # SQL: runs it through sipbridge's own driver (the one the modules use)
  java -cp "$JAR" org.sipbridge.db.SqlRunner "$DB_URL" <<< "$1" >> "$WORK/db.log" 2>&1
}
db_query() { # SQL: rows, "|" between columns
  sqlite3 "$DB" "$1"
}

# --- helpers
# make_cfg CHECK [FILE]: scripts/t3/FILE.cfg with the address, mpath, DB URL and fifo filled
# in; prints the path
make_cfg() {
  local check="$1" src="${2:-$1}" out="$WORK/cfg/${2:-$1}.cfg"
  sed -e "s|@ADDR@|$ADDR|g" -e "s|@MPATH@|$WORK/modules/|g" -e "s|@DB_URL@|$DB_URL|g" \
      -e "s|@FIFO@|$WORK/$check/fifo|g" "$SCEN/$src.cfg" > "$out"
  echo "$out"
}
# scenario SRC DST KEY=VALUE...: a copy of a scenario with @KEY@ replaced
scenario() {
  local src="$1" dst="$2" kv expr=()
  shift 2
  for kv in "$@"; do expr+=(-e "s|@${kv%%=*}@|${kv#*=}|g"); done
  sed "${expr[@]}" "$src" > "$dst"
}
# begin CHECK "MODULES": 0 when they are all built and the server starts on CHECK's
# configuration; else one BLOCKED line and 1
begin() {
  local check="$1" mods="$2" blocked cfg
  rm -rf "${WORK:?}/$check"; mkdir -p "$WORK/$check"
  blocked="$(blocked_of "$mods")"
  if [ -n "$blocked" ]; then
    result "$check" "modules build" BLOCKED "$blocked"
    return 1
  fi
  cfg="$(make_cfg "$check")"
  if ! start_server "$check" "$cfg"; then
    local why; why="$(why_not_started "$WORK/$check/server.log")"
    result "$check" "starts with $(basename "$cfg")" BLOCKED "${why:-see $WORK/$check/server.log}"
    return 1
  fi
  return 0
}
log_count() { # CHECK PATTERN: matching lines of the check's server log
  grep -c -- "$2" "$WORK/$1/server.log"
}

# --- the checks (each in its own file, scripts/t3/check-<name>.sh, sourced here)
for c in $ALL_CHECKS; do
  # shellcheck source=/dev/null
  [ -f "$SCEN/check-$c.sh" ] && source "$SCEN/check-$c.sh"
done

trap 'stop_server' EXIT
for c in $CHECKS; do
  if declare -F "check_$c" > /dev/null; then
    echo "--- $c"
    "check_$c"
    stop_server
  else
    result "$c" "-" FAIL "no check written for it (scripts/t3/check-$c.sh)"
  fi
done

print_results module
echo
echo "files: $WORK (cfg/: the configurations run; <check>/server.log; one folder per SIPp run)"
exit $FAILED
