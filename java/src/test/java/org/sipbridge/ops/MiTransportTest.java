package org.sipbridge.ops;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The MI registry as C transports see it (lookup_mi_cmd, run_mi_cmd, init_mi_child), and
 * asynchronous MI replies over HTTP. The mitransport test module is a C transport in a
 * module process: it runs core commands (served by Java) and mitest's C command, an
 * asynchronous command answered from another thread through its own handler, a flush,
 * and bad input, and reports what it found through its MI command mit_results.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MiTransportTest {
    /** The checks mitransport.c runs (each one counted as passed or failed). */
    private static final int CHECKS = 17;

    @RegisterExtension
    static final MiHttpServer mi = new MiHttpServer("""
            loadmodule "mitest.so"
            loadmodule "mitransport.so"
            modparam("mi_http", "reply_timeout", 1)
            route {
            	sl_send_reply("200", "OK");
            }
            """);

    @Test
    void aCTransportReachesTheOneRegistry() throws Exception {
        JsonNode r = null;
        for (int i = 0; i < 150; i++) {   // the process runs its checks once, just after start
            r = mi.rpc().result("mit_results", null);
            if (r.get("done").asInt() == 1) {
                break;
            }
            Thread.sleep(100);
        }
        assertNotNull(r);
        assertEquals(1, r.get("done").asInt(), "the transport process finished: " + r);
        assertEquals("", r.get("report").isNull() ? "" : r.get("report").asText(), "failed checks");
        assertEquals(0, r.get("failed").asInt(), r.toString());
        assertEquals(CHECKS, r.get("passed").asInt(), r.toString());
    }

    @Test
    void psListsModuleProcesses() throws Exception {
        boolean found = false;
        for (JsonNode p : mi.rpc().result("ps", null).get("Processes")) {
            if (p.get("Type").asText().equals("MI test transport")) {
                found = p.get("PID").asInt() > 0 && p.get("ID").asInt() > 0;
            }
        }
        assertTrue(found, "the transport's module process in ps");
    }

    @Test
    void asynchronousReplyIsWaitedFor() throws Exception {
        long t0 = System.nanoTime();
        JsonNode r = mi.rpc().result("mit_async", "[\"200\"]");
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertEquals("late 200", r.get("answer").asText(), r.toString());
        assertTrue(ms >= 190, "answered only after the delay: " + ms + " ms");
    }

    @Test
    void asynchronousReplyTimesOutCleanly() throws Exception {
        assertEquals("late 10", mi.rpc().result("mit_async", "[\"10\"]").get("answer").asText());   // warm
        long t0 = System.nanoTime();
        JsonNode r = mi.rpc().call("mit_async", "[\"6000\"]");
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertTrue(r.has("error"), r.toString());
        assertEquals(500, r.get("error").get("code").asInt(), r.toString());
        assertTrue(r.get("error").get("message").asText().contains("did not answer within 1000 ms"), r.toString());
        assertTrue(ms < 5000, "the timeout (1 s), not the answer (6 s): " + ms + " ms");
        // the late answer arrives at an abandoned waiter, which frees it; the server goes on
        int pending = 1;
        for (int i = 0; i < 100 && pending > 0; i++) {
            Thread.sleep(100);
            pending = mi.rpc().result("mit_results", null).get("pending").asInt();
        }
        assertEquals(0, pending, "the late answer was given");
        assertEquals("late 10", mi.rpc().result("mit_async", "[\"10\"]").get("answer").asText());
        assertTrue(mi.rpc().result("which", null).toString().contains("mit_async"));
    }
}
