package org.sipbridge.script;

import org.sipbridge.core.SipContext;
import org.sipbridge.core.SipOutbound;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A SipOutbound that builds what the server would send, with the slot's native builders,
 * and keeps it: replies with a fixed To-tag, requests with a fixed Via of ours.
 */
public final class RecordingOutbound implements SipOutbound {
    public static final String VIA = "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKsbtest\r\n";
    public static final String TO_TAG = "sbtag";

    /** One message handed to the network: where to (for requests) and the exact bytes. */
    public record Sent(String destination, String text) {
    }

    public final List<Sent> sent = new ArrayList<>();

    @Override
    public boolean reply(SipContext ctx, int code, String reason) {
        ctx.nativeMessage();
        int n = ctx.slot().buildLocalReply(code, reason, code > 100 ? TO_TAG : null);
        sent.add(new Sent(null, output(ctx, n)));
        return true;
    }

    @Override
    public boolean forward(SipContext ctx, String destination) {
        ctx.nativeMessage();
        byte[] via = VIA.getBytes(StandardCharsets.US_ASCII);
        int n = ctx.slot().buildRequest(via, via.length);
        String to = destination != null ? destination : ctx.dstUri() != null ? ctx.dstUri() : ctx.requestUri();
        sent.add(new Sent(to, output(ctx, n)));
        return true;
    }

    private static String output(SipContext ctx, int n) {
        byte[] b = new byte[n];
        ctx.slot().output().get(0, b, 0, n);
        return new String(b, StandardCharsets.UTF_8);
    }

    public Sent only() {
        if (sent.size() != 1) {
            throw new AssertionError("expected one message sent, got " + sent.size() + ": " + sent);
        }
        return sent.get(0);
    }
}
