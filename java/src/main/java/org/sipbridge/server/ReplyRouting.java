package org.sipbridge.server;

import org.sipbridge.core.LogSafe;
import org.sipbridge.core.SipContext;
import org.sipbridge.server.transport.SendResult;
import org.sipbridge.sip.SipError;
import org.sipbridge.sip.SipMessage;
import org.sipbridge.sip.SipNumbers;
import org.sipbridge.sip.Via;

import java.nio.ByteBuffer;

/**
 * A received reply, routed statelessly by its Vias: it must carry our Via on top (else it
 * is dropped: it was never sent through us) and a second one to go to. The onreply_route
 * and every module's response_f run ({@code CompiledScript.runReply}; either may drop it);
 * then our Via is removed (the native builder, with lumps) and the reply goes to the next
 * Via per RFC 3261 18.2.2 and RFC 3581: its {@code received} address if present, else its
 * sent-by host; its {@code rport} value if present, else its sent-by port, else 5060; over
 * the transport it names. Only IP literals are sent to: a {@code received} that is not one,
 * or a sent-by name without {@code received}, drops the reply (logged); nothing taken from
 * a reply is ever resolved.
 */
final class ReplyRouting {
    private final Routing r;

    ReplyRouting(Routing routing) {
        this.r = routing;
    }

    void handle(WorkerState w, SipError error) {
        r.counters.replies.increment();
        SipContext ctx = w.ctx;
        SipMessage m = ctx.message();
        if (error != SipError.NONE) {
            r.counters.malformedDropped.increment();
            r.counters.malformed(false, error, ctx.validator().detail());
            if (r.logs.malformed.permit()) {
                ServerLog.logger().warn("dropped a malformed {} reply from {}: {}{}", m.statusCode(),
                        ServerLog.source(ctx.receiveInfo()), error.reason(), r.logs.malformed.note());
            }
            return;
        }
        Via top = w.topVia;
        if (m.topVia(top) != SipError.NONE
                || !r.own.isOurs(m.buffer(), top.hostOffset(), top.hostLength(), top.port())) {
            r.counters.notOurVia.increment();
            if (r.logs.notOurVia.permit()) {
                ServerLog.logger().warn("dropped a {} reply from {}: its top Via <{}> is not this server's{}",
                        m.statusCode(), ServerLog.source(ctx.receiveInfo()), LogSafe.text(m.headerValue(m.firstHeader(
                                org.sipbridge.sip.HeaderType.VIA))), r.logs.notOurVia.note());
            }
            return;
        }
        if (w.tm != null && w.tm.onReply(ctx)) {
            return; // a reply of one of our client transactions
        }
        // As 1.11's receive path: the onreply_route and the modules' response_f (a C tm
        // consumes the replies of its transactions, also of requests it sent itself, which
        // carry only our Via) come before the stateless relay needs a second Via.
        try {
            int outcome = r.script.runReplyOutcome(ctx);
            if (outcome == org.sipbridge.script.CompiledScript.REPLY_DROPPED) {
                r.counters.scriptDropped.increment();
                return;
            }
            if (outcome == org.sipbridge.script.CompiledScript.REPLY_CONSUMED) {
                r.counters.moduleConsumed.increment();   // tm's own reply: not a drop (1.11)
                return;
            }
        } catch (org.sipbridge.module.ModuleBusyException e) {
            r.errorPath.replyDropped(w, e);
            return;
        }
        Via next = w.nextVia;
        if (m.secondVia(next) != SipError.NONE) {
            r.counters.noNextVia.increment();
            if (r.logs.noNextVia.permit()) {
                ServerLog.logger().warn("dropped a {} reply from {}: only our Via, nobody to relay it to{}",
                        m.statusCode(), ServerLog.source(ctx.receiveInfo()), r.logs.noNextVia.note());
            }
            return;
        }
        relay(w, next);
    }

    private void relay(WorkerState w, Via next) {
        SipContext ctx = w.ctx;
        SipMessage m = ctx.message();
        ByteBuffer buf = m.buffer();
        boolean hasReceived = next.receivedOffset() >= 0;
        int hostOff = hasReceived ? next.receivedOffset() : next.hostOffset();
        int hostLen = hasReceived ? next.receivedLength() : next.hostLength();
        if (!IpText.isLiteral(buf, hostOff, hostLen)) {
            // Names from the network are never resolved here. A received must be an IP
            // (RFC 3261 18.2.1); a name as sent-by always got a received when we forwarded
            // the request (ViaStamp), so a Via without one was altered downstream.
            failed(ctx, (hasReceived ? "its next Via's received " : "its next Via's sent-by ")
                    + LogSafe.bytes(buf, hostOff, Math.min(hostLen, 100))
                    + (hasReceived ? " is not an IP address" : " is a name and the Via has no received: not resolved"));
            return;
        }
        long rport = next.rport();
        int port = rport > 0 && rport <= 65535 && rport != SipNumbers.ABSENT ? (int) rport : next.port();
        if (!w.next.fromVia(buf, next.transportOffset(), next.transportLength(), hostOff, hostLen, port)) {
            failed(ctx, w.next.problem());
            return;
        }
        OwnSocket socket = r.own.sendingSocket(w.next.proto(), w.next.address().getAddress());
        if (socket == null) {
            failed(ctx, "no listener to send to " + w.next.address() + " over " + w.next.proto());
            return;
        }
        ctx.nativeMessage();
        ctx.slot().setSendInfo(socket.sendInfo);
        int n = ctx.slot().buildRelayedReply();
        ByteBuffer out = ctx.slot().output();
        out.limit(n).position(0);
        SendResult sent;
        try {
            sent = r.sender.send(w.next.proto(), w.next.address(), out);
        } finally {
            out.clear();
        }
        if (!sent.ok()) {
            failed(ctx, "the transport answered " + sent + " for " + w.next.address());
            return;
        }
        r.counters.relayed.increment();
    }

    private void failed(SipContext ctx, String why) {
        r.counters.sendFailures.increment();
        if (r.logs.relayFailure.permit()) {
            ServerLog.logger().warn("cannot relay a {} reply from {}: {}{}", ctx.message().statusCode(),
                    ServerLog.source(ctx.receiveInfo()), why, r.logs.relayFailure.note());
        }
    }
}
