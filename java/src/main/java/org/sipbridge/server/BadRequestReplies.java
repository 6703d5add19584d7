package org.sipbridge.server;

import org.sipbridge.core.ReceiveInfo;
import org.sipbridge.sip.HeaderType;
import org.sipbridge.sip.NameAddr;
import org.sipbridge.sip.SipError;
import org.sipbridge.sip.SipMessage;
import org.sipbridge.sip.Via;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The answer to a malformed request that can still be answered (the validator's
 * {@code canReply}): {@code 400 <what is wrong>} (or 505, 513 as the error says), built in
 * Java from the parsed header table, because the C view of such a message may be
 * incomplete. It copies what RFC 3261 8.2.6.2 asks for: every Via (the first with
 * {@code received} and {@code rport} as 18.2.2 and RFC 3581 ask), From, To (with the
 * server's To-tag when it has none), Call-ID and CSeq, then {@code Content-Length: 0}.
 * One per worker; an error path, so a little allocation (the source address text) is fine.
 */
final class BadRequestReplies {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] RPORT = "rport".getBytes(StandardCharsets.US_ASCII);

    private final ToTags toTags;
    private final byte[] serverLine; // null: server_signature off
    private final Via via = new Via();
    private final NameAddr to = new NameAddr();
    private byte[] out = new byte[4096];
    private int n;

    BadRequestReplies(ToTags toTags, byte[] serverLine) {
        this.toTags = toTags;
        this.serverLine = serverLine;
    }

    /** Builds the reply to m for error e; the bytes are the returned buffer's position..limit. */
    ByteBuffer build(SipMessage m, SipError e, ReceiveInfo rcv) {
        n = 0;
        ByteBuffer buf = m.buffer();
        int code = e.statusCode() == 0 ? 400 : e.statusCode();
        put("SIP/2.0 " + code + " " + e.reason());
        put(CRLF, 0, 2);
        boolean first = true;
        for (int i = m.firstHeader(HeaderType.VIA); i != SipMessage.ABSENT; i = m.nextHeader(i)) {
            if (first) {
                firstVia(m, i, rcv);
                first = false;
            } else {
                copyHeader(m, i);
            }
        }
        copyHeader(m, m.firstHeader(HeaderType.FROM));
        int t = m.firstHeader(HeaderType.TO);
        put(buf, m.headerLineOffset(t), m.headerValueOffset(t) + m.headerValueLength(t) - m.headerLineOffset(t));
        if (to.parse(buf, m.headerValueOffset(t), m.headerValueLength(t)) == SipError.NONE && to.tagOffset() < 0) {
            put(";tag=");
            ensure(ToTags.LENGTH);
            n = toTags.write(m, out, n);
        }
        put(CRLF, 0, 2);
        copyHeader(m, m.firstHeader(HeaderType.CALL_ID));
        copyHeader(m, m.firstHeader(HeaderType.CSEQ));
        if (serverLine != null) {
            put(serverLine, 0, serverLine.length);
        }
        put("Content-Length: 0\r\n\r\n");
        return ByteBuffer.wrap(out, 0, n);
    }

    /** The first Via header: its first via-parm gets received/rport, the rest is copied. */
    private void firstVia(SipMessage m, int h, ReceiveInfo rcv) {
        ByteBuffer buf = m.buffer();
        int line = m.headerLineOffset(h);
        int valueEnd = m.headerValueOffset(h) + m.headerValueLength(h);
        if (via.parse(buf, m.headerValueOffset(h), m.headerValueLength(h)) != SipError.NONE) {
            copyHeader(m, h); // canReply parsed it; be safe anyway
            return;
        }
        int parmEnd = via.valueOffset() + via.valueLength();
        int rport = via.params().indexOf(RPORT);
        boolean bareRport = rport >= 0 && via.params().valueOffset(rport) < 0;
        if (bareRport) {
            // drop ";rport": it comes back below with its value
            int nameStart = via.params().nameOffset(rport);
            int semicolon = nameStart - 1;
            while (semicolon > line && buf.get(semicolon) != ';') {
                semicolon--;
            }
            put(buf, line, semicolon - line);
            put(buf, nameStart + via.params().nameLength(rport), parmEnd - nameStart - via.params().nameLength(rport));
        } else {
            put(buf, line, parmEnd - line);
        }
        String source = OwnSocket.hostText(rcv.source().getAddress());
        String bareSource = source.startsWith("[") ? source.substring(1, source.length() - 1) : source;
        String host = new String(bytes(buf, via.hostOffset(), via.hostLength()), StandardCharsets.ISO_8859_1);
        boolean differs = !host.equalsIgnoreCase(source) && !host.equalsIgnoreCase(bareSource);
        if ((differs || bareRport) && via.receivedOffset() < 0) { // RFC 3581: with rport, always
            put(";received=" + bareSource);
        }
        if (bareRport) {
            put(";rport=" + rcv.source().getPort());
        }
        put(buf, parmEnd, valueEnd - parmEnd);
        put(CRLF, 0, 2);
    }

    /** A header field as name: value CRLF (a bare LF ending normalised). */
    private void copyHeader(SipMessage m, int h) {
        if (h == SipMessage.ABSENT) {
            return;
        }
        int line = m.headerLineOffset(h);
        put(m.buffer(), line, m.headerValueOffset(h) + m.headerValueLength(h) - line);
        put(CRLF, 0, 2);
    }

    private static byte[] bytes(ByteBuffer buf, int off, int len) {
        byte[] b = new byte[len];
        buf.get(off, b, 0, len);
        return b;
    }

    private void put(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        put(b, 0, b.length);
    }

    private void put(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, out, n, len);
        n += len;
    }

    private void put(ByteBuffer buf, int off, int len) {
        if (len <= 0) {
            return;
        }
        ensure(len);
        buf.get(off, out, n, len);
        n += len;
    }

    private void ensure(int more) {
        if (n + more > out.length) {
            byte[] bigger = new byte[Math.max(out.length * 2, n + more)];
            System.arraycopy(out, 0, bigger, 0, n);
            out = bigger;
        }
    }
}
