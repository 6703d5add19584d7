package org.sipbridge.tm;

import org.sipbridge.sip.CSeq;
import org.sipbridge.sip.Framing;
import org.sipbridge.sip.HeaderType;
import org.sipbridge.sip.SipError;
import org.sipbridge.sip.SipMessage;
import org.sipbridge.sip.SipParser;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The requests a proxy's client transaction makes itself from the request it sent: the
 * CANCEL (RFC 3261 9.1: same Request-URI, Call-ID, From, To, CSeq number, our top Via
 * only, the Route headers) and the ACK of a non-2xx final reply (17.1.1.3: the same, but
 * the To of the reply). Both carry the User-Agent line given (1.11: user_agent_header when
 * server_signature is on), before Content-Length. One per worker (reusable parser).
 */
public final class RequestBuilder {
    private final byte[] userAgentLine;
    private final SipParser parser = new SipParser();
    private final SipMessage sent = new SipMessage();
    private final CSeq cseq = new CSeq();

    /** userAgentLine: "User-Agent: ...\r\n", or null for none. */
    public RequestBuilder(byte[] userAgentLine) {
        this.userAgentLine = userAgentLine == null ? null : userAgentLine.clone();
    }

    public byte[] cancel(byte[] request) {
        return cancel(request, null);
    }

    /** The CANCEL with extra header lines (each ending in CRLF; a Reason), or none when null. */
    public byte[] cancel(byte[] request, byte[] extraHeaders) {
        return build(request, "CANCEL", null, 0, 0, extraHeaders);
    }

    /** The ACK; the To header line is reply's [toOffset, toOffset + toLength) in its buffer. */
    public byte[] ack(byte[] request, ByteBuffer reply, int toOffset, int toLength) {
        return build(request, "ACK", reply, toOffset, toLength, null);
    }

    private byte[] build(byte[] request, String method, ByteBuffer reply, int toOff, int toLen, byte[] extra) {
        ByteBuffer b = ByteBuffer.wrap(request);
        if (parser.parse(b, 0, request.length, Framing.DATAGRAM, sent) != SipError.NONE
                || sent.cseq(cseq) != SipError.NONE) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        write(out, method + " ");
        copy(out, b, sent.requestUriOffset(), sent.requestUriLength());
        write(out, " SIP/2.0\r\n");
        line(out, b, sent.firstHeader(HeaderType.VIA));
        for (int i = sent.firstHeader(HeaderType.ROUTE); i != SipMessage.ABSENT; i = sent.nextHeader(i)) {
            line(out, b, i);
        }
        line(out, b, sent.firstHeader(HeaderType.FROM));
        if (reply != null) {
            crlfLine(out, reply, toOff, toLen);
        } else {
            line(out, b, sent.firstHeader(HeaderType.TO));
        }
        line(out, b, sent.firstHeader(HeaderType.CALL_ID));
        write(out, "CSeq: ");
        copy(out, b, cseq.numberOffset(), cseq.numberLength());
        write(out, " " + method + "\r\n");
        if (extra != null) {
            out.writeBytes(extra);
        }
        write(out, "Max-Forwards: 70\r\n");
        if (userAgentLine != null) {
            out.writeBytes(userAgentLine);
        }
        write(out, "Content-Length: 0\r\n\r\n");
        return out.toByteArray();
    }

    private void line(ByteArrayOutputStream out, ByteBuffer b, int header) {
        if (header != SipMessage.ABSENT) {
            crlfLine(out, b, sent.headerLineOffset(header), sent.headerLineLength(header));
        }
    }

    /** A header line with its line end made CRLF. */
    private static void crlfLine(ByteArrayOutputStream out, ByteBuffer b, int off, int len) {
        int end = off + len;
        if (end > off && b.get(end - 1) == '\n') {
            end--;
            if (end > off && b.get(end - 1) == '\r') {
                end--;
            }
        }
        copy(out, b, off, end - off);
        write(out, "\r\n");
    }

    private static void copy(ByteArrayOutputStream out, ByteBuffer b, int off, int len) {
        for (int i = 0; i < len; i++) {
            out.write(b.get(off + i));
        }
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
    }
}
