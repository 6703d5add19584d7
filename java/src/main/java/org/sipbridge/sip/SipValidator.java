package org.sipbridge.sip;

/**
 * The checks a proxy runs after {@link SipParser}: rules that need more than one header or a
 * header's inside (RFC 3261 8.1.1, 8.2.2, 16.3, 18.3, 20; RFC 4475 3.1.2, 3.3). The result is
 * the reason a 400 (or 505, 513) would carry; {@link #canReply} tells whether enough of the
 * request is readable to send that response at all, or whether it must be dropped silently.
 *
 * <p>Holds reusable deep-parse objects: one instance per thread, no allocation per message.
 */
public final class SipValidator {
    private final Via via = new Via();
    private final NameAddr nameAddr = new NameAddr();
    private final CSeq cseq = new CSeq();
    private final SipUri uri = new SipUri();
    private SipError detail = SipError.NONE;
    private int errorOffset = SipMessage.ABSENT;

    /**
     * Validates a parsed message. Returns the parse error if there was one, else the first
     * violated rule, else {@link SipError#NONE}. Checks, in order: required headers (Via, From,
     * To, Call-ID, CSeq; Max-Forwards is not required, for RFC 2543 peers), single-instance
     * headers, the topmost Via (and the second one of a response), From, To, Call-ID, CSeq
     * (number below 2**32, method equal to the request's), the Request-URI (well-formed, no
     * headers), Contact values, Max-Forwards (at most 255), Expires and Retry-After (below
     * 2**32), and for datagrams a Content-Length not larger than the message.
     */
    public SipError validate(SipMessage msg) {
        detail = SipError.NONE;
        errorOffset = SipMessage.ABSENT;
        if (msg.error() != SipError.NONE) {
            errorOffset = msg.errorOffset();
            return msg.error();
        }
        SipError e = requiredHeaders(msg);
        if (e == SipError.NONE) {
            e = singleInstances(msg);
        }
        if (e == SipError.NONE) {
            e = topHeaders(msg);
        }
        if (e == SipError.NONE && msg.isRequest()) {
            e = requestRules(msg);
        }
        if (e == SipError.NONE) {
            e = numbers(msg);
        }
        if (e == SipError.NONE) {
            e = contentLength(msg);
        }
        return e;
    }

    /** The deep-parse error behind the last BAD_* result of {@link #validate} (else NONE). */
    public SipError detail() {
        return detail;
    }

    /** Buffer offset of the value that failed the last {@link #validate}, or ABSENT. */
    public int errorOffset() {
        return errorOffset;
    }

    /**
     * True when a response can be built for this message: it is a request other than ACK, its
     * header section was read completely, and Via, From, To, Call-ID and CSeq are present and
     * parse (the first of each). Otherwise the server should drop it without answering.
     */
    public boolean canReply(SipMessage msg) {
        if (!msg.isRequest() || msg.method() == SipMethod.ACK || !msg.headersComplete()) {
            return false;
        }
        int callId = msg.firstHeader(HeaderType.CALL_ID);
        return callId != SipMessage.ABSENT && msg.headerValueLength(callId) > 0
                && msg.topVia(via) == SipError.NONE
                && msg.from(nameAddr) == SipError.NONE
                && msg.to(nameAddr) == SipError.NONE
                && msg.cseq(cseq) == SipError.NONE;
    }

    private static SipError requiredHeaders(SipMessage msg) {
        if (msg.firstHeader(HeaderType.VIA) == SipMessage.ABSENT) {
            return SipError.MISSING_VIA;
        }
        if (msg.firstHeader(HeaderType.FROM) == SipMessage.ABSENT) {
            return SipError.MISSING_FROM;
        }
        if (msg.firstHeader(HeaderType.TO) == SipMessage.ABSENT) {
            return SipError.MISSING_TO;
        }
        if (msg.firstHeader(HeaderType.CALL_ID) == SipMessage.ABSENT) {
            return SipError.MISSING_CALL_ID;
        }
        if (msg.firstHeader(HeaderType.CSEQ) == SipMessage.ABSENT) {
            return SipError.MISSING_CSEQ;
        }
        return SipError.NONE;
    }

