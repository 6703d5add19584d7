#!/usr/bin/env bash
# Creates the OpenSIPS 1.11 tables (scripts/db/schema.txt) in a database, in the spirit of
# "opensipsdbctl create", for PostgreSQL, MySQL/MariaDB or SQLite:
#
#   scripts/db-init.sh sqlite:///var/lib/sipbridge/sip.sqlite
#   scripts/db-init.sh postgres://user:secret@127.0.0.1/opensips
#   scripts/db-init.sh mysql://user:secret@127.0.0.1:3306/opensips [GROUP...]
#   scripts/db-init.sh --print postgres [GROUP...]      # only print the SQL
#
# GROUPs choose the tables (usrloc auth_db acc alias_db avpops domain group permissions
# dialplan speeddial userblacklist pdt closeddial domainpolicy uri dispatcher drouting
# load_balancer imc msilo siptrace registrant); default all. The
# version table is always created. The database itself must exist (createdb / CREATE
# DATABASE); the tables must not. The SQL runs through sipbridge's own JDBC drivers
# (target/sipbridge.jar: build first), so no database client is needed.
set -euo pipefail

REPO="$(cd "$(dirname "$0")/.." && pwd)"
SCHEMA="$REPO/scripts/db/schema.txt"
JAR="${SIPBRIDGE_JAR:-$REPO/target/sipbridge.jar}"

# shellcheck source=scripts/lib/messages.sh
. "$REPO/scripts/lib/messages.sh"
usage() { usage_from_header 2; }

print_only=0
if [ "${1:-}" = "--print" ]; then
  print_only=1
  shift
fi
[ $# -ge 1 ] || usage
target="$1"
shift
groups="${*:-}"

scheme="${target%%:*}"
case "$scheme" in
  sqlite|postgres|mysql) ;;
  *) echo "db-init: unknown database '$scheme' (sqlite, postgres, mysql)" >&2; exit 2 ;;
esac

# schema.txt -> SQL of one dialect
generate() {
  awk -v dialect="$scheme" -v groups=" $groups " '
    function coltype(t,   n) {
      if (t == "id") {
        if (dialect == "postgres") return "SERIAL PRIMARY KEY"
        if (dialect == "mysql") return "INT(10) UNSIGNED AUTO_INCREMENT PRIMARY KEY"
        return "INTEGER PRIMARY KEY AUTOINCREMENT"
      }
      if (t ~ /^str:/) { n = substr(t, 5); return "VARCHAR(" n ")" }
      if (t == "int") return dialect == "mysql" ? "INT(11)" : "INTEGER"
      if (t == "smallint") return "SMALLINT"
      if (t == "real") return dialect == "mysql" ? "FLOAT" : "REAL"
      if (t == "datetime") return dialect == "postgres" ? "TIMESTAMP WITHOUT TIME ZONE" : "DATETIME"
      if (t == "text") return "TEXT"
      printf("db-init: unknown type %s\n", t) > "/dev/stderr"; exit 1
    }
    function flush(   i) {
      if (table == "") return
      if (want) {
        printf("CREATE TABLE %s (\n", table)
        for (i = 1; i <= ncol; i++) printf("    %s%s\n", cols[i], (i < ncol || nuniq > 0) ? "," : "")
        for (i = 1; i <= nuniq; i++) printf("    %s%s\n", uniq[i], i < nuniq ? "," : "")
        printf(")%s;\n", dialect == "mysql" ? " ENGINE=InnoDB" : "")
        for (i = 1; i <= nidx; i++) print idx[i]
        if (table != "version")
          printf("INSERT INTO version (table_name, table_version) VALUES (\x27%s\x27, %s);\n", table, version)
        print ""
      }
      table = ""; ncol = 0; nuniq = 0; nidx = 0
    }
    /^[ \t]*(#|$)/ { next }
    $1 == "table" {
      flush()
      table = $2; version = $3
      want = (groups == "  " || $4 == "standard" || index(groups, " " $4 " ") > 0)
      next
    }
    $1 == "unique" { nuniq++; uniq[nuniq] = sprintf("CONSTRAINT %s UNIQUE (%s)", $2, $3); gsub(/,/, ", ", uniq[nuniq]); next }
    $1 == "index" { nidx++; idx[nidx] = sprintf("CREATE INDEX %s ON %s (%s);", $2, table, $3); gsub(/,/, ", ", idx[nidx]); next }
    {
      line = $1 " " coltype($2)
      nul = ($3 == "null"); def = ""
      p = index($0, "default=")
      if (p > 0) def = substr($0, p + 8)   # the rest of the line: defaults may hold spaces
      if (def != "") line = line " DEFAULT " def
      if ($2 != "id") line = line (nul ? "" : " NOT NULL")
      else line = line " NOT NULL"
      ncol++; cols[ncol] = line
    }
    END { flush() }
  ' "$SCHEMA"
}

if [ "$print_only" = 1 ]; then
  generate
  exit 0
fi
[ -f "$JAR" ] || { echo "db-init: $JAR missing: build sipbridge first (mvn -B -DskipTests package)" >&2; exit 2; }
generate | java -cp "$JAR" org.sipbridge.db.SqlRunner "$target"
