package org.sipbridge.cachedb;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sipbridge.core.ModuleSystem;
import org.sipbridge.core.Proto;
import org.sipbridge.core.ReceiveInfo;
import org.sipbridge.core.SipContext;
import org.sipbridge.e2e.Sipp;
import org.sipbridge.e2e.SippResult;
import org.sipbridge.module.Argument;
import org.sipbridge.module.FunctionExport;
import org.sipbridge.module.RouteType;
import org.sipbridge.server.TestServer;
import org.sipbridge.sip.Framing;
import org.sipbridge.testing.LogCapture;
import org.sipbridge.testing.TestModules;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The REAL OpenSIPS 1.11 cachedb_local (built from a 1.11 tree by
 * scripts/check-opensips-compat.sh, never kept in the repository) under cdbtest and the
 * script's cache_* functions. A by-hand check: skipped unless
 * {@code -Dsipbridge.cachedb_local.dir=<the check script's out/ folder>} names a folder
 * holding cachedb_local.so, e.g.
 * <pre>
 *   scripts/check-opensips-compat.sh -t ../opensips-1.11 -m cachedb_local -o /tmp/cl
 *   mvn -B verify -Dtest=CachedbLocalTest -Dsipbridge.cachedb_local.dir=/tmp/cl/out
 * </pre>
 */
class CachedbLocalTest {
    private static Path dir() {
        String d = System.getProperty("sipbridge.cachedb_local.dir", "");
        assumeTrue(!d.isEmpty() && Files.isRegularFile(Path.of(d, "cachedb_local.so")),
                "by hand: -Dsipbridge.cachedb_local.dir=<folder with a cachedb_local.so built from 1.11>");
        return Path.of(d);
    }

    @Test
    void cdbtestRunsEveryOperationOnTheReal111CachedbLocal() {
        Path local = dir();
        String msg = "OPTIONS sip:cdb@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bKcl1\r\n"
                + "Max-Forwards: 70\r\nTo: <sip:cdb@127.0.0.1>\r\nFrom: <sip:t@127.0.0.1>;tag=1\r\n"
                + "Call-ID: cl-1@127.0.0.1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
        byte[] m = msg.getBytes(StandardCharsets.US_ASCII);
        ReceiveInfo rcv = new ReceiveInfo(Proto.UDP, new InetSocketAddress("127.0.0.1", 5062),
                new InetSocketAddress("127.0.0.1", 5060), 0);
        try (LogCapture log = LogCapture.of("cdbtest"); ModuleSystem ms = new ModuleSystem(); SipContext ctx = new SipContext()) {
            ms.setMpath(List.of(local, TestModules.dir()));
            ms.loadModule("cachedb_local.so", null);
            ms.loadModule("cdbtest.so", null);
            ms.modparam("cdbtest", "cachedb_url", "local://");
            ms.initModules();
            ms.childInit(1);
            for (String fn : List.of("cdbtest_roundtrip", "cdbtest_expiry", "cdbtest_ping")) {
                FunctionExport f = ms.lookup(fn, 0, RouteType.REQUEST);
                var site = ms.bind(f, List.<Argument>of());
                ctx.load(ByteBuffer.wrap(m), 0, m.length, Framing.DATAGRAM, rcv);
                assertEquals(1, site.call(ctx), () -> fn + ": " + log.messages());
            }
        }
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void scriptFunctionsOverTheReal111CachedbLocalUnderSipp(@TempDir Path tmp) throws Exception {
        Path local = dir();
        String config = """
                listen=udp:127.0.0.1:%d
                children=2
                loadmodule "%s"
                route {
                	if (!cache_add("local", "calls", 1, 0, $var(n))) { sl_send_reply("500", "Cache Add Failed"); exit; }
                	if (!cache_store("local", "from_$ci", "$fu", 30)) { sl_send_reply("500", "Cache Store Failed"); exit; }
                	if (!cache_fetch("local", "from_$ci", $avp(from))) { sl_send_reply("500", "Cache Fetch Failed"); exit; }
                	if ($avp(from) != $fu) { sl_send_reply("500", "Cache Mismatch"); exit; }
                	if (!cache_remove("local", "from_$ci")) { sl_send_reply("500", "Cache Remove Failed"); exit; }
                	if (cache_fetch("local", "from_$ci", $avp(gone))) { sl_send_reply("500", "Cache Not Removed"); exit; }
                	if (!cache_sub("local", "down", 2, 0, $var(d))) { sl_send_reply("500", "Cache Sub Failed"); exit; }
                	if (!cache_counter_fetch("local", "calls", $var(c))) { sl_send_reply("500", "Counter Fetch Failed"); exit; }
                	if ($var(c) < $var(n) || $var(d) >= 0) { sl_send_reply("500", "Bad Counters"); exit; }
                	sl_send_reply("200", "OK");
                }
                """.formatted(TestServer.freePort(), local.resolve("cachedb_local.so"));
        try (TestServer proxy = TestServer.start(tmp, config)) {
            SippResult r = Sipp.optionsUac(proxy.udp()).calls(40).rate(20).timeout(Duration.ofSeconds(60)).run(tmp);
            // every call answered 200 (a late answer to a retransmission on a loaded machine is no failure)
            assertEquals(40, r.successfulCalls(), r::describe);
            assertEquals(0, r.failedCalls(), r::describe);
        }
    }
}
