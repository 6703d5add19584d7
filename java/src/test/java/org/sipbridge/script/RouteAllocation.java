package org.sipbridge.script;

import org.sipbridge.sip.Framing;
import org.sipbridge.testing.SlotMessage;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * What a warm request route allocates in Java: the bytes the calling thread allocates per
 * run of a harness's request route on {@link ScriptHarness#INVITE}, counted by HotSpot's
 * per-thread allocation counter after {@code warmup} runs (the JIT's time).
 */
public final class RouteAllocation {
    private RouteAllocation() {
    }

    public static long bytesPerRequest(ScriptHarness h, int warmup, int measured) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        byte[] invite = ScriptHarness.INVITE.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer src = ByteBuffer.wrap(invite);
        for (int i = 0; i < warmup; i++) {
            once(h, src, invite.length);
        }
        long tid = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < measured; i++) {
            once(h, src, invite.length);
        }
        return (mx.getThreadAllocatedBytes(tid) - before) / measured;
    }

    private static void once(ScriptHarness h, ByteBuffer src, int len) {
        h.ctx.load(src, 0, len, Framing.DATAGRAM, SlotMessage.FROM_CLIENT);
        h.script.runRequest(h.ctx);
    }
}
