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
 * A bounded soak of the transaction layer: a few hundred calls through t_relay with 4
 * workers, then nothing may stay behind once the wait timers (64*T1 with T1 = 100 ms here)
 * have run: no server or client transaction in the tables, no timer armed.
 */
class StatefulSoakTest {
    private static final int CALLS = 400;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void transactionsAndTimersAreAllFreedAfterASoak() throws Exception {
        String timers = """
                modparam("tm", "T1_timer", 100)
                modparam("tm", "T4_timer", 100)
                """;
        try (TestServer proxy = TestServer.start(dir, StatefulCallsTest.config(4,
                "\tif (!t_relay()) { sl_send_reply(\"500\", \"relay failed\"); }\n\texit;", timers));
             SippProcess uas = Sipp.uas().calls(CALLS).timeout(Duration.ofSeconds(50)).start(dir)) {
            SippResult uac = Sipp.uac(uas.address()).sendTo(proxy.udp()).rate(80).calls(CALLS)
                    .timeout(Duration.ofSeconds(40)).run(dir);
            assertEquals(CALLS, uac.successfulCalls(), uac::describe);
            assertEquals(0, uac.failedCalls() + uac.unexpectedMessages(), uac::describe);
            TmStats tm = proxy.server.transactionStats();
            assertEquals(2L * CALLS, tm.created.sum(), tm::toString); // INVITE and BYE
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(25);
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
