package org.sipbridge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The SIPp harness itself, without a proxy: SIPp UAC straight to SIPp UAS. */
class SippTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void uacCompletesTwentyCallsWithTheUas() throws Exception {
        try (SippProcess uas = Sipp.uas().calls(20).timeout(Duration.ofSeconds(20)).start(dir)) {
            SippResult uac = Sipp.uac(uas.address()).rate(10).calls(20)
                    .timeout(Duration.ofSeconds(15)).run(dir);

            assertEquals(20, uac.successfulCalls(), uac::describe);
            assertEquals(0, uac.failedCalls(), uac::describe);
            assertEquals(0, uac.unexpectedMessages(), uac::describe);
            assertEquals(0, uac.exitCode(), uac::describe);
            assertTrue(uac.clean(20), uac::describe);

            // the UAS ends each call 4 s after the BYE (its timewait) and then exits by itself
            SippResult server = uas.await();
            assertEquals(20, server.successfulCalls(), server::describe);
            assertEquals(0, server.failedCalls(), server::describe);
            assertEquals(0, server.unexpectedMessages(), server::describe);
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void optionsScenarioGetsItsTwoHundred() throws Exception {
        // A SIPp UAS with -aa answers an OPTIONS outside any call with 200, as the proxy's own
        // route will: a stand-in until the e2e tests point the scenario at sipbridge.
        try (SippProcess responder = Sipp.uas().autoAnswer().timeout(Duration.ofSeconds(15)).start(dir)) {
            SippResult options = Sipp.optionsUac(responder.address()).rate(10).calls(3)
                    .timeout(Duration.ofSeconds(10)).run(dir);

            assertEquals(3, options.successfulCalls(), options::describe);
            assertTrue(options.clean(3), options::describe);

            SippResult answered = responder.stop();
            assertEquals(3, answered.autoAnswered(), answered::describe);
            assertEquals(0, answered.unexpectedMessages(), answered::describe);
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void unansweredCallsAreReportedAsFailed() throws Exception {
        // Nobody listens on the remote port: the INVITE is never answered and SIPp gives up at
        // its -timeout. Shows that a broken path is counted, not reported as clean.
        InetSocketAddress nobody = Sipp.loopback(UdpPorts.free());
        SippResult uac = Sipp.uac(nobody).calls(1).timeout(Duration.ofSeconds(2)).run(dir);

        assertEquals(0, uac.successfulCalls(), uac::describe);
        assertEquals(255, uac.exitCode(), uac::describe);
        assertTrue(!uac.clean(1), uac::describe);
    }

    @Test
    void missingSippNamesTheInstallScript() {
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> Sipp.findExecutable(null, dir.toString()));
        assertTrue(missing.getMessage().contains("scripts/test.sh"), missing.getMessage());

        IllegalStateException wrong = assertThrows(IllegalStateException.class,
                () -> Sipp.findExecutable(dir.resolve("no-sipp").toString(), "/usr/bin"));
        assertTrue(wrong.getMessage().contains(Sipp.EXECUTABLE_PROPERTY), wrong.getMessage());
    }

    @Test
    void readsCountersByName() {
        String header = "StartTime;SuccessfulCall(C);FailedCall(C);Retransmissions(C);"
                + "FailedUnexpectedMessage(C);OutOfCallMsgs(C);DeadCallMsgs(C);AutoAnswered(C);";
        String row = "2026-01-01\t00:00:00.000000\t1.0;7;1;2;3;4;5;6;";
        Map<String, Long> counters = SippResult.counters(header, row);
        assertEquals(7, counters.get("SuccessfulCall(C)"));
        assertEquals(5, counters.get("DeadCallMsgs(C)"));
        assertThrows(IllegalStateException.class, () -> SippResult.counters("SuccessfulCall(C);", "1;"));
    }

    @Test
    void commandBoundsTheRunAndSendsThroughTheProxy() {
        Sipp uac = Sipp.uac(Sipp.loopback(5080)).sendTo(Sipp.loopback(5070)).rate(2.5).calls(4)
                .timeout(Duration.ofMillis(1500));
        String command = String.join(" ", uac.command(5060, dir));
        assertTrue(command.contains(" -sn uac -i 127.0.0.1 -p 5060 127.0.0.1:5080 -rsa 127.0.0.1:5070 -r 2.500 -m 4 "),
                command);
        assertTrue(command.contains(" -timeout 2s -timeout_error "), command);
    }
}
