package org.sipbridge.db;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.sipbridge.core.ModuleSystem;
import org.sipbridge.core.Proto;
import org.sipbridge.core.ReceiveInfo;
import org.sipbridge.core.SipContext;
import org.sipbridge.module.Argument;
import org.sipbridge.module.CallSite;
import org.sipbridge.module.FunctionExport;
import org.sipbridge.module.RouteType;
import org.sipbridge.sip.Framing;
import org.sipbridge.testing.LogCapture;
import org.sipbridge.testing.TestModules;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The C test module dbtest binds the DB API with db_bind_mod and runs every 1.11 query form
 * through sipbridge's Java drivers: SQLite (a file in a temp dir) and PostgreSQL (a real
 * server started on loopback for the test). Also: two module systems (two servers) sharing
 * rows through PostgreSQL, and the database stopping in the middle of traffic.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DbDriversTest {
    private static final String MESSAGE = "OPTIONS sip:db@127.0.0.1 SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bKdb1\r\n"
            + "Max-Forwards: 70\r\nTo: <sip:db@127.0.0.1>\r\nFrom: <sip:t@127.0.0.1>;tag=1\r\n"
            + "Call-ID: db-1@127.0.0.1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";

    private PgServer pg;

    @BeforeAll
    void startPostgres() throws Exception {
        pg = PgServer.start();
        try (Connection c = DriverManager.getConnection(pg.jdbc()); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE version (table_name VARCHAR(32) NOT NULL, table_version INTEGER DEFAULT 0 NOT NULL,"
                    + " CONSTRAINT version_t_name_idx UNIQUE (table_name))");
            st.execute("INSERT INTO version VALUES ('sb_dbtest', 3)");
            st.execute("CREATE TABLE sb_dbtest (id SERIAL PRIMARY KEY, name VARCHAR(64) NOT NULL UNIQUE,"
                    + " i INTEGER, big BIGINT, d DOUBLE PRECISION, s VARCHAR(255), t TEXT, dt TIMESTAMP,"
                    + " b BYTEA, bm INTEGER, n INTEGER)");
        }
    }

    @AfterAll
    void stopPostgres() throws Exception {
        if (pg != null) {
            pg.close();
        }
    }

    /** One "server": dbtest loaded, initialised, its functions bound, child_init run on the calling thread (the worker). */
    private static final class Server implements AutoCloseable {
        final ModuleSystem ms = new ModuleSystem();
        final SipContext ctx = new SipContext();
        final byte[] msg = MESSAGE.getBytes(StandardCharsets.US_ASCII);
        final ReceiveInfo rcv = new ReceiveInfo(Proto.UDP, new InetSocketAddress("127.0.0.1", 5062),
                new InetSocketAddress("127.0.0.1", 5060), 0);

        Server(String url) throws InterruptedException {
            this(url, TestModules.dir());
        }

        Server(String url, Path mpath) throws InterruptedException {
            ms.setMpath(List.of(mpath));
            ms.loadModule("dbtest.so", null);
            ms.modparam("dbtest", "db_url", url);
            ms.initModules();
            // the calls below run on this thread: it is the worker, and as in an OpenSIPS process
            // the handle child_init opens is in this thread's copy of the module's globals
            ms.childInit(1);
        }

        int call(String fn, String... args) {
            List<Argument> a = new ArrayList<>();
            for (String s : args) {
                a.add(Argument.string(s));
            }
            FunctionExport f = ms.lookup(fn, a.size(), RouteType.REQUEST);
            CallSite site = ms.bind(f, a);
            ctx.load(ByteBuffer.wrap(msg), 0, msg.length, Framing.DATAGRAM, rcv);
            return site.call(ctx);
        }

        @Override
        public void close() {
            ctx.close();
            ms.close();
        }
    }

    private static void roundtrip(String url) throws InterruptedException {
        int before = DbBridge.openHandles();
        try (LogCapture log = LogCapture.of("dbtest"); Server s = new Server(url)) {
            int r = s.call("dbtest_roundtrip");
            assertEquals(1, r, () -> "dbtest_roundtrip failed: " + log.messages());
            assertTrue(log.messages().contains("dbtest_roundtrip: every query form passed"), log.messages()::toString);
            // twice: statements come from the handle's cache the second time
            assertEquals(1, s.call("dbtest_roundtrip"), () -> "second run: " + log.messages());
        }
        assertEquals(before, DbBridge.openHandles(), "destroy closed every handle");
    }

    @Test
    void everyQueryFormOverSqlite(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sb.sqlite");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE version (table_name VARCHAR(32) NOT NULL UNIQUE, table_version INTEGER DEFAULT 0 NOT NULL)");
            st.execute("INSERT INTO version VALUES ('sb_dbtest', 3)");
            st.execute("CREATE TABLE sb_dbtest (id INTEGER PRIMARY KEY AUTOINCREMENT, name VARCHAR(64) NOT NULL UNIQUE,"
                    + " i INTEGER, big BIGINT, d DOUBLE, s VARCHAR(255), t TEXT, dt DATETIME, b BLOB, bm INTEGER, n INTEGER)");
        }
        roundtrip("sqlite://" + file);
    }

    @Test
    void everyQueryFormOverPostgres() throws Exception {
        roundtrip(pg.url());
    }

    /**
     * By hand (docs/db.md): MariaDB/MySQL is not in the suite. Runs when
     * -Dsipbridge.mysql.url=mysql://user:password@127.0.0.1:port/database names a server.
     */
    @Test
    void everyQueryFormOverMysqlByHand() throws Exception {
        String url = System.getProperty("sipbridge.mysql.url", "");
        org.junit.jupiter.api.Assumptions.assumeTrue(url.startsWith("mysql://"),
                "by hand: -Dsipbridge.mysql.url=mysql://user:password@127.0.0.1:port/database");
        DbUrl u = DbUrl.parse(url);
        String jdbc = "jdbc:mariadb://" + u.host() + ":" + u.port() + "/" + u.database();
        try (Connection c = DriverManager.getConnection(jdbc, u.user(), u.password()); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS version");
            st.execute("DROP TABLE IF EXISTS sb_dbtest");
            st.execute("CREATE TABLE version (table_name VARCHAR(32) NOT NULL UNIQUE, table_version INT DEFAULT 0 NOT NULL)");
            st.execute("INSERT INTO version VALUES ('sb_dbtest', 3)");
            st.execute("CREATE TABLE sb_dbtest (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(64) NOT NULL UNIQUE,"
                    + " i INT, big BIGINT, d DOUBLE, s VARCHAR(255), t TEXT, dt DATETIME, b BLOB, bm INT, n INT)");
        }
        roundtrip(url);
        try (Server a = new Server(url)) {
            assertEquals(1, a.call("dbtest_save", "alice", "sip:alice@192.0.2.1:5060"));
            assertEquals(1, a.call("dbtest_lookup", "alice", "sip:alice@192.0.2.1:5060"));
            assertEquals(1, a.call("dbtest_ping"));
        }
    }

    @Test
    void twoServersShareRowsThroughPostgres(@TempDir Path other) throws Exception {
        // the second server's module is another file: dlopen gives it globals of its own,
        // as a second server process would have
        java.nio.file.Files.copy(TestModules.path("dbtest"), other.resolve("dbtest.so"));
        try (Server a = new Server(pg.url()); Server b = new Server(pg.url(), other)) {
            assertEquals(1, a.call("dbtest_save", "alice", "sip:alice@192.0.2.1:5060"));
            assertEquals(1, b.call("dbtest_lookup", "alice", "sip:alice@192.0.2.1:5060"));
            assertEquals(1, b.call("dbtest_save", "alice", "sip:alice@192.0.2.7:5060"));
            assertEquals(1, a.call("dbtest_lookup", "alice", "sip:alice@192.0.2.7:5060"));
            assertEquals(-1, a.call("dbtest_lookup", "bob", "sip:bob@192.0.2.1"));
        }
    }

    @Test
    void theDatabaseGoesAwayAndComesBack() throws Exception {
        try (LogCapture log = LogCapture.of("org.sipbridge.db"); Server s = new Server(pg.url())) {
            assertEquals(1, s.call("dbtest_ping"));
            pg.stopServer();
            try {
                for (int i = 0; i < 3; i++) {
                    long t0 = System.nanoTime();
                    assertEquals(-1, s.call("dbtest_ping"), "a query fails while the database is down");
                    assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "and fails fast");
                }
                assertFalse(log.messages().isEmpty(), "the failure is logged");
            } finally {
                pg.startServer();
            }
            assertEquals(1, s.call("dbtest_ping"), "the next query reconnects");
            assertEquals(1, s.call("dbtest_save", "carol", "sip:carol@192.0.2.3"));
            assertEquals(1, s.call("dbtest_lookup", "carol", "sip:carol@192.0.2.3"));
        }
    }

    /** scripts/db-init.sh's SQL for a dialect (its --print mode). */
    private static String schema(String dialect) throws Exception {
        Process p = new ProcessBuilder("bash", TestModules.repo().resolve("scripts/db-init.sh").toString(),
                "--print", dialect).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    private static void checkSchema(String url, String jdbc) throws Exception {
        String sql = schema(url.substring(0, url.indexOf(':')));
        assertEquals(0, SqlRunner.run(url, new java.io.ByteArrayInputStream(sql.getBytes(StandardCharsets.UTF_8))));
        try (Connection c = DriverManager.getConnection(jdbc); Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT table_name, table_version FROM version ORDER BY table_name")) {
            java.util.Map<String, Integer> versions = new java.util.TreeMap<>();
            while (rs.next()) {
                versions.put(rs.getString(1), rs.getInt(2));
            }
            assertEquals(1009, versions.get("location"));
            assertEquals(7, versions.get("subscriber"));
            assertEquals(6, versions.get("acc"));
            assertEquals(2, versions.get("dbaliases"));
            assertEquals(2, versions.get("domain"));
            assertEquals(3, versions.get("grp"));
            assertEquals(5, versions.get("address"));
            assertEquals(4, versions.get("dialplan"));
            assertEquals(6, versions.get("dispatcher"));
            assertEquals(6, versions.get("dr_gateways"));
            assertEquals(3, versions.get("dr_rules"));
            assertEquals(2, versions.get("load_balancer"));
            assertEquals(6, versions.get("silo"));
            assertEquals(3, versions.get("sip_trace"));
            assertEquals(1, versions.get("registrant"));
            assertEquals(29, versions.size(), versions::toString);
            // the tables take rows with their defaults
            st.execute("INSERT INTO location (username, contact) VALUES ('alice', 'sip:alice@192.0.2.1')");
            st.execute("INSERT INTO subscriber (username, domain, ha1) VALUES ('alice', 'example.com', 'x')");
        }
        // a second run fails cleanly: the tables exist
        assertEquals(1, SqlRunner.run(url, new java.io.ByteArrayInputStream(sql.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void dbInitCreatesThe111TablesInSqlite(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("opensips.sqlite");
        checkSchema("sqlite://" + file, "jdbc:sqlite:" + file);
    }

    @Test
    void dbInitCreatesThe111TablesInPostgres() throws Exception {
        try (Connection c = DriverManager.getConnection(pg.jdbc()); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE opensips");
        }
        checkSchema("postgres://sipbridge@127.0.0.1:" + pg.port + "/opensips",
                "jdbc:postgresql://127.0.0.1:" + pg.port + "/opensips?user=sipbridge");
    }
}
