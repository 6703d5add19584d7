package org.sipbridge.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sipbridge.server.TestServer;
import org.sipbridge.tm.TmStats;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIPp calls through sipbridge's own transaction layer (loadmodule "tm.so" with no tm.so on
 * mpath), with 1 and 4 workers; every run bounded by SIPp's timeout and the test's.
 */
class StatefulCallsTest {
    private static final int CALLS = 20;

    @TempDir
    Path dir;

    static String config(int children, String route, String more) {
        return """
                listen=udp:127.0.0.1:%d
                children=%d
                loadmodule "tm.so"
                %s
                route {
                %s
                }
                """.formatted(TestServer.freePort(), children, more, route);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    @Timeout(value = 40, unit = TimeUnit.SECONDS)
    void aCallThroughTRelay(int workers) throws Exception {
        String route = """
                	if (!t_relay()) { sl_send_reply("500", "relay failed"); }
                	exit;
                """;
        try (TestServer proxy = TestServer.start(dir, config(workers, route, ""));
             SippProcess uas = Sipp.uas().calls(CALLS).timeout(Duration.ofSeconds(20)).start(dir)) {
            SippResult uac = Sipp.uac(uas.address()).sendTo(proxy.udp()).rate(20).calls(CALLS)
                    .timeout(Duration.ofSeconds(15)).run(dir);
            assertTrue(uac.clean(CALLS), uac::describe);
            SippResult server = uas.await();
            assertEquals(CALLS, server.successfulCalls(), server::describe);
            assertEquals(0, server.failedCalls(), server::describe);
            assertEquals(0, server.unexpectedMessages(), server::describe);
            TmStats tm = proxy.server.transactionStats();
            assertNotNull(tm);
            assertEquals(2L * CALLS, tm.created.sum(), tm::toString); // INVITE and BYE
        }
    }

    private Path scenario(String name) throws Exception {
        Path p = dir.resolve(name);
        try (var in = StatefulCallsTest.class.getResourceAsStream("/e2e/tm/" + name)) {
            Files.copy(in, p);
        }
        return p;
    }

    private static void assertClean(SippResult r, long calls) {
        assertTrue(r.clean(calls), r::describe);
        assertEquals(0, r.unexpectedMessages(), r::describe);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    @Timeout(value = 40, unit = TimeUnit.SECONDS)
    void busyFirstUasThenTheFailureRouteForksToTheSecond(int workers) throws Exception {
        int calls = 10;
        try (SippProcess busy = Sipp.scenario("uas-busy", scenario("uas-busy.xml")).calls(calls)
                .timeout(Duration.ofSeconds(20)).start(dir);
             SippProcess answering = Sipp.uas().calls(calls).timeout(Duration.ofSeconds(20)).start(dir)) {
            String route = """
                    	if (is_method("INVITE")) { t_on_failure("next"); }
                    	t_relay();
                    	exit;
                    """;
            String more = """
                    modparam("tm", "fr_timeout", 5)
                    failure_route[next] {
                    	if (t_check_status("486") && $T_reply_code == 486) {
                    		$du = "sip:127.0.0.1:%d";
                    		t_relay();
                    	}
                    }
                    """.formatted(answering.port());
            try (TestServer proxy = TestServer.start(dir, config(workers, route, more))) {
                SippResult uac = Sipp.scenario("uac-call", scenario("uac-call.xml")).remote(busy.address())
                        .sendTo(proxy.udp()).rate(10).calls(calls).timeout(Duration.ofSeconds(15)).run(dir);
                assertClean(uac, calls);
                SippResult b = busy.await();
                assertEquals(calls, b.successfulCalls(), b::describe);
                assertEquals(0, b.failedCalls() + b.unexpectedMessages(), b::describe);
                SippResult a = answering.await();
                assertEquals(calls, a.successfulCalls(), a::describe);
                assertEquals(0, a.failedCalls() + a.unexpectedMessages(), a::describe);
                TmStats tm = proxy.server.transactionStats();
                assertEquals(3L * calls, tm.branches.sum(), tm::toString); // INVITE twice, BYE once
            }
        }
    }

    /**
     * The stock configuration's pattern on four workers: a named flag set in the request route
     * (1.11's setflag(NAME)), a parallel fork (append_branch) to two busy phones, and the
     * failure route, which sees the flag in the transaction and serially forks to a third
     * phone that answers; ACK and BYE by the dialog's Contact.
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void namedFlagsParallelBranchesAndTheFailureRouteOnFourWorkers() throws Exception {
        int calls = 20;
        Path busy = scenario("uas-busy.xml");
        try (SippProcess busy1 = Sipp.scenario("uas-busy-1", busy).calls(calls)
                .timeout(Duration.ofSeconds(40)).start(dir);
             SippProcess busy2 = Sipp.scenario("uas-busy-2", busy).calls(calls)
                .timeout(Duration.ofSeconds(40)).start(dir);
             SippProcess answering = Sipp.uas().calls(calls).timeout(Duration.ofSeconds(40)).start(dir)) {
            String route = """
                    	if (has_totag()) { t_relay(); exit; }
                    	if (is_method("INVITE")) {
                    		setflag(FORKED);
                    		append_branch("sip:service@127.0.0.1:%d");
                    		t_on_failure("serial");
                    	}
                    	t_relay();
                    	exit;
                    """.formatted(busy2.port());
            String more = """
                    modparam("tm", "fr_timeout", 10)
                    failure_route[serial] {
                    	if (isflagset(FORKED) && !isflagset(SERIAL) && t_check_status("486")) {
                    		setflag(SERIAL);
                    		$ru = "sip:service@127.0.0.1:%d";
                    		t_relay();
                    	}
                    }
                    """.formatted(answering.port());
            try (TestServer proxy = TestServer.start(dir, config(4, route, more))) {
                SippResult uac = Sipp.scenario("uac-call", scenario("uac-call.xml")).remote(busy1.address())
                        .sendTo(proxy.udp()).rate(10).calls(calls).timeout(Duration.ofSeconds(30)).run(dir);
                assertClean(uac, calls);
                for (SippProcess p : List.of(busy1, busy2, answering)) {
                    SippResult r = p.await();
                    assertEquals(calls, r.successfulCalls(), r::describe);
                    assertEquals(0, r.failedCalls() + r.unexpectedMessages(), r::describe);
                }
                TmStats tm = proxy.server.transactionStats();
                // per call: INVITE to both busy phones, then the third; the BYE
                assertEquals(4L * calls, tm.branches.sum(), tm::toString);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    @Timeout(value = 40, unit = TimeUnit.SECONDS)
    void aUasThatNeverAnswersGets408ThenTheFailureRoute(int workers) throws Exception {
        int calls = 5;
        try (SilentPeer silent = new SilentPeer()) {
            String route = """
                    	t_on_failure("timeout");
                    	t_relay();
                    	exit;
                    """;
            String more = """
                    modparam("tm", "fr_timeout", 1)
                    failure_route[timeout] {
                    	if (t_check_status("408") && t_local_replied("all")) {
                    		t_reply("408", "Failure Route Saw $T_reply_code");
                    	}
                    }
                    """;
            try (TestServer proxy = TestServer.start(dir, config(workers, route, more))) {
                SippResult uac = Sipp.scenario("uac-timeout", scenario("uac-timeout.xml")).remote(silent.address())
                        .sendTo(proxy.udp()).rate(5).calls(calls).timeout(Duration.ofSeconds(15)).run(dir);
                assertClean(uac, calls);
                TmStats tm = proxy.server.transactionStats();
                assertEquals(calls, tm.timeouts.sum(), tm::toString);
                assertEquals(calls, tm.acksAbsorbed.sum(), tm::toString);
                // fr_timeout 1 s: the INVITE and its timer A retransmission at T1
                assertEquals(2, silent.minCopies("INVITE"), silent::toString);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    @Timeout(value = 40, unit = TimeUnit.SECONDS)
    void cancelAfterRingingGets487AndItsOwn200(int workers) throws Exception {
        int calls = 5;
        try (SippProcess uas = Sipp.scenario("uas-cancel", scenario("uas-cancel.xml")).calls(calls)
                .timeout(Duration.ofSeconds(20)).start(dir)) {
            String route = """
                    	t_relay();
                    	exit;
                    """;
            try (TestServer proxy = TestServer.start(dir, config(workers, route, ""))) {
                SippResult uac = Sipp.scenario("uac-cancel", scenario("uac-cancel.xml")).remote(uas.address())
                        .sendTo(proxy.udp()).rate(5).calls(calls).timeout(Duration.ofSeconds(15)).run(dir);
                assertClean(uac, calls);
                SippResult server = uas.await();
                assertEquals(calls, server.successfulCalls(), server::describe);
                assertEquals(0, server.failedCalls() + server.unexpectedMessages(), server::describe);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    @Timeout(value = 40, unit = TimeUnit.SECONDS)
    void aLostInviteIsRetransmittedAfterT1(int workers) throws Exception {
        int calls = 5;
        try (LossyUas uas = new LossyUas()) {
            String route = """
                    	t_relay();
                    	exit;
                    """;
            try (TestServer proxy = TestServer.start(dir, config(workers, route, ""))) {
                SippResult uac = Sipp.scenario("uac-call", scenario("uac-call.xml")).remote(uas.address())
                        .sendTo(proxy.udp()).rate(5).calls(calls).timeout(Duration.ofSeconds(15)).run(dir);
                assertClean(uac, calls);
                assertEquals(calls, uas.answered.get(), uas::toString);
                for (long gap : uas.gaps()) {
                    assertTrue(gap >= 400 && gap < 1500, "retransmission after T1 (500 ms), got " + gap + " ms");
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    @Timeout(value = 40, unit = TimeUnit.SECONDS)
    void aMessageNobodyAnswersGets408(int workers) throws Exception {
        int calls = 5;
        try (SilentPeer silent = new SilentPeer()) {
            String route = """
                    	t_relay();
                    	exit;
                    """;
            try (TestServer proxy = TestServer.start(dir, config(workers, route,
                    "modparam(\"tm\", \"fr_timeout\", 2)"))) {
                SippResult uac = Sipp.scenario("uac-message", scenario("uac-message.xml")).remote(silent.address())
                        .sendTo(proxy.udp()).rate(5).calls(calls).timeout(Duration.ofSeconds(15)).run(dir);
                assertClean(uac, calls);
                TmStats tm = proxy.server.transactionStats();
                assertEquals(calls, tm.timeouts.sum(), tm::toString);
                // timer E: at 0, T1, 3*T1 before fr_timeout (2 s)
                assertEquals(3, silent.minCopies("MESSAGE"), silent::toString);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void everyTransactionIsFreedByItsWaitTimer(int workers) throws Exception {
        int calls = 40;
        // shorter timers, so the wait timers (J, K, L, M: 64*T1) free everything within the test
        String timers = """
                modparam("tm", "T1_timer", 100)
                modparam("tm", "T4_timer", 100)
                """;
        try (LossyUas uas = new LossyUas(false);
             TestServer proxy = TestServer.start(dir, config(workers, "\tt_relay();\n\texit;", timers))) {
            SippResult uac = Sipp.scenario("uac-call", scenario("uac-call.xml")).remote(uas.address())
                    .sendTo(proxy.udp()).rate(20).calls(calls).timeout(Duration.ofSeconds(15)).run(dir);
            // every call completes; a UAC retransmission on a loaded machine is absorbed, not a failure here
            assertEquals(calls, uac.successfulCalls(), uac::describe);
            assertEquals(0, uac.failedCalls() + uac.unexpectedMessages(), uac::describe);
            TmStats tm = proxy.server.transactionStats();
            assertEquals(2L * calls, tm.created.sum(), tm::toString);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while ((tm.inUse.sum() > 0 || tm.clientsInUse.sum() > 0) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(0, tm.inUse.sum(), tm::toString);
            assertEquals(0, tm.clientsInUse.sum(), tm::toString);
        }
    }

    /** A UDP next hop that never answers; counts the copies of each request it got. */
    static final class SilentPeer implements AutoCloseable {
        private final DatagramSocket socket;
        private final Thread thread;
        private final Map<String, Integer> copies = new HashMap<>();

        SilentPeer() throws Exception {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            socket.setSoTimeout(200);
            thread = new Thread(this::run, "silent-peer");
            thread.setDaemon(true);
            thread.start();
        }

        InetSocketAddress address() {
            return new InetSocketAddress("127.0.0.1", socket.getLocalPort());
        }

        private void run() {
            byte[] b = new byte[65536];
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!socket.isClosed() && System.nanoTime() < end) {
                DatagramPacket p = new DatagramPacket(b, b.length);
                try {
                    socket.receive(p);
                } catch (java.net.SocketTimeoutException e) {
                    continue;
                } catch (java.io.IOException e) {
                    return;
                }
                String text = new String(b, 0, p.getLength(), StandardCharsets.UTF_8);
                String method = text.substring(0, Math.max(0, text.indexOf(' ')));
                synchronized (copies) {
                    copies.merge(method + " " + header(text, "Call-ID"), 1, Integer::sum);
                }
            }
        }

        /** The fewest copies any request of that method arrived in. */
        int minCopies(String method) {
            synchronized (copies) {
                return copies.entrySet().stream().filter(e -> e.getKey().startsWith(method + " "))
                        .mapToInt(Map.Entry::getValue).min().orElse(0);
            }
        }

        @Override
        public String toString() {
            synchronized (copies) {
                return copies.toString();
            }
        }

        @Override
        public void close() throws Exception {
            socket.close();
            thread.join(2000);
        }
    }

    /**
     * A UAS on UDP that loses the first copy of every INVITE (it never sees it) and answers the
     * next 200; ACKs are taken, BYEs answered 200. Records how long after the lost copy the
     * retransmission came.
     */
    static final class LossyUas implements AutoCloseable {
        private final DatagramSocket socket;
        private final Thread thread;
        private final Map<String, Long> firstSeen = new HashMap<>();
        private final List<Long> gaps = new ArrayList<>();
        final AtomicInteger answered = new AtomicInteger();

        private final boolean lose;

        LossyUas() throws Exception {
            this(true);
        }

        /** lose false: a plain UAS that answers the first copy (and each retransmission) 200. */
        LossyUas(boolean lose) throws Exception {
            this.lose = lose;
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            socket.setSoTimeout(200);
            thread = new Thread(this::run, "lossy-uas");
            thread.setDaemon(true);
            thread.start();
        }

        InetSocketAddress address() {
            return new InetSocketAddress("127.0.0.1", socket.getLocalPort());
        }

        synchronized List<Long> gaps() {
            return List.copyOf(gaps);
        }

        private void run() {
            byte[] b = new byte[65536];
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!socket.isClosed() && System.nanoTime() < end) {
                DatagramPacket p = new DatagramPacket(b, b.length);
                try {
                    socket.receive(p);
                } catch (java.net.SocketTimeoutException e) {
                    continue;
                } catch (java.io.IOException e) {
                    return;
                }
                String text = new String(b, 0, p.getLength(), StandardCharsets.UTF_8);
                String callId = header(text, "Call-ID");
                try {
                    if (text.startsWith("INVITE ")) {
                        synchronized (this) {
                            Long first = firstSeen.get(callId);
                            if (first == null && !lose) {
                                first = System.nanoTime();
                                firstSeen.put(callId, first);
                            }
                            if (first == null) {
                                firstSeen.put(callId, System.nanoTime());
                                continue; // lost
                            }
                            if (first > 0) {
                                gaps.add((System.nanoTime() - first) / 1_000_000);
                                firstSeen.put(callId, 0L);
                                answered.incrementAndGet();
                            }
                        }
                        reply(p, text, "200 OK", "Contact: <sip:127.0.0.1:" + socket.getLocalPort() + ">\r\n");
                    } else if (text.startsWith("BYE ")) {
                        reply(p, text, "200 OK", "");
                    }
                } catch (java.io.IOException e) {
                    return;
                }
            }
        }

        private void reply(DatagramPacket to, String request, String status, String extra) throws java.io.IOException {
            StringBuilder sb = new StringBuilder("SIP/2.0 ").append(status).append("\r\n");
            for (String line : request.split("\r\n")) {
                String lower = line.toLowerCase(java.util.Locale.ROOT);
                if (lower.startsWith("via:") || lower.startsWith("from:") || lower.startsWith("call-id:")
                        || lower.startsWith("cseq:")) {
                    sb.append(line).append("\r\n");
                } else if (lower.startsWith("to:")) {
                    sb.append(line).append(line.contains("tag=") ? "" : ";tag=lossy").append("\r\n");
                }
            }
            sb.append(extra).append("Content-Length: 0\r\n\r\n");
            byte[] out = sb.toString().getBytes(StandardCharsets.UTF_8);
            socket.send(new DatagramPacket(out, out.length, to.getSocketAddress()));
        }

        @Override
        public String toString() {
            return "answered " + answered.get() + ", gaps " + gaps();
        }

        @Override
        public void close() throws Exception {
            socket.close();
            thread.join(2000);
        }
    }

    static String header(String text, String name) {
        Matcher m = Pattern.compile("(?im)^" + Pattern.quote(name) + ":\\s*(.*?)\\r?$").matcher(text);
        return m.find() ? m.group(1) : "";
    }
}
