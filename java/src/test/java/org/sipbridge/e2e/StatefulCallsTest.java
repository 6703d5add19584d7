package org.sipbridge.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sipbridge.server.TestServer;
import org.sipbridge.tm.TmStats;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
            assertTrue(server.served(CALLS), server::describe);
            TmStats tm = proxy.server.transactionStats();
            assertNotNull(tm);
            assertEquals(2L * CALLS, tm.created.sum(), tm::toString); // INVITE and BYE
        }
    }

    /** One of the transaction scenarios (src/test/resources/e2e/tm). */
    static Path scenario(String name) {
        return Sipp.scenarioFile("/e2e/tm/" + name);
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
                assertTrue(uac.clean(calls), uac::describe);
                SippResult b = busy.await();
                assertTrue(b.served(calls), b::describe);
                SippResult a = answering.await();
                assertTrue(a.served(calls), a::describe);
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
                assertTrue(uac.clean(calls), uac::describe);
                for (SippProcess p : List.of(busy1, busy2, answering)) {
                    SippResult r = p.await();
                    assertTrue(r.served(calls), r::describe);
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
                assertTrue(uac.clean(calls), uac::describe);
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
                assertTrue(uac.clean(calls), uac::describe);
                SippResult server = uas.await();
                assertTrue(server.served(calls), server::describe);
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
                assertTrue(uac.clean(calls), uac::describe);
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
                assertTrue(uac.clean(calls), uac::describe);
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
            assertTrue(uac.served(calls), uac::describe);
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
}
