package org.sipbridge.cachedb;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sipbridge.core.ModuleSystem;
import org.sipbridge.core.Proto;
import org.sipbridge.core.ReceiveInfo;
import org.sipbridge.core.SipContext;
import org.sipbridge.e2e.Sipp;
import org.sipbridge.e2e.SippProcess;
import org.sipbridge.e2e.SippResult;
import org.sipbridge.module.Argument;
import org.sipbridge.module.CallSite;
import org.sipbridge.module.FunctionExport;
import org.sipbridge.module.JavaModule;
import org.sipbridge.module.Module;
import org.sipbridge.module.RouteType;
import org.sipbridge.server.TestServer;
import org.sipbridge.sip.Framing;
import org.sipbridge.testing.LogCapture;
import org.sipbridge.testing.TestModules;
import redis.clients.jedis.Jedis;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The cachedb_redis stand-in on a real redis-server started on loopback: the C test module
 * cdbtest binds it with cachedb_bind_mod and runs every operation; the script's cache_*
 * functions under SIPp; Redis stopping in the middle of traffic.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CachedbRedisTest {
    private static final String MESSAGE = "OPTIONS sip:cdb@127.0.0.1 SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bKcdb1\r\n"
            + "Max-Forwards: 70\r\nTo: <sip:cdb@127.0.0.1>\r\nFrom: <sip:t@127.0.0.1>;tag=1\r\n"
            + "Call-ID: cdb-1@127.0.0.1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";

    private RedisServer redis;

    @BeforeAll
    void startRedis() throws Exception {
        redis = RedisServer.launch();
    }

    @AfterAll
    void stopRedis() throws Exception {
        if (redis != null) {
            redis.close();
        }
    }

    private Jedis client() {
        return new Jedis("127.0.0.1", redis.port);
    }

    /** One "server": the stand-in and cdbtest loaded, initialised, child_init on this thread (the worker). */
    private static final class Server implements AutoCloseable {
        final ModuleSystem ms = new ModuleSystem();
        final SipContext ctx = new SipContext();
        final byte[] msg = MESSAGE.getBytes(StandardCharsets.US_ASCII);
        final ReceiveInfo rcv = new ReceiveInfo(Proto.UDP, new InetSocketAddress("127.0.0.1", 5062),
                new InetSocketAddress("127.0.0.1", 5060), 0);

        Server(String url) {
            this(url, true);
        }

        Server(String url, boolean withCdbtest) {
            ms.setMpath(List.of(TestModules.dir()));
            ms.loadModule("cachedb_redis.so", null);
            ms.modparam("cachedb_redis", "cachedb_url", url);
            if (withCdbtest) {
                ms.loadModule("cdbtest.so", null);
                ms.modparam("cdbtest", "cachedb_url", url);
            }
            ms.initModules();
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

    @Test
    void theJavaStandInServesLoadmoduleWithoutAFile() {
        try (Server s = new Server(redis.url())) {
            Module m = s.ms.registry().module("cachedb_redis").orElseThrow();
            assertTrue(m instanceof JavaModule, m::kind);
            assertTrue(m.version().contains("Java stand-in"), m::version);
        }
    }

    @Test
    void aCModuleRunsEveryOperationOnRedis() throws Exception {
        int before = RedisEngine.openHandles();
        try (LogCapture log = LogCapture.of("cdbtest"); Server s = new Server(redis.url())) {
            assertEquals(1, s.call("cdbtest_roundtrip"), () -> "cdbtest_roundtrip: " + log.messages());
            assertTrue(log.messages().stream().anyMatch(m -> m.contains("cdbtest_roundtrip: every operation passed")),
                    log.messages()::toString);
            // what C wrote is in the real server, and what another client wrote reaches C
            assertEquals(1, s.call("cdbtest_set", "sb_cdbtest:shared", "from C"));
            try (Jedis j = client()) {
                assertEquals("from C", j.get("sb_cdbtest:shared"));
                j.set("sb_cdbtest:from-java", "hello C");
            }
            assertEquals(1, s.call("cdbtest_get", "sb_cdbtest:from-java", "hello C"));
            assertEquals(-2, s.call("cdbtest_get", "sb_cdbtest:nobody", "x"));
            assertEquals(1, s.call("cdbtest_expiry"), () -> "cdbtest_expiry: " + log.messages());
        }
        assertEquals(before, RedisEngine.openHandles(), "destroy closed every connection");
    }

    @Test
    void rawQueriesAnswerAs111sCachedbRedis() throws Exception {
        try (LogCapture log = LogCapture.of("cdbtest"); Server s = new Server(redis.url())) {
            try (Jedis j = client()) {
                j.del("sb_raw:list", "sb_raw:n");
                j.rpush("sb_raw:list", "one", "two", "three");
                j.set("sb_raw:s", "a value");
            }
            // a status is success with no rows; what it did is in the server
            assertEquals(1, s.call("cdbtest_raw", "SET sb_raw:k hello", "status"), log.messages()::toString);
            try (Jedis j = client()) {
                assertEquals("hello", j.get("sb_raw:k"));
            }
            assertEquals(1, s.call("cdbtest_raw", "GET sb_raw:k", "s:hello"), log.messages()::toString);
            assertEquals(1, s.call("cdbtest_raw", "INCRBY sb_raw:n 41", "i:41"), log.messages()::toString);
            assertEquals(1, s.call("cdbtest_raw", "INCR sb_raw:n", "i:42"), log.messages()::toString);
            assertEquals(1, s.call("cdbtest_raw", "LRANGE sb_raw:list 0 -1", "s:one,s:two,s:three"),
                    log.messages()::toString);
            assertEquals(1, s.call("cdbtest_raw", "LLEN sb_raw:list", "i:3"), log.messages()::toString);
            assertEquals(1, s.call("cdbtest_raw", "GET sb_raw:nobody", "nil"), log.messages()::toString);
            // an error reply (wrong type), an unknown command: the error path
            assertEquals(1, s.call("cdbtest_raw", "LLEN sb_raw:s", "error"), log.messages()::toString);
            assertEquals(1, s.call("cdbtest_raw", "NOSUCHCOMMAND x", "error"), log.messages()::toString);
            // the connection still serves plain operations after all of it
            assertEquals(1, s.call("cdbtest_get", "sb_raw:k", "hello"));
            assertEquals(1, s.call("cdbtest_raw", "DEL sb_raw:k sb_raw:n sb_raw:list sb_raw:s", "i:4"),
                    log.messages()::toString);
        }
    }

    @Test
    void eachWorkerHasItsOwnConnection() throws Exception {
        int before = RedisEngine.openHandles();
        // the stand-in alone: its destroy closes every worker's connection (a C module's own
        // handles are closed by its destroy, which runs once, on the main thread, as in 1.11)
        try (Server s = new Server(redis.url(), false)) {
            // child_init on this thread opened one connection; a second worker opens its own:
            Thread w2 = new Thread(() -> s.ms.childInit(2), "worker-2");
            w2.start();
            w2.join(10_000);
            assertEquals(before + 2, RedisEngine.openHandles());
            try (Jedis j = client()) {
                long named = j.clientList().lines().filter(l -> l.contains("name=sipbridge")).count();
                assertTrue(named >= 2, j::clientList);
            }
        }
        assertEquals(before, RedisEngine.openHandles());
    }

    @Test
    void aCModuleTakesItsErrorPathWhileRedisIsDownAndReconnects() throws Exception {
        try (LogCapture log = LogCapture.of("org.sipbridge.cachedb"); Server s = new Server(redis.url())) {
            assertEquals(1, s.call("cdbtest_ping"));
            redis.stop();
            try {
                for (int i = 0; i < 3; i++) {
                    long t0 = System.nanoTime();
                    assertEquals(-1, s.call("cdbtest_ping"), "a call fails while Redis is down");
                    assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "and fails fast");
                }
                assertTrue(log.messages().stream().anyMatch(m -> m.contains("calls fail until it is back")),
                        log.messages()::toString);
            } finally {
                redis.start();
            }
            assertEquals(1, s.call("cdbtest_ping"), "the next call reconnects");
            assertTrue(log.messages().stream().anyMatch(m -> m.contains("reachable again")), log.messages()::toString);
            assertEquals(1, s.call("cdbtest_roundtrip"));
        }
    }

    private static final int CALLS = 60;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void scriptFunctionsUnderSipp(@TempDir Path dir) throws Exception {
        try (Jedis j = client()) {
            j.del("sb_calls");
            j.select(1);
            j.del("sb_down");
        }
        String config = """
                listen=udp:127.0.0.1:%d
                children=2
                loadmodule "cachedb_redis.so"
                modparam("cachedb_redis", "cachedb_url", "%s")
                modparam("cachedb_redis", "cachedb_url", "redis:other://127.0.0.1:%d/1")
                route {
                	if (!cache_add("redis", "sb_calls", 1, 0, $var(n))) { sl_send_reply("500", "Cache Add Failed"); exit; }
                	if (!cache_store("redis", "sb_from_$ci", "$fu", 30)) { sl_send_reply("500", "Cache Store Failed"); exit; }
                	if (!cache_fetch("redis", "sb_from_$ci", $avp(from))) { sl_send_reply("500", "Cache Fetch Failed"); exit; }
                	if ($avp(from) != $fu) { sl_send_reply("500", "Cache Mismatch"); exit; }
                	if (!cache_remove("redis", "sb_from_$ci")) { sl_send_reply("500", "Cache Remove Failed"); exit; }
                	if (cache_fetch("redis", "sb_from_$ci", $avp(gone))) { sl_send_reply("500", "Cache Not Removed"); exit; }
                	if (!cache_sub("redis:other", "sb_down", 2, 0)) { sl_send_reply("500", "Cache Sub Failed"); exit; }
                	if (!cache_counter_fetch("redis", "sb_calls", $var(c))) { sl_send_reply("500", "Counter Fetch Failed"); exit; }
                	if ($var(c) < $var(n)) { sl_send_reply("500", "Counter Went Back"); exit; }
                	if (!cache_raw_query("redis", "RPUSH sb_raw_$ci first second")) { sl_send_reply("500", "Raw Push Failed"); exit; }
                	if (!cache_raw_query("redis", "LRANGE sb_raw_$ci 0 -1", "$avp(raw)")) { sl_send_reply("500", "Raw Range Failed"); exit; }
                	if ($avp(raw) != "first" || $(avp(raw)[1]) != "second") { sl_send_reply("500", "Raw Rows Wrong"); exit; }
                	if (cache_raw_query("redis", "GET sb_nokey_$ci", "$avp(none)")) { sl_send_reply("500", "Raw Nil Found"); exit; }
                	if (!cache_raw_query("redis", "DEL sb_raw_$ci")) { sl_send_reply("500", "Raw Del Failed"); exit; }
                	sl_send_reply("200", "OK");
                }
                """.formatted(TestServer.freePort(), redis.url(), redis.port);
        try (TestServer proxy = TestServer.start(dir, config)) {
            assertTrue(proxy.server.summary().stream().anyMatch(l -> l.contains("cachedb_redis") && l.contains("Java stand-in")),
                    () -> String.join("\n", proxy.server.summary()));
            SippResult r = Sipp.optionsUac(proxy.udp()).calls(CALLS).rate(30).timeout(Duration.ofSeconds(60)).run(dir);
            // every call answered 200 (a late answer to a retransmission on a loaded machine is no failure)
            assertEquals(CALLS, r.successfulCalls(), r::describe);
            assertEquals(0, r.failedCalls(), r::describe);
        }
        try (Jedis j = client()) {
            assertEquals(String.valueOf(CALLS), j.get("sb_calls"), "one INCRBY per call");
            assertTrue(j.keys("sb_from_*").isEmpty(), "every stored key was removed");
            j.select(1);
            assertEquals(String.valueOf(-2 * CALLS), j.get("sb_down"), "the group's connection uses database 1");
        }
    }

    /** One OPTIONS to user at the server; the reply's status code (0: no reply in 3 s). */
    private static int options(DatagramSocket sock, InetSocketAddress server, String user, int n) throws Exception {
        String req = "OPTIONS sip:" + user + "@127.0.0.1:" + server.getPort() + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + sock.getLocalPort() + ";branch=z9hG4bKcdbf" + n + "\r\n"
                + "Max-Forwards: 70\r\nTo: <sip:" + user + "@127.0.0.1>\r\nFrom: <sip:f@127.0.0.1>;tag=f" + n + "\r\n"
                + "Call-ID: cdb-fault-" + n + "@127.0.0.1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
        byte[] b = req.getBytes(StandardCharsets.US_ASCII);
        sock.send(new DatagramPacket(b, b.length, server));
        byte[] in = new byte[4096];
        DatagramPacket p = new DatagramPacket(in, in.length);
        try {
            sock.receive(p);
        } catch (java.net.SocketTimeoutException e) {
            return 0;
        }
        String first = new String(in, 0, p.getLength(), StandardCharsets.US_ASCII);
        return Integer.parseInt(first.substring(8, 11));
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void redisStopsInTheMiddleOfTraffic(@TempDir Path dir) throws Exception {
        String config = """
                listen=udp:127.0.0.1:%d
                children=2
                loadmodule "cachedb_redis.so"
                modparam("cachedb_redis", "cachedb_url", "%s")
                route {
                	if ($rU == "cache") {
                		if (!cache_add("redis", "sb_fault_hits", 1, 0, $var(n))) {
                			sl_send_reply("500", "Cache Unavailable");
                			exit;
                		}
                		sl_send_reply("200", "Counted");
                		exit;
                	}
                	sl_send_reply("200", "No Cache Needed");
                }
                """.formatted(TestServer.freePort(), redis.url());
        try (TestServer proxy = TestServer.start(dir, config);
             DatagramSocket sock = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            sock.setSoTimeout(3000);
            // traffic that needs no cache runs through the whole outage
            try (SippProcess other = Sipp.optionsUac(proxy.udp()).calls(200).rate(25).timeout(Duration.ofSeconds(60))
                    .start(dir)) {
                int n = 0;
                for (int i = 0; i < 5; i++) {
                    assertEquals(200, options(sock, proxy.udp(), "cache", n++), "Redis up");
                }
                redis.stop();
                try {
                    for (int i = 0; i < 5; i++) {
                        assertEquals(500, options(sock, proxy.udp(), "cache", n++), "Redis down: the script's error path");
                        assertEquals(200, options(sock, proxy.udp(), "plain", n++), "the rest keeps working");
                    }
                } finally {
                    redis.start();
                }
                for (int i = 0; i < 5; i++) {
                    assertEquals(200, options(sock, proxy.udp(), "cache", n++), "Redis back: reconnected");
                }
                SippResult r = other.await();
                assertEquals(200, r.successfulCalls(), r::describe);
                assertEquals(0, r.failedCalls(), r::describe);
            }
        }
    }
}
