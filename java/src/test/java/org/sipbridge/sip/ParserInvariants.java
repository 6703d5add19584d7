package org.sipbridge.sip;

import java.nio.ByteBuffer;

/**
 * What must hold for ANY input, used by the fuzz test and the mutation test: nothing throws,
 * every offset stays inside the input, the result agrees with the message's own error, the
 * Call-ID locator agrees with a successful parse, and the stream framer agrees with the parser
 * about where a message ends. A violation throws {@link AssertionError}.
 */
final class ParserInvariants {
    private final SipParser parser = new SipParser();
    private final SipMessage msg = new SipMessage();
    private final SipValidator validator = new SipValidator();
    private final StreamFramer framer = new StreamFramer();
    private final Via via = new Via();
    private final NameAddr nameAddr = new NameAddr();
    private final CSeq cseq = new CSeq();
    private final SipUri uri = new SipUri();
    private final HeaderValues values = new HeaderValues();
    private ByteBuffer direct = ByteBuffer.allocateDirect(1 << 16);

    void check(byte[] data) {
        // A direct buffer at an offset, as the transport will hand it over.
        if (direct.capacity() < data.length + 8) {
            direct = ByteBuffer.allocateDirect(data.length + 8);
        }
        ByteBuffer buf = direct;
        buf.clear().position(3);
        buf.put(data);
        buf.limit(3 + data.length); // reading past the input must fail loudly
        int off = 3;
        int len = data.length;
        for (Framing framing : Framing.values()) {
            SipError e = parser.parse(buf, off, len, framing, msg);
            require(e == msg.error(), "returned error differs from msg.error()");
            checkOffsets(off, len);
            validator.validate(msg);
            validator.canReply(msg);
            deepParseEverything();
            if (e == SipError.NONE && msg.headersComplete()) {
                require(CallIdLocator.hash(buf, off, len) == msg.callIdHash(), "Call-ID locator disagrees");
            }
        }
        checkFramer(buf, off, len);
    }

    private void checkOffsets(int off, int len) {
        int end = off + len;
        require(msg.headerCount() >= 0 && msg.headerCount() <= parser.limits().maxHeaders(), "header count");
        for (int i = 0; i < msg.headerCount(); i++) {
            int line = msg.headerLineOffset(i);
            int lineEnd = line + msg.headerLineLength(i);
            require(line >= off && lineEnd <= end && lineEnd > line, "header line outside input");
            require(msg.headerNameOffset(i) == line, "name does not start the line");
            require(msg.headerNameOffset(i) + msg.headerNameLength(i) <= lineEnd, "name outside line");
            int value = msg.headerValueOffset(i);
            require(value >= line && value + msg.headerValueLength(i) <= lineEnd, "value outside line");
            require(msg.headerNameLength(i) > 0 && msg.headerValueLength(i) >= 0, "bad length");
            int first = msg.firstHeader(msg.headerType(i));
            require(first != SipMessage.ABSENT && first <= i, "same-type chain broken");
        }
        if (msg.error() == SipError.NONE) {
            require(msg.offset() >= off && msg.length() > 0 && msg.offset() + msg.length() <= end, "message extent");
            require(msg.bodyOffset() >= off && msg.bodyOffset() + msg.bodyLength() <= end, "body extent");
            require(msg.isRequest() != msg.isResponse(), "request xor response");
        }
        if (msg.isRequest()) {
            require(msg.requestUriOffset() > off && msg.requestUriOffset() + msg.requestUriLength() <= end, "R-URI");
        }
    }

    private void deepParseEverything() {
        ByteBuffer buf = msg.buffer();
        if (msg.isRequest()) {
            msg.requestUri(uri);
        }
        for (int i = 0; i < msg.headerCount(); i++) {
            int off = msg.headerValueOffset(i);
            int len = msg.headerValueLength(i);
            HeaderType type = msg.headerType(i);
            switch (type) {
                case VIA:
                    SipError e = via.parse(buf, off, len);
                    for (int n = 0; e == SipError.NONE && via.hasNext(); n++) {
                        require(n < len, "Via iteration does not advance");
                        e = via.next();
                    }
                    via.rport();
                    via.ttl();
                    break;
                case FROM:
                case TO:
                case CONTACT:
                case ROUTE:
                case RECORD_ROUTE:
                case PATH:
                case P_ASSERTED_IDENTITY:
                case REFER_TO:
                    e = nameAddr.parse(buf, off, len);
                    for (int n = 0; e == SipError.NONE; n++) {
                        require(n <= len, "name-addr iteration does not advance");
                        nameAddr.parseUri(uri);
                        nameAddr.expires();
                        if (!nameAddr.hasNext()) {
                            break;
                        }
                        e = nameAddr.next();
                    }
                    break;
                case CSEQ:
                    cseq.parse(buf, off, len);
                    break;
                default:
                    if (type.isList()) {
                        values.reset(buf, off, len);
                        for (int n = 0; values.next(); n++) {
                            require(n <= len, "list iteration does not advance");
                        }
                    }
            }
        }
        msg.secondVia(via);
        msg.maxForwards();
        msg.expires();
    }

    /** Frame the whole input the way a TCP connection would, then parse each frame. */
    private void checkFramer(ByteBuffer buf, int off, int len) {
        framer.reset();
        int pos = off;
        int end = off + len;
        for (int steps = 0; pos < end; steps++) {
            require(steps <= len, "framer does not advance");
            StreamFramer.Status s = framer.frame(buf, pos, end - pos);
            if (s == StreamFramer.Status.NEED_MORE || s == StreamFramer.Status.BROKEN) {
                return;
            }
            require(framer.length() > 0 && framer.length() <= end - pos, "frame length");
            if (s == StreamFramer.Status.MESSAGE) {
                SipError e = parser.parse(buf, pos, framer.length(), Framing.STREAM, msg);
                require(e != SipError.INCOMPLETE_HEADERS && e != SipError.MISSING_CONTENT_LENGTH
                        && e != SipError.CONTENT_LENGTH_EXCEEDS_MESSAGE && e != SipError.EMPTY_MESSAGE,
                        "framer and parser disagree on the frame: " + e);
                if (e == SipError.NONE) {
                    require(msg.offset() + msg.length() == pos + framer.length(), "frame is not one message");
                }
            }
            pos += framer.length();
        }
    }

    private static void require(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError(what);
        }
    }
}
