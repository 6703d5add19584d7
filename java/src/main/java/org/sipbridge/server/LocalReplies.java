package org.sipbridge.server;

import org.sipbridge.core.ReceiveInfo;
import org.sipbridge.core.SipContext;
import org.sipbridge.logging.LogRateLimit;
import org.sipbridge.server.transport.SendResult;
import org.sipbridge.sip.SipMessage;
import org.sipbridge.sip.SipMethod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The server's stateless replies (sl_send_reply, the sl API): built natively from the
 * request's view (its Vias with received/rport, From, To with the server's To-tag for codes
 * above 100, Call-ID, CSeq, reply lumps from C and Java, Content-Length) and sent back along
 * the {@link ResponsePath}. One per worker; no allocation per reply once the few reason
 * phrases a script uses are encoded.
 */
final class LocalReplies {
    private static final Logger log = LoggerFactory.getLogger(LocalReplies.class);
    private static final int REASON_CACHE = 8;

    private final OwnAddresses own;
    private final ToTags toTags;
    private final ResponsePath path;
    private final ServerCounters counters;
    private final LogRateLimit failureLog;
    private final byte[] tag = new byte[ToTags.LENGTH];
    // reason phrases: scripts pass the same few String instances again and again
    private final String[] reasonKeys = new String[REASON_CACHE];
    private final byte[][] reasonBytes = new byte[REASON_CACHE][];
    private int reasonNext;
    private int answeredMessage = -1; // ctx.id() of the last message a reply was sent for

    LocalReplies(OwnAddresses own, ToTags toTags, ResponsePath path, ServerCounters counters, LogRateLimit failureLog) {
        this.own = own;
        this.toTags = toTags;
        this.path = path;
        this.counters = counters;
        this.failureLog = failureLog;
    }

    /** sl_send_reply(code, reason) from the script. */
    boolean reply(SipContext ctx, int code, String reason) {
        byte[] r = encoded(reason);
        return reply(ctx, code, r, r.length, null, 0);
    }

    /**
     * A reply with reason[0..reasonLength); toTag null means the server's own tag (added for
     * codes above 100 when the To has none), else that tag (the sl API's reply_dlg).
     */
    boolean reply(SipContext ctx, int code, byte[] reason, int reasonLength, byte[] toTag, int toTagLength) {
        SipMessage m = ctx.message();
        ReceiveInfo rcv = ctx.receiveInfo();
        if (!m.isRequest() || m.method() == SipMethod.ACK || rcv == null) {
            counters.sendFailures.increment();
            if (failureLog.permit()) {
                log.warn("no reply {} sent: the message is {}{}", code,
                        m.isRequest() ? "an ACK (never answered)" : "not a request", failureLog.note());
            }
            return false;
        }
        ctx.nativeMessage(); // the view, with what Java changed, for the builder
        byte[] t = toTag;
        int tl = toTagLength;
        if (t == null) {
            t = tag;
            tl = code > 100 ? toTags.write(m, tag, 0) : 0;
        }
        OwnSocket socket = own.receivingSocket(rcv);
        if (socket != null) {
            ctx.slot().setSendInfo(socket.sendInfo);
        }
        int n = ctx.slot().buildLocalReply(code, reason, reasonLength, t, tl);
        ByteBuffer out = ctx.slot().output();
        out.limit(n).position(0);
        SendResult r;
        try {
            r = path.send(m, rcv, out);
        } finally {
            out.clear();
        }
        if (!r.ok()) {
            counters.sendFailures.increment();
            if (failureLog.permit()) {
                log.warn("reply {} to {} not sent: {}{}", code, rcv.source(), r, failureLog.note());
            }
            return false;
        }
        counters.localReplies.increment();
        answeredMessage = ctx.id();
        counters.localReply(code);
        return true;
    }

    /** True when a reply was sent for the message with this context id (ctx.id()). */
    boolean answered(int messageId) {
        return answeredMessage == messageId;
    }

    /** The server's To-tag for the request in ctx, written at out[0..); its length. */
    int toTag(SipContext ctx, byte[] out) {
        return toTags.write(ctx.message(), out, 0);
    }

    private byte[] encoded(String reason) {
        for (int i = 0; i < REASON_CACHE; i++) {
            if (reasonKeys[i] == reason) {
                return reasonBytes[i];
            }
        }
        byte[] b = reason.getBytes(StandardCharsets.UTF_8);
        reasonKeys[reasonNext] = reason;
        reasonBytes[reasonNext] = b;
        reasonNext = (reasonNext + 1) % REASON_CACHE;
        return b;
    }
}
