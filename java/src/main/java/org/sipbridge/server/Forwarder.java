package org.sipbridge.server;

import org.sipbridge.core.LogSafe;
import org.sipbridge.core.SipContext;
import org.sipbridge.logging.LogRateLimit;
import org.sipbridge.server.transport.SendResult;
import org.sipbridge.server.transport.SipSender;
import org.sipbridge.sip.SipError;
import org.sipbridge.sip.SipMessage;
import org.sipbridge.sip.Via;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;

/**
 * Stateless forwarding (forward(), forward(uri)): to the given destination, else $du, else
 * the Request-URI (new_uri when the script or a module rewrote it); with a Via of ours on
 * top naming the socket the request leaves from, its branch per RFC 3261 16.11
 * ({@link BranchIds}); lumps from C and Java applied and Content-Length right (the native
 * builder), and received/rport written into the client's Via ({@link ViaStamp}).
 * Max-Forwards is left as the script made it. A destination that is one of our
 * own listeners is refused (a loop). One per worker; nothing allocated per request.
 */
final class Forwarder {
    private static final Logger log = LoggerFactory.getLogger(Forwarder.class);

    private final SipSender sender;
    private final OwnAddresses own;
    private final NextHop next;
    private final BranchIds branches = new BranchIds();
    private final ViaStamp stamp;
    private final Via top = new Via();
    private final ServerCounters counters;
    private final LogRateLimit failureLog;
    private final LogRateLimit loopLog = new LogRateLimit();
    private final byte[] via = new byte[512];

    Forwarder(SipSender sender, OwnAddresses own, NextHop next, ViaStamp stamp, ServerCounters counters,
              LogRateLimit failureLog) {
        this.sender = sender;
        this.stamp = stamp;
        this.own = own;
        this.next = next;
        this.counters = counters;
        this.failureLog = failureLog;
    }

    boolean forward(SipContext ctx, String destination) {
        SipMessage m = ctx.message();
        if (!m.isRequest()) {
            return refuse(ctx, "it is not a request");
        }
        ctx.nativeMessage(); // the view carries new_uri/$du set from Java, and the lumps
        boolean found;
        if (destination != null) {
            found = next.fromText(destination);
        } else if (ctx.dstUri() != null) {
            found = next.fromText(ctx.dstUri());
        } else if (ctx.newUri() != null) {
            found = next.fromText(ctx.newUri());
        } else {
            found = next.fromUri(m.buffer(), m.requestUriOffset(), m.requestUriLength());
        }
        if (!found) {
            return refuse(ctx, next.problem());
        }
        OwnSocket socket = own.sendingSocket(next.proto(), next.address().getAddress());
        if (socket == null) {
            return refuse(ctx, "no " + next.proto().name().toLowerCase(java.util.Locale.ROOT)
                    + " listener of the destination's address family " + next.address());
        }
        if (own.isOwnListener(next.proto(), next.address())) {
            counters.loopsRefused.increment();
            if (loopLog.permit()) {
                log.warn("not forwarding {} from {} to {}: that is this server (a loop){}", LogSafe.text(m.methodName()),
                        ctx.receiveInfo().source(), socket, loopLog.note());
            }
            return false;
        }
        if (m.topVia(top) != SipError.NONE || !stamp.apply(ctx, top)) {
            return refuse(ctx, "cannot add received/rport to its top Via");
        }
        int n = viaLine(socket, m);
        ctx.slot().setSendInfo(socket.sendInfo);
        int length = ctx.slot().buildRequest(via, n);
        ByteBuffer out = ctx.slot().output();
        out.limit(length).position(0);
        SendResult r;
        try {
            r = sender.send(next.proto(), next.address(), out);
        } finally {
            out.clear();
        }
        if (!r.ok()) {
            return refuse(ctx, "the transport answered " + r + " for " + next.address());
        }
        counters.forwarded.increment();
        return true;
    }

    /**
     * A branch of a stateful forward (tm): the request as forward() would send it, to
     * destination (else $du, else the R-URI), but with the given Via branch. Returns the
     * built bytes in the slot's output (position 0, limit = length) and leaves the next hop
     * in the worker's {@link NextHop}; null when it cannot be sent (logged and counted).
     */
    ByteBuffer buildBranch(SipContext ctx, String destination, byte[] branch) {
        SipMessage m = ctx.message();
        ctx.nativeMessage();
        boolean found;
        if (destination != null) {
            found = next.fromText(destination);
        } else if (ctx.dstUri() != null) {
            found = next.fromText(ctx.dstUri());
        } else if (ctx.newUri() != null) {
            found = next.fromText(ctx.newUri());
        } else {
            found = next.fromUri(m.buffer(), m.requestUriOffset(), m.requestUriLength());
        }
        if (!found) {
            refuse(ctx, next.problem());
            return null;
        }
        OwnSocket socket = own.sendingSocket(next.proto(), next.address().getAddress());
        if (socket == null) {
            refuse(ctx, "no " + next.proto().name().toLowerCase(java.util.Locale.ROOT)
                    + " listener of the destination's address family " + next.address());
            return null;
        }
        if (own.isOwnListener(next.proto(), next.address())) {
            counters.loopsRefused.increment();
            if (loopLog.permit()) {
                log.warn("not relaying {} from {} to {}: that is this server (a loop){}", m.methodName(),
                        ctx.receiveInfo().source(), socket, loopLog.note());
            }
            return null;
        }
        if (m.topVia(top) != SipError.NONE || !stamp.apply(ctx, top)) {
            refuse(ctx, "cannot add received/rport to its top Via");
            return null;
        }
        byte[] prefix = socket.viaPrefix;
        System.arraycopy(prefix, 0, via, 0, prefix.length);
        System.arraycopy(branch, 0, via, prefix.length, branch.length);
        int n = prefix.length + branch.length;
        via[n++] = '\r';
        via[n++] = '\n';
        ctx.slot().setSendInfo(socket.sendInfo);
        int length = ctx.slot().buildRequest(via, n);
        ByteBuffer out = ctx.slot().output();
        out.limit(length).position(0);
        return out;
    }

    /** {@code Via: SIP/2.0/<proto> <host>:<port>;branch=<branch>CRLF} into via; its length. */
    private int viaLine(OwnSocket socket, SipMessage m) {
        byte[] prefix = socket.viaPrefix;
        System.arraycopy(prefix, 0, via, 0, prefix.length);
        int n = branches.write(m, via, prefix.length);
        via[n++] = '\r';
        via[n++] = '\n';
        return n;
    }

    private boolean refuse(SipContext ctx, String why) {
        counters.sendFailures.increment();
        if (failureLog.permit()) {
            SipMessage m = ctx.message();
            log.warn("cannot forward {} from {}: {}{}", m.isRequest() ? LogSafe.text(m.methodName()) : "a reply",
                    ctx.receiveInfo() == null ? "?" : ctx.receiveInfo().source(), why, failureLog.note());
        }
        return false;
    }
}
