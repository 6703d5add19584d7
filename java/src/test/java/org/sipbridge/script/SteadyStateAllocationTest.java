package org.sipbridge.script;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A regression guard for the benchmark's claim: once warm, a message through a typical
 * route allocates (almost) nothing in Java. The 48 bytes left come from the view's receive
 * info (two InetAddress.getAddress() copies per message, in MessageSlot.describe).
 */
class SteadyStateAllocationTest {

    @Test
    void aWarmRouteAllocatesAtMostTheViewsAddressCopies() {
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
            long perMessage = RouteAllocation.bytesPerRequest(h, 100_000, 10_000);
            // 48 expected once compiled; some slack for code the JIT has not finished with
            assertTrue(perMessage <= 96, "allocated " + perMessage + " bytes per message");
        }
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
