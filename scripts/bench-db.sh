#!/usr/bin/env bash
# The cost of one DB query through sipbridge's Java driver against the same query through
# the real OpenSIPS 1.11 C driver db_postgres (built here from a 1.11 tree with Debian's
# libpq, never kept), in one run against one PostgreSQL started on loopback for it.
# The C test module dbtest runs the query (dbtest_bench: select 2 columns of one row by a
# key, free the result) N times per round; one module system binds db_postgres
# (db_bind_mod finds the loaded module), the other sipbridge's Java driver.
#
#   scripts/bench-db.sh -t ../opensips-1.11 [-n 20000] [-r 5]
#
# Needs a built tree (mvn -B -DskipTests package), gcc, libpq-dev, PostgreSQL server binaries.
set -euo pipefail

REPO="$(cd "$(dirname "$0")/.." && pwd)"
JAR="$REPO/target/sipbridge.jar"
CORE="$REPO/target/native/libsipbridge.so"
TREE=""
N=20000
ROUNDS=5
while getopts "t:n:r:h" opt; do
  case "$opt" in
    t) TREE="$OPTARG" ;;
    n) N="$OPTARG" ;;
    r) ROUNDS="$OPTARG" ;;
    *) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
  esac
done
[ -n "$TREE" ] && [ -d "$TREE/modules/db_postgres" ] || { echo "-t: a 1.11 tree with modules/db_postgres" >&2; exit 2; }
[ -f "$JAR" ] && [ -f "$CORE" ] || { echo "build sipbridge first (mvn -B -DskipTests package)" >&2; exit 2; }
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[ -n "$BIN" ] || { echo "PostgreSQL server binaries missing (scripts/ensure-tools.sh)" >&2; exit 2; }
PGINC="$(pg_config --includedir 2>/dev/null || echo /usr/include/postgresql)"

