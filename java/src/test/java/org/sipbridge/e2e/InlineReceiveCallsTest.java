package org.sipbridge.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sipbridge.server.ServerException;
import org.sipbridge.server.ServerStats;
import org.sipbridge.server.TestServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code udp_receive_mode}: SIPp's standard uac calls its uas through a proxy with 4 workers,
 * with the workers reading their own SO_REUSEPORT sockets ({@code inline}, the default) and
 * with receiving threads ({@code handoff}). The UAC and the UAS are two sources the kernel
 * may hash to different sockets, and every Call-ID has its owner among the 4 workers, so
 * messages are handled where they were read and handed over alike: no call may see a message
 * out of order (0 unexpected, 0 failed, 0 retransmissions on both sides).
 */
class InlineReceiveCallsTest {
    private static final int CALLS = 100;
    private static final int RATE = 50;

    @TempDir
    Path dir;

    private void calls(String mode) throws Exception {
        String config = (mode == null ? "" : "udp_receive_mode = " + mode + "\n") + TestServer.proxyConfig(4);
        try (TestServer proxy = TestServer.start(dir, config)) {
            String summary = proxy.server.summary().toString();
            assertEquals(!"handoff".equals(mode), summary.contains("udp_receive_mode inline"), summary);
            Path uasMessages = dir.resolve("uas-" + mode + ".log");
            try (SippProcess uas = Sipp.uas().calls(CALLS).timeout(Duration.ofSeconds(30))
                    .arg("-trace_msg", "-message_file", uasMessages.toString()).start(dir)) {
                SippResult uac = Sipp.uac(uas.address()).sendTo(proxy.udp()).rate(RATE).calls(CALLS)
                        .timeout(Duration.ofSeconds(25)).run(dir);
                assertTrue(uac.clean(CALLS), uac::describe);
                assertEquals(0, uac.unexpectedMessages(), uac::describe);
                SippResult server = uas.await();
                assertEquals(CALLS, server.successfulCalls(), server::describe);
                assertEquals(0, server.failedCalls(), server::describe);
                assertEquals(0, server.unexpectedMessages(), server::describe);
                assertEquals(0, server.retransmissions(), server::describe);
            }
            String seen = Files.readString(uasMessages);
            assertEquals(3L * CALLS, Pattern.compile("X-Proxied: yes").matcher(seen).results().count());
            ServerStats s = proxy.stats();
            assertEquals(3L * CALLS, s.forwarded(), s::toString);
            assertEquals(3L * CALLS, s.relayed(), s::toString);
            assertEquals(0, s.sendFailures() + s.malformedDropped() + s.notOurVia(), s::toString);
            assertEquals(6L * CALLS, proxy.server.transportStats().received(), "messages received");
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void fourWorkersReadingTheirOwnSocketsKeepEachDialogInOrder() throws Exception {
        calls(null);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void fourWorkersBehindReceivingThreadsKeepEachDialogInOrder() throws Exception {
        calls("handoff");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void anUnknownModeIsRefused() {
        ServerException e = assertThrows(ServerException.class,
                () -> TestServer.start(dir, "udp_receive_mode = fast\n" + TestServer.proxyConfig(1)).close());
        assertTrue(e.getMessage().contains("udp_receive_mode = fast"), e.getMessage());
    }
}
