package org.sipbridge.server;

import org.sipbridge.core.Proto;
import org.sipbridge.core.ReceiveInfo;
import org.sipbridge.core.SipContext;
import org.sipbridge.sip.CallIdLocator;
import org.sipbridge.sip.Framing;
import org.sipbridge.sip.SipError;
import org.sipbridge.sip.SipMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Start-up warm-up of the per-message Java path, so that the JIT has compiled it before the
 * first real message (a cold JVM otherwise spends its first seconds of traffic interpreting
 * the parser, and at thousands of calls/s loses messages meanwhile; docs/performance.md).
 *
 * <p>Runs on worker 1's thread, after its child_init and before the sockets are read: a
 * stateless call's six messages (INVITE, 180, 200, ACK, BYE, 200) are loaded into the
 * worker's own context over and over and go through what the worker does with each except
 * the script and the send: the Call-ID hash of the receiving thread, parse and validation,
 * the C view, the top and second Via, the branch, the forwarded request and the relayed reply
 * built by the native builders. Nothing is sent, no script route and no module function runs
 * (they could have side effects), no counter moves. Compiled code is shared by every thread,
 * so one worker warms the path for all.
 *
 * <p>{@code -Dsipbridge.warmup=N} sets the number of messages ({@link #DEFAULT_MESSAGES}); 0
 * turns it off.
 */
final class Warmup {
    static final String PROPERTY = "sipbridge.warmup";
    /** Enough for C2 to compile the parser's hot methods (its thresholds are about 10-20k calls). */
    static final int DEFAULT_MESSAGES = 30_000;
    private static final Logger log = LoggerFactory.getLogger(Warmup.class);
    /** Messages the last warm-up of this JVM ran (for tests and diagnostics). */
    private static volatile int lastRun;

    private Warmup() {
    }

    static int lastRun() {
        return lastRun;
    }

    static int configuredMessages() {
        Integer n = Integer.getInteger(PROPERTY);
        return n == null ? DEFAULT_MESSAGES : Math.max(0, n);
    }

    /** Warms up on worker w's thread with up to messages messages; returns how many it ran. */
    static int run(WorkerState w, OwnAddresses own, int messages) {
        OwnSocket socket = null;
        for (OwnSocket s : own.sockets()) {
            if (s.proto == Proto.UDP) {
                socket = s;
                break;
            }
        }
        if (messages <= 0 || socket == null) {
            return 0;
        }
        long start = System.nanoTime();
        byte[][] call = call(socket);
        ReceiveInfo from = new ReceiveInfo(Proto.UDP, new InetSocketAddress(socket.bound.getAddress(), 9),
                socket.bound, 0);
        BranchIds branches = new BranchIds();
        byte[] via = new byte[512];
        ByteBuffer scratch = ByteBuffer.allocate(4096);
        int done = 0;
        long sink = 0;
        try {
            while (done < messages) {
                for (byte[] text : call) {
                    sink += one(w, socket, from, text, branches, via, scratch);
                    done++;
                }
            }
        } catch (RuntimeException e) {
            // never a reason not to start (limits smaller than the synthetic call, say): serve cold
            log.warn("start-up warm-up stopped after {} messages: {}", done, e.toString());
        }
        lastRun = done;
        if (log.isDebugEnabled()) {
            log.debug("warm-up: {} messages in {} ms ({})", done, (System.nanoTime() - start) / 1_000_000, sink & 1);
        }
        return done;
    }

    /** One message through the worker's steps; returns bytes built (kept so nothing is dead code). */
    private static int one(WorkerState w, OwnSocket socket, ReceiveInfo from, byte[] text, BranchIds branches,
                           byte[] via, ByteBuffer scratch) {
        scratch.clear();
        scratch.put(text);
        int hash = CallIdLocator.hash(scratch, 0, text.length);
        SipContext ctx = w.ctx;
        ByteBuffer slot = ctx.buffer();
        slot.clear();
        slot.put(0, text, 0, text.length);
        SipError e = ctx.parseLoaded(text.length, Framing.DATAGRAM, from);
        SipMessage m = ctx.message();
        if (e != SipError.NONE) {
            throw new IllegalStateException("a warm-up message does not pass: " + e.reason());
        }
        int built;
        if (m.isRequest()) {
            m.to(w.to);
            m.topVia(w.topVia);
            ctx.nativeMessage();
            System.arraycopy(socket.viaPrefix, 0, via, 0, socket.viaPrefix.length);
            int n = branches.write(m, via, socket.viaPrefix.length);
            via[n++] = '\r';
            via[n++] = '\n';
            ctx.slot().setSendInfo(socket.sendInfo);
            built = ctx.slot().buildRequest(via, n);
        } else {
            m.topVia(w.topVia);
            m.secondVia(w.nextVia);
            ctx.nativeMessage();
            ctx.slot().setSendInfo(socket.sendInfo);
            built = ctx.slot().buildRelayedReply();
        }
        ctx.slot().output().clear();
        return built ^ hash;
    }

    /** The six messages of a call as the proxy sees them, with the socket's own Via on the replies. */
    private static byte[][] call(OwnSocket socket) {
        String ours = new String(socket.viaPrefix, StandardCharsets.US_ASCII) + "z9hG4bKsbwarmup0000000001\r\n";
        String client = "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-warmup-1;rport\r\n";
        String dialog = "From: \"warm\" <sip:warm@192.0.2.1:5060>;tag=warm-1\r\n"
                + "To: <sip:up@192.0.2.2:5060>%s\r\n"
                + "Call-ID: warmup-1@192.0.2.1\r\n";
        String sdp = "v=0\r\no=user1 53655765 2353687637 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\n"
                + "t=0 0\r\nm=audio 6000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
        String invite = "INVITE sip:up@192.0.2.2:5060 SIP/2.0\r\n" + client + "Max-Forwards: 70\r\n"
                + dialog.formatted("") + "CSeq: 1 INVITE\r\nContact: sip:warm@192.0.2.1:5060\r\n"
                + "Subject: warm-up\r\nContent-Type: application/sdp\r\nContent-Length: " + sdp.length()
                + "\r\n\r\n" + sdp;
        String ringing = "SIP/2.0 180 Ringing\r\n" + ours + client + dialog.formatted(";tag=up-1")
                + "CSeq: 1 INVITE\r\nContact: <sip:up@192.0.2.2:5060>\r\nContent-Length: 0\r\n\r\n";
        String ok = "SIP/2.0 200 OK\r\n" + ours + client + dialog.formatted(";tag=up-1")
                + "CSeq: 1 INVITE\r\nContact: <sip:up@192.0.2.2:5060>\r\nContent-Type: application/sdp\r\n"
                + "Content-Length: " + sdp.length() + "\r\n\r\n" + sdp;
        String ack = "ACK sip:up@192.0.2.2:5060 SIP/2.0\r\n" + client.replace("warmup-1", "warmup-2")
                + "Max-Forwards: 70\r\n" + dialog.formatted(";tag=up-1") + "CSeq: 1 ACK\r\nContent-Length: 0\r\n\r\n";
        String bye = "BYE sip:up@192.0.2.2:5060 SIP/2.0\r\n" + client.replace("warmup-1", "warmup-3")
                + "Max-Forwards: 70\r\n" + dialog.formatted(";tag=up-1") + "CSeq: 2 BYE\r\nContent-Length: 0\r\n\r\n";
        String byeOk = "SIP/2.0 200 OK\r\n" + ours + client.replace("warmup-1", "warmup-3")
                + dialog.formatted(";tag=up-1") + "CSeq: 2 BYE\r\nContent-Length: 0\r\n\r\n";
        String[] all = {invite, ringing, ok, ack, bye, byeOk};
        byte[][] out = new byte[all.length][];
        for (int i = 0; i < all.length; i++) {
            out[i] = all[i].getBytes(StandardCharsets.US_ASCII);
        }
        return out;
    }
}