    private SipError singleInstances(SipMessage msg) {
        SipError e = single(msg, HeaderType.FROM, SipError.DUPLICATE_FROM);
        if (e == SipError.NONE) {
            e = single(msg, HeaderType.TO, SipError.DUPLICATE_TO);
        }
        if (e == SipError.NONE) {
            e = single(msg, HeaderType.CALL_ID, SipError.DUPLICATE_CALL_ID);
        }
        if (e == SipError.NONE) {
            e = single(msg, HeaderType.CSEQ, SipError.DUPLICATE_CSEQ);
        }
        if (e == SipError.NONE) {
            e = single(msg, HeaderType.MAX_FORWARDS, SipError.DUPLICATE_MAX_FORWARDS);
        }
        if (e == SipError.NONE) {
            e = single(msg, HeaderType.CONTENT_LENGTH, SipError.MULTIPLE_CONTENT_LENGTH);
        }
        return e;
    }

    private SipError single(SipMessage msg, HeaderType type, SipError duplicate) {
        if (msg.headerCount(type) <= 1) {
            return SipError.NONE;
        }
        errorOffset = msg.headerLineOffset(msg.nextHeader(msg.firstHeader(type)));
        return duplicate;
    }

    /** Via, From, To, Call-ID, CSeq: the headers every response copies. */
    private SipError topHeaders(SipMessage msg) {
        SipError e = deep(msg.topVia(via), SipError.BAD_VIA, via.valueOffset());
        if (e == SipError.NONE && msg.isResponse()) {
            SipError second = msg.secondVia(via);
            if (second != SipError.MISSING_VIA) {
                e = deep(second, SipError.BAD_VIA, via.valueOffset());
            }
        }
        if (e != SipError.NONE) {
            return e;
        }
        e = singleNameAddr(msg, HeaderType.FROM, SipError.BAD_FROM);
        if (e == SipError.NONE) {
            e = singleNameAddr(msg, HeaderType.TO, SipError.BAD_TO);
        }
        if (e == SipError.NONE) {
            e = callId(msg);
        }
        if (e == SipError.NONE) {
            e = deep(msg.cseq(cseq), SipError.BAD_CSEQ, msg.headerValueOffset(msg.firstHeader(HeaderType.CSEQ)));
        }
        if (e == SipError.NONE && cseq.number() == SipNumbers.TOO_LARGE) {
            errorOffset = cseq.numberOffset();
            e = SipError.CSEQ_NUMBER_TOO_LARGE;
        }
        return e;
    }

    private SipError singleNameAddr(SipMessage msg, HeaderType type, SipError bad) {
        int i = msg.firstHeader(type);
        SipError e = nameAddr.parse(msg.buffer(), msg.headerValueOffset(i), msg.headerValueLength(i));
        if (e == SipError.NONE && nameAddr.hasNext()) {
            e = SipError.TRAILING_GARBAGE; // From/To hold exactly one value
        }
        if (e == SipError.NONE && !nameAddr.isStar()) {
            e = nameAddr.parseUri(uri);
        } else if (e == SipError.NONE) {
            e = SipError.URI_BAD_SCHEME;
        }
        return deep(e, bad, msg.headerValueOffset(i));
    }

    /** callid = word [ "@" word ]. */
    private SipError callId(SipMessage msg) {
        int i = msg.firstHeader(HeaderType.CALL_ID);
        int off = msg.headerValueOffset(i);
        int len = msg.headerValueLength(i);
        boolean ok = len > 0;
        int ats = 0;
        for (int p = off; ok && p < off + len; p++) {
            byte b = msg.buffer().get(p);
            if (b == '@') {
                ok = ++ats == 1 && p > off && p < off + len - 1;
            } else {
                ok = CharClass.is(b, CharClass.WORD);
            }
        }
        if (!ok) {
            errorOffset = off;
            return SipError.BAD_CALL_ID;
        }
        return SipError.NONE;
    }

