package org.sipbridge.server;

import org.sipbridge.core.LogSafe;
import org.sipbridge.core.SipContext;
import org.sipbridge.module.ModuleBusyException;
import org.sipbridge.server.transport.SendResult;
import org.sipbridge.sip.NameAddr;
import org.sipbridge.sip.SipError;
import org.sipbridge.sip.SipMessage;
import org.sipbridge.sip.SipMethod;

import java.nio.ByteBuffer;

/**
 * A received request: a malformed one is answered (400 with the validator's reason, when
 * enough of it parsed to answer) or dropped; an ACK for one of our own stateless replies
 * ends here; everything else runs the main route, whose sl_send_reply and forward calls do
 * the sending. Shared by the workers; per-worker state lives in {@link WorkerState}.
 */
final class RequestRouting {
    private final Routing r;

    RequestRouting(Routing routing) {
        this.r = routing;
    }

    void handle(WorkerState w, SipError error) {
        r.counters.requests.increment();
        SipContext ctx = w.ctx;
        if (error != SipError.NONE) {
            malformed(w, error);
            return;
        }
        SipMessage m = ctx.message();
        if (w.tm != null && w.tm.absorb(ctx)) {
            return; // a retransmission, or the ACK of a non-2xx reply of a transaction: the transaction's
        }
        if (m.method() == SipMethod.ACK && acknowledgesOurReply(w, m)) {
            r.counters.acksAbsorbed.increment();
            return;
        }
        if (!r.script.hasRequestRoute()) {
            r.counters.scriptDropped.increment();
            if (r.logs.noRoute.permit()) {
                ServerLog.logger().warn("dropped {} from {}: {}{}", LogSafe.text(m.methodName()),
                        ServerLog.source(ctx.receiveInfo()), org.sipbridge.script.ScriptCheck.NO_ROUTE,
                        r.logs.noRoute.note());
            }
            return;
        }
        try {
            r.script.runRequest(ctx);
            if (w.tm != null) {
                w.tm.afterRequest(ctx);
            }
        } catch (ModuleBusyException e) {
            r.errorPath.moduleBusy(w, e);
        }
    }

    /** An ACK whose To-tag is one of ours: the ACK of a negative stateless reply we sent. */
    private boolean acknowledgesOurReply(WorkerState w, SipMessage m) {
        NameAddr to = w.to;
        return m.to(to) == SipError.NONE && to.tagOffset() >= 0
                && r.tagPrefix.isOurs(m.buffer(), to.tagOffset(), to.tagLength());
    }

    private void malformed(WorkerState w, SipError error) {
        SipContext ctx = w.ctx;
        SipMessage m = ctx.message();
        r.counters.malformed(true, error, ctx.validator().detail());
        if (!ctx.validator().canReply(m)) {
            r.counters.malformedDropped.increment();
            r.counters.unanswerableRequests.increment();
            if (r.logs.malformed.permit()) {
                ServerLog.logger().warn("dropped a malformed request from {} that cannot be answered: {}{}",
                        ServerLog.source(ctx.receiveInfo()), describe(ctx, error), r.logs.malformed.note());
            }
            return;
        }
        ByteBuffer reply = w.badRequests.build(m, error, ctx.receiveInfo());
        SendResult sent = w.responses.send(m, ctx.receiveInfo(), reply);
        if (sent.ok()) {
            r.counters.badRequests.increment();
        } else {
            r.counters.sendFailures.increment();
        }
        if (r.logs.badRequest.permit()) {
            ServerLog.logger().warn("malformed {} from {}: {}; answered {} ({}){}", LogSafe.text(m.methodName()),
                    ServerLog.source(ctx.receiveInfo()), describe(ctx, error),
                    error.statusCode() == 0 ? 400 : error.statusCode(), sent, r.logs.badRequest.note());
        }
    }

    private static String describe(SipContext ctx, SipError error) {
        SipError detail = ctx.validator().detail();
        return error.reason() + (detail != SipError.NONE && detail != error ? " (" + detail.reason() + ")" : "");
    }
}
