package org.sipbridge.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sipbridge.bridge.NativeModule;
import org.sipbridge.server.TestServer;
import org.sipbridge.server.UdpPeer;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 8 point 4: with several workers, a module's globals behave as in an OpenSIPS
 * process. Each worker's child_init rank is what that worker's calls see, and a global one
 * call leaves for the next call of the same message is still there although other workers
 * run the module in between (procsem lingers inside ps_mark so that they queue up).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProcessSemanticsTest {
    private static final int WORKERS = 4;
    private static final int MESSAGES = 160;
    private static final Pattern STATUS = Pattern.compile("^SIP/2\\.0 (\\d{3}) ([^\r\n]*)");

    @TempDir
    Path dir;

    @Test
    void everyWorkerSeesItsOwnGlobalsAcrossTheCallsOfAMessage() throws Exception {
        String config = """
                listen=udp:127.0.0.1:%d
                children=%d
                loadmodule "procsem.so"
                route {
                	ps_mark();
                	if (!ps_check()) { sl_send_reply("500", "Globals Changed"); exit; }
                	ps_rank(); $var(r) = $rc;
                	if ($var(r) < 1) { sl_send_reply("500", "Wrong Rank"); exit; }
                	sl_send_reply("200", "Rank $var(r)");
                }
                """.formatted(TestServer.freePort(), WORKERS);
        try (TestServer server = TestServer.start(dir, config); UdpPeer client = new UdpPeer()) {
            for (int i = 0; i < MESSAGES; i++) {
                client.send(server.udp(), request(client, i));
            }
            Map<String, Integer> replies = new HashMap<>();
            TreeSet<Integer> ranks = new TreeSet<>();
            for (int i = 0; i < MESSAGES; i++) {
                String r = client.receive(10_000);
                assertTrue(r != null, "reply " + i + " missing; so far " + replies);
                Matcher m = STATUS.matcher(r);
                assertTrue(m.find(), r);
                replies.merge(m.group(1) + " " + m.group(2), 1, Integer::sum);
                if (m.group(1).equals("200")) {
                    ranks.add(Integer.parseInt(m.group(2).substring("Rank ".length())));
                }
            }
            long ok = replies.entrySet().stream().filter(e -> e.getKey().startsWith("200 ")).mapToInt(Map.Entry::getValue).sum();
            assertEquals(MESSAGES, ok, "replies: " + replies);
            assertTrue(ranks.size() >= 2 && ranks.first() >= 1 && ranks.last() <= WORKERS,
                    "the messages should spread over several workers, each with its rank: " + ranks);
            NativeModule procsem = (NativeModule) server.server.script().modules().registry().module("procsem").orElseThrow();
            assertTrue(procsem.threadGlobals(0) > 0, "the module has per-thread globals");
            assertTrue(procsem.threadGlobals(2) > 0, "the globals were switched between threads");
        }
    }

    /**
     * 1.11 forks the timer process and the workers before the main process runs
     * child_init(PROC_MAIN): what that child_init writes in the module's globals (a DB handle
     * it opens: dispatcher refuses a second one) is not theirs. procsem's child_init_once
     * fails a child_init that finds another one's globals; the timer_route gives the server
     * its timer thread (child_init(PROC_TIMER), after PROC_MAIN as in 1.11).
     */
    @Test
    void theTimerAndTheWorkersDoNotInheritTheMainThreadsChildInit() throws Exception {
        String config = """
                listen=udp:127.0.0.1:%d
                children=%d
                loadmodule "procsem.so"
                modparam("procsem", "child_init_once", 1)
                modparam("procsem", "linger_us", 0)
                route {
                	ps_rank(); $var(r) = $rc;
                	if ($var(r) < 1) { sl_send_reply("500", "Wrong Rank"); exit; }
                	sl_send_reply("200", "Rank $var(r)");
                }
                timer_route[tick, 60] {
                	xlog("tick\n");
                }
                """.formatted(TestServer.freePort(), WORKERS);
        try (TestServer server = TestServer.start(dir, config); UdpPeer client = new UdpPeer()) {
            int n = 20;
            for (int i = 0; i < n; i++) {
                client.send(server.udp(), request(client, i));
            }
            for (int i = 0; i < n; i++) {
                String r = client.receive(10_000);
                assertTrue(r != null, "reply " + i + " missing");
                Matcher m = STATUS.matcher(r);
                assertTrue(m.find() && m.group(1).equals("200"), r);
            }
            NativeModule procsem = (NativeModule) server.server.script().modules().registry().module("procsem").orElseThrow();
            assertTrue(procsem.threadGlobals(1) >= 2, "copies of the globals per thread (main, timer, workers): "
                    + procsem.threadGlobals(1));
        }
    }

    private static String request(UdpPeer client, int i) {
        return "MESSAGE sip:bob@example.com SIP/2.0\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + client.port() + ";branch=z9hG4bKps" + i + "\n"
                + "Max-Forwards: 70\n"
                + "From: <sip:alice@example.com>;tag=a" + i + "\n"
                + "To: <sip:bob@example.com>\n"
                + "Call-ID: procsem-" + i + "@test\n"
                + "CSeq: 1 MESSAGE\n"
                + "Content-Length: 0\n\n";
    }
}