    private SipError requestRules(SipMessage msg) {
        if (!cseq.methodMatches(msg)) {
            errorOffset = cseq.methodOffset();
            return SipError.CSEQ_METHOD_MISMATCH;
        }
        SipError e = msg.requestUri(uri);
        if (e != SipError.NONE) {
            return deep(e, SipError.BAD_REQUEST_URI, msg.requestUriOffset());
        }
        if (uri.hasHeaders()) {
            // RFC 3261 19.1.1 (table 1): headers are not allowed in a Request-URI; RFC 4475
            // 3.1.2.11 lets an element reject such a request.
            errorOffset = uri.headersOffset();
            return SipError.REQUEST_URI_HAS_HEADERS;
        }
        return contacts(msg);
    }

    private SipError contacts(SipMessage msg) {
        for (int i = msg.firstHeader(HeaderType.CONTACT); i != SipMessage.ABSENT; i = msg.nextHeader(i)) {
            SipError e = nameAddr.parse(msg.buffer(), msg.headerValueOffset(i), msg.headerValueLength(i));
            while (true) {
                if (e == SipError.NONE && !nameAddr.isStar()) {
                    e = nameAddr.parseUri(uri);
                }
                if (e != SipError.NONE) {
                    return deep(e, SipError.BAD_CONTACT, nameAddr.valueOffset());
                }
                if (nameAddr.expires() == SipNumbers.TOO_LARGE) {
                    errorOffset = nameAddr.valueOffset();
                    return SipError.CONTACT_EXPIRES_TOO_LARGE;
                }
                if (!nameAddr.hasNext()) {
                    break;
                }
                e = nameAddr.next();
            }
        }
        return SipError.NONE;
    }

    private SipError numbers(SipMessage msg) {
        long maxForwards = msg.maxForwards();
        if (maxForwards == SipNumbers.MALFORMED) {
            return at(msg, HeaderType.MAX_FORWARDS, SipError.BAD_MAX_FORWARDS);
        }
        if (maxForwards == SipNumbers.TOO_LARGE || maxForwards > 255) {
            return at(msg, HeaderType.MAX_FORWARDS, SipError.MAX_FORWARDS_TOO_LARGE);
        }
        long expires = msg.expires();
        if (expires == SipNumbers.MALFORMED) {
            return at(msg, HeaderType.EXPIRES, SipError.BAD_EXPIRES);
        }
        if (expires == SipNumbers.TOO_LARGE) {
            return at(msg, HeaderType.EXPIRES, SipError.EXPIRES_TOO_LARGE);
        }
        int retry = msg.firstHeader(HeaderType.RETRY_AFTER);
        if (retry != SipMessage.ABSENT) {
            // Retry-After = delta-seconds [ comment ] *( SEMI retry-param ): check the digits.
            int off = msg.headerValueOffset(retry);
            int end = off + msg.headerValueLength(retry);
            int p = off;
            while (p < end && CharClass.isDigit(msg.buffer().get(p))) {
                p++;
            }
            if (SipNumbers.parseUInt32(msg.buffer(), off, p - off) == SipNumbers.TOO_LARGE) {
                errorOffset = off;
                return SipError.RETRY_AFTER_TOO_LARGE;
            }
        }
        return SipError.NONE;
    }

    /** RFC 3261 18.3: a datagram whose Content-Length exceeds its body must be rejected. */
    private SipError contentLength(SipMessage msg) {
        if (msg.framing() == Framing.DATAGRAM && msg.contentLength() > msg.bodyLength()) {
            return at(msg, HeaderType.CONTENT_LENGTH, SipError.CONTENT_LENGTH_EXCEEDS_MESSAGE);
        }
        return SipError.NONE;
    }

    private SipError at(SipMessage msg, HeaderType type, SipError e) {
        errorOffset = msg.headerValueOffset(msg.firstHeader(type));
        return e;
    }

    private SipError deep(SipError parseResult, SipError context, int offset) {
        if (parseResult == SipError.NONE) {
            return SipError.NONE;
        }
        detail = parseResult;
        errorOffset = offset;
        return context;
    }
}
