package org.sipbridge.server;

import org.sipbridge.core.SipContext;
import org.sipbridge.core.SipOutbound;

/**
 * What the script's sl_send_reply and forward do on a worker (and what C modules reach
 * through the sl API): stateless replies and stateless forwarding over the transport.
 */
final class StatelessOutbound implements SipOutbound {
    private final Forwarder forwarder;
    private final LocalReplies replies;

    StatelessOutbound(Forwarder forwarder, LocalReplies replies) {
        this.forwarder = forwarder;
        this.replies = replies;
    }

    @Override
    public boolean reply(SipContext ctx, int code, String reason) {
        return replies.reply(ctx, code, reason);
    }

    @Override
    public boolean forward(SipContext ctx, String destination) {
        return forwarder.forward(ctx, destination);
    }

    /** The sl API's view of the same worker's replies. */
    LocalReplies replies() {
        return replies;
    }
}
