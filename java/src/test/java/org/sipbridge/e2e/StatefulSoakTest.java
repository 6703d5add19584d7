package org.sipbridge.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sipbridge.server.TestServer;
import org.sipbridge.tm.TmStats;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A bounded soak of the transaction layer: 300 calls (INVITE, BYE) through t_relay with 4
 * workers, then nothing may stay behind once the wait timers (64*T1 with T1 = 200 ms here)
 * have run: no server or client transaction in the tables, no timer armed.
 */
class StatefulSoakTest {
    private static final int CALLS = 300;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void transactionsAndTimersAreAllFreedAfterASoak() throws Exception {
        // T1 200 ms: the wait timers (64*T1 = 12.8 s) free everything within the test, and a
        // loaded machine does not turn every slow answer into retransmissions
        String timers = """
                modparam("tm", "T1_timer", 200)
                modparam("tm", "T4_timer", 200)
                """;
        Path scenario = StatefulCallsTest.scenario("uac-call.xml");
        try (LossyUas uas = new LossyUas(false);
             TestServer proxy = TestServer.start(dir, StatefulCallsTest.config(4,
                     "\tif (!t_relay()) { sl_send_reply(\"500\", \"relay failed\"); }\n\texit;", timers))) {
            SippResult uac = Sipp.scenario("uac-call", scenario).remote(uas.address()).sendTo(proxy.udp())
                    .rate(40).calls(CALLS).timeout(Duration.ofSeconds(45)).run(dir);
            // every call completes; on a loaded machine (a cold JVM too) a slow answer makes the UAC
            // retransmit, the proxy answers the copy with the last reply, and SIPp counts that as a
            // dead-call message: protocol behaviour, not a failure of this test
            assertEquals(CALLS, uac.successfulCalls(), uac::describe);
            assertEquals(0, uac.failedCalls(), uac::describe);
            TmStats tm = proxy.server.transactionStats();
            assertEquals(2L * CALLS, tm.created.sum(), tm::toString); // INVITE and BYE
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
            while ((tm.inUse.sum() > 0 || tm.clientsInUse.sum() > 0 || tm.pendingTimers.getAsInt() > 0)
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertEquals(0, tm.inUse.sum(), tm::toString);
            assertEquals(0, tm.clientsInUse.sum(), tm::toString);
            assertEquals(0, tm.pendingTimers.getAsInt(), "timers still armed: " + tm);
        }
    }
}
