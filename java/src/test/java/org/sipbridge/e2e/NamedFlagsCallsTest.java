package org.sipbridge.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sipbridge.server.ServerStats;
import org.sipbridge.server.TestServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipbridge.server.SipTestMessages.count;

/**
 * SIPp calls through a stateless route written the OpenSIPS 1.11 way, on four workers: the
 * stock configuration's settings (fork, log_facility, auto_aliases, disable_tcp, disable_tls),
 * a listen line with an advertised name, named flags shared with a C module (which sees
 * ACC_DO in msg->flags as acc would), $mf, and transformations in headers the route adds.
 */
class NamedFlagsCallsTest {
    private static final int CALLS = 60;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 100, unit = TimeUnit.SECONDS)
    void namedFlagsAndTransformationsOnFourWorkers() throws Exception {
        int port = TestServer.freePort();
        String config = """
                debug=3
                log_stderror=no
                log_facility=LOG_LOCAL0
                fork=yes
                children=4
                auto_aliases=no
                listen=udp:127.0.0.1:%d as proxy.example.com:5999
                disable_tcp=yes
                disable_tls=yes
                loadmodule "maxfwd.so"
                loadmodule "flagtest.so"
                modparam("flagtest", "log_flag", "ACC_DO")
                route {
                	if (!mf_process_maxfwd_header("10")) { sl_send_reply("483", "Too Many Hops"); exit; }
                	if (is_method("INVITE")) setflag(ACC_DO);
                	if (is_method("BYE")) { setflag(ACC_DO); setflag(ACC_FAILED); }
                	if (flagtest_marked()) append_hf("X-Acc: $mf\\r\\n");
                	append_hf("X-User: $(rU{s.len}) $(ru{uri.user}{s.toupper}) $(hdr(From){nameaddr.uri}{uri.host})\\r\\n");
                	if ($(hdr(Call-ID){s.index,@}) > 0) append_hf("X-Callid-Host: $(ci{s.select,1,@})\\r\\n");
                	forward();
                }
                """.formatted(port);
        try (TestServer proxy = TestServer.start(dir, config)) {
            Path seenByUas = dir.resolve("uas-messages.log");
            try (SippProcess uas = Sipp.uas().calls(CALLS).timeout(Duration.ofSeconds(40))
                    .arg("-trace_msg", "-message_file", seenByUas.toString()).start(dir)) {
                SippResult uac = Sipp.uac(uas.address()).sendTo(proxy.udp()).rate(20).calls(CALLS)
                        .timeout(Duration.ofSeconds(35)).run(dir);
                assertTrue(uac.clean(CALLS), uac::describe);
                SippResult server = uas.await();
                assertTrue(server.served(CALLS), server::describe);
            }
            String seen = Files.readString(seenByUas);
            // ACC_DO is bit 0 (named by the module's mod_init first), ACC_FAILED bit 1; $mf lists newest first
            assertEquals(CALLS, count(seen, "X-Acc: ACC_DO\r\n"), "INVITEs flagged, seen by C");
            assertEquals(CALLS, count(seen, "X-Acc: ACC_FAILED ACC_DO\r\n"), "BYEs flagged twice");
            assertEquals(3L * CALLS, count(seen, "X-User: 7 SERVICE 127.0.0.1\r\n"), "transformations of R-URI and From");
            assertEquals(3L * CALLS, count(seen, "X-Callid-Host: 127.0.0.1\r\n"), "s.index and s.select of the Call-ID");
            // three requests per call carry it, and the UAS's three replies echo it
            assertEquals(6L * CALLS, count(seen, "Via: SIP/2.0/UDP proxy.example.com:5999;branch="),
                    "the listen line's advertised name in our Via");
            ServerStats s = proxy.stats();
            assertEquals(3L * CALLS, s.forwarded(), s::toString);
            assertEquals(3L * CALLS, s.relayed(), "replies to the advertised Via are ours: " + s);
            assertEquals(0, s.sendFailures() + s.malformedDropped() + s.notOurVia(), s::toString);
        }
    }
}
