package org.sipbridge.server;

import org.sipbridge.core.Proto;
import org.sipbridge.core.ReceiveInfo;
import org.sipbridge.core.SipContext;
import org.sipbridge.sip.SipError;
import org.sipbridge.sip.SipMessage;
import org.sipbridge.sip.Via;
import org.sipbridge.tm.Cell;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Our own replies to a transaction's request (100 Trying, t_reply, 200 to a CANCEL, 487, 408,
 * 500): built from the request with a To tag, sent and kept by the server transaction for
 * retransmissions. The request of a transaction is loaded back into the worker's message slot
 * when the message being processed is another one (a reply, a timer).
 */
final class TmLocalReplies {
    static final byte[] TRYING = ascii("Trying");
    static final byte[] OK = ascii("OK");
    static final byte[] TIMEOUT = ascii("Request Timeout");
    static final byte[] TERMINATED = ascii("Request Terminated");
    static final byte[] UNABLE = ascii("Unable to forward");

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private final TmWorker t;
    private final Via via = new Via();
    private final byte[] tag = new byte[ToTags.LENGTH];
    private final ToTags toTags; // this worker's: its scratch parsers are not shared

    TmLocalReplies(TmWorker t) {
        this.t = t;
        this.toTags = new ToTags(t.r.tagPrefix);
    }

    boolean send(Cell cell, SipContext ctx, int code, byte[] reason) {
        return send(cell, ctx, code, reason, reason.length);
    }

    /** A reply of our own to the cell's request, sent and kept by its server transaction. */
    boolean send(Cell cell, SipContext ctx, int code, byte[] reason, int reasonLength) {
        if (!cell.uas.canReply(code)) {
            return false;
        }
        loadRequest(cell, ctx);
        SipMessage m = ctx.message();
        ctx.nativeMessage();
        int tl = code > 100 ? toTags.write(m, tag, 0) : 0;
        OwnSocket socket = t.r.own.receivingSocket(cell.received);
        if (socket != null) {
            ctx.slot().setSendInfo(socket.sendInfo);
        }
        int n = ctx.slot().buildLocalReply(code, reason, reasonLength, tag, tl);
        byte[] b = new byte[n]; // kept by the server transaction for retransmissions
        ctx.slot().output().get(0, b, 0, n);
        boolean sent = cell.uas.sendReply(code, b, n);
        t.stats.local.increment();
        if (sent) {
            t.stats.finalReply(code);
        }
        t.r.counters.localReplies.increment();
        cell.lastLocal = true;
        if (code >= 200) {
            cell.finalSent = true;
        }
        return sent;
    }

    /** Makes ctx hold the cell's request (a copy of it) unless it already does. */
    void loadRequest(Cell cell, SipContext ctx) {
        if (t.current.isLoaded(cell, ctx)) {
            return;
        }
        SipError e = ctx.load(ByteBuffer.wrap(cell.request), 0, cell.request.length, cell.framing, cell.received);
        if (e != SipError.NONE && t.problems.permit()) {
            TmWorker.log.warn("{}: the kept request parses with {}{}", cell, e, t.problems.note());
        }
        if (cell.newUri != null) {
            ctx.setNewUri(cell.newUri);
        }
        if (cell.dstUri != null) {
            ctx.setDstUri(cell.dstUri);
        }
        ctx.setFlags(cell.flags);
        t.current.loaded(cell, ctx);
    }

    /** Where replies to the request in ctx go (RFC 3261 18.2.2, RFC 3581), as {@link ResponsePath} decides. */
    ReceiveInfo replyTo(SipContext ctx, SipMessage m) {
        ReceiveInfo rcv = ctx.receiveInfo();
        if (rcv.proto() != Proto.UDP || m.topVia(via) != SipError.NONE || via.hasRport()) {
            return rcv;
        }
        int port = via.port() >= 0 ? via.port() : OwnAddresses.SIP_PORT;
        if (port == rcv.source().getPort()) {
            return rcv;
        }
        return new ReceiveInfo(rcv.proto(), new InetSocketAddress(rcv.source().getAddress(), port), rcv.local(), 0);
    }
}
