package org.sipbridge.e2e;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sipbridge.server.TestServer;
import org.sipbridge.tm.TmStats;

import java.nio.file.Path;
import java.time.Duration;
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
            assertEquals(CALLS, server.successfulCalls(), server::describe);
            assertEquals(0, server.failedCalls(), server::describe);
            assertEquals(0, server.unexpectedMessages(), server::describe);
            TmStats tm = proxy.server.transactionStats();
            assertNotNull(tm);
            assertEquals(2L * CALLS, tm.created.sum(), tm::toString); // INVITE and BYE
        }
    }
}