WORK="$(mktemp -d /tmp/sipbridge-bench-db.XXXXXX)"
chmod 777 "$WORK"
AS=()
[ "$(id -u)" -eq 0 ] && AS=(runuser -u postgres --)
# shellcheck source=scripts/lib/free-ports.sh
. "$REPO/scripts/lib/free-ports.sh"
PORT="$(free_ports tcp 1)"
cleanup() {
  "${AS[@]}" "$BIN/pg_ctl" -D "$WORK/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "building db_postgres from $TREE against the SDK"
mkdir -p "$WORK/c" "$WORK/j" "$WORK/src"
cp -R "$TREE/modules/db_postgres" "$WORK/src/"
gcc -std=gnu89 -O2 -fPIC -shared -fno-common -DMOD_NAME='"db_postgres"' -DNAME='"opensips"' \
  -DVERSION='"1.11-bench"' -DARCH='"x86_64"' -DOS='"linux"' -D__CPU_x86_64 -D__OS_linux \
  -DPKG_MALLOC -DSHM_MEM -DUSE_TCP -DSTATISTICS -I "$REPO/include/modules/_anchor" -I "$PGINC" \
  "$WORK"/src/db_postgres/*.c -o "$WORK/c/db_postgres.so" -lpq
cp "$REPO/target/modules/dbtest.so" "$WORK/c/"
cp "$REPO/target/modules/dbtest.so" "$WORK/j/"

echo "starting PostgreSQL on 127.0.0.1:$PORT"
"${AS[@]}" "$BIN/initdb" -D "$WORK/data" -U sipbridge -A trust -E UTF8 --no-sync >/dev/null
printf "listen_addresses = '127.0.0.1'\nport = %s\nunix_socket_directories = '%s'\nfsync = off\n" \
  "$PORT" "$WORK" >> "$WORK/data/postgresql.conf"
"${AS[@]}" "$BIN/pg_ctl" -D "$WORK/data" -l "$WORK/pg.log" -w start >/dev/null
"${AS[@]}" "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U sipbridge sipbridge
"${AS[@]}" "$BIN/psql" -q -h 127.0.0.1 -p "$PORT" -U sipbridge sipbridge <<'SQL'
CREATE TABLE version (table_name VARCHAR(32) NOT NULL UNIQUE, table_version INTEGER DEFAULT 0 NOT NULL);
INSERT INTO version VALUES ('sb_dbtest', 3);
CREATE TABLE sb_dbtest (id SERIAL PRIMARY KEY, name VARCHAR(64) NOT NULL UNIQUE, i INTEGER, big BIGINT,
  d DOUBLE PRECISION, s VARCHAR(255), t TEXT, dt TIMESTAMP, b BYTEA, bm INTEGER, n INTEGER);
INSERT INTO sb_dbtest (name, i, s) VALUES ('bench', 1, 'sip:bench@192.0.2.1:5060');
SQL

cat > "$WORK/DbBench.java" <<'JAVA'
import org.sipbridge.core.*;
import org.sipbridge.module.*;
import org.sipbridge.sip.Framing;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;

public final class DbBench {
    static final byte[] MSG = ("OPTIONS sip:b@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bKb\r\n"
            + "To: <sip:b@127.0.0.1>\r\nFrom: <sip:a@127.0.0.1>;tag=1\r\nCall-ID: b@1\r\nCSeq: 1 OPTIONS\r\n"
            + "Content-Length: 0\r\n\r\n").getBytes();

    record Sys(String name, ModuleSystem ms, CallSite site) {}

    static Sys open(String name, Path mpath, String url, boolean c, int n) throws Exception {
        ModuleSystem ms = new ModuleSystem();
        ms.setMpath(List.of(mpath));
        if (c) ms.loadModule("db_postgres.so", null);
        ms.loadModule("dbtest.so", null);
        ms.modparam("dbtest", "db_url", url);
        ms.initModules();
        // child_init on the thread that runs the queries: each thread has its own copy of a
        // module's globals (the handle child_init opens), as each OpenSIPS worker process has
        ms.childInit(1);
        FunctionExport f = ms.lookup("dbtest_bench", 1, RouteType.REQUEST);
        return new Sys(name, ms, ms.bind(f, List.of(Argument.string(String.valueOf(n)))));
    }

    public static void main(String[] a) throws Exception {
        String url = a[0];
        int n = Integer.parseInt(a[3]);
        int rounds = Integer.parseInt(a[4]);
        Sys c = open("C driver db_postgres (libpq)", Path.of(a[1]), url, true, n);
        Sys j = open("sipbridge Java driver (pgjdbc, HikariCP)", Path.of(a[2]), url, false, n);
        ReceiveInfo rcv = new ReceiveInfo(Proto.UDP, new InetSocketAddress("127.0.0.1", 5062),
                new InetSocketAddress("127.0.0.1", 5060), 0);
        String jdbc = a[5];
        try (SipContext ctx = new SipContext();
             java.sql.Connection conn = java.sql.DriverManager.getConnection(jdbc);
             java.sql.PreparedStatement ps = conn.prepareStatement("SELECT i, s FROM sb_dbtest WHERE name=?")) {
            for (int r = 0; r <= rounds; r++) {
                long t = System.nanoTime();
                for (int i = 0; i < n; i++) {   // the same query with pgjdbc alone: the JDBC share of the cost
                    ps.setString(1, "bench");
                    try (java.sql.ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) throw new IllegalStateException("no row");
                        rs.getInt(1);
                        rs.getString(2);
                    }
                }
                System.out.printf("%s\t%s\t%.1f us/query%n", r == 0 ? "warm-up" : "round " + r,
                        "pgjdbc alone, no bridge (reference)", (System.nanoTime() - t) / 1000.0 / n);
                for (Sys s : List.of(c, j)) {
                    ctx.load(ByteBuffer.wrap(MSG), 0, MSG.length, Framing.DATAGRAM, rcv);
                    long t0 = System.nanoTime();
                    int ret = s.site().call(ctx);
                    long ns = System.nanoTime() - t0;
                    if (ret != 1) throw new IllegalStateException(s.name() + " failed");
                    System.out.printf("%s\t%s\t%.1f us/query%n", r == 0 ? "warm-up" : "round " + r, s.name(),
                            ns / 1000.0 / n);
                }
            }
        }
        c.ms().close();
        j.ms().close();
    }
}
JAVA
java -Dsipbridge.core="$CORE" -cp "$JAR" "$WORK/DbBench.java" \
  "postgres://sipbridge@127.0.0.1:$PORT/sipbridge" "$WORK/c" "$WORK/j" "$N" "$ROUNDS" \
  "jdbc:postgresql://127.0.0.1:$PORT/sipbridge?user=sipbridge" 2>&1 \
  | grep -E "us/query|Exception|failed"
