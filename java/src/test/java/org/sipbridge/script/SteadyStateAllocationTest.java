package org.sipbridge.script;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A regression guard for the benchmark's claim: once warm, a message through a typical
 * route allocates (almost) nothing in Java. The 48 bytes left come from the view's receive
 * info (two InetAddress.getAddress() copies per message, in MessageSlot.describe).
 */
class SteadyStateAllocationTest {

    @Test
    void aWarmRouteAllocatesAtMostTheViewsAddressCopies() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (ScriptHarness h = ScriptHarness.of("""
                log_level=3
                loadmodule "maxfwd.so"
                loadmodule "textops.so"
                route {
                    if (!mf_process_maxfwd_header("10")) { sl_send_reply("483", "Too Many Hops"); exit; }
                    if (has_totag()) { forward(); exit; }
                    if (is_method("INVITE|MESSAGE")) $var(kind) = "call";
                    if ($rU == "bob") $var(user) = $rU;
                    $var(hops) = 1;
                    xlog("L_DBG", "$rm $ru from $si kind=$var(kind)\\n");
                    append_hf("X-Proxied: yes\\r\\n");
                    forward();
                }
                """)) {
            h.ctx.setOutbound(new ScriptBenchmarkOutbound());
            byte[] invite = ScriptHarness.INVITE.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            java.nio.ByteBuffer src = java.nio.ByteBuffer.wrap(invite);
            for (int i = 0; i < 100_000; i++) {
                once(h, src, invite.length);
            }
            long tid = Thread.currentThread().getId();
            int n = 10_000;
            long before = mx.getThreadAllocatedBytes(tid);
            for (int i = 0; i < n; i++) {
                once(h, src, invite.length);
            }
            long perMessage = (mx.getThreadAllocatedBytes(tid) - before) / n;
            // 48 expected once compiled; some slack for code the JIT has not finished with
            assertTrue(perMessage <= 96, "allocated " + perMessage + " bytes per message");
        }
    }

    private static void once(ScriptHarness h, java.nio.ByteBuffer src, int len) {
        h.ctx.load(src, 0, len, org.sipbridge.sip.Framing.DATAGRAM, org.sipbridge.testing.SlotMessage.FROM_CLIENT);
        h.script.runRequest(h.ctx);
    }

    /** Builds the forwarded bytes like the server would, keeping nothing. */
    private static final class ScriptBenchmarkOutbound implements org.sipbridge.core.SipOutbound {
        private static final byte[] VIA = RecordingOutbound.VIA.getBytes(java.nio.charset.StandardCharsets.US_ASCII);

        @Override
        public boolean reply(org.sipbridge.core.SipContext ctx, int code, String reason) {
            ctx.nativeMessage();
            return ctx.slot().buildLocalReply(code, reason, "t") > 0;
        }

        @Override
        public boolean forward(org.sipbridge.core.SipContext ctx, String destination) {
            ctx.nativeMessage();
            return ctx.slot().buildRequest(VIA, VIA.length) > 0;
        }
    }
}
