package org.sipbridge.sip;

/**
 * Why a message (or one of its parts) was rejected. Returned, never thrown, so a flood of bad
 * messages costs no exception construction. {@link #reason()} is a constant suitable as the
 * reason phrase of the response {@link #statusCode()} (0 when no response makes sense).
 */
public enum SipError {
    NONE(0, "OK"),

    // Framing and limits: the header section could not be read completely.
    EMPTY_MESSAGE(0, "Empty message"),
    MESSAGE_TOO_LARGE(513, "Message Too Large"),
    LINE_TOO_LONG(400, "Header Line Too Long"),
    REQUEST_URI_TOO_LONG(414, "Request-URI Too Long"),
    TOO_MANY_HEADERS(400, "Too Many Headers"),
    INCOMPLETE_HEADERS(400, "Header Section Not Terminated"),
    BARE_CR(400, "Bare CR In Header Section"),

    // Start line.
    BAD_START_LINE(400, "Malformed Start Line"),
    BAD_METHOD(400, "Malformed Method"),
    EXTRA_WHITESPACE_IN_REQUEST_LINE(400, "Extra Whitespace In Request-Line"),
    WHITESPACE_IN_REQUEST_URI(400, "Whitespace In Request-URI"),
    BAD_REQUEST_URI(400, "Malformed Request-URI"),
    BAD_VERSION(400, "Malformed SIP Version"),
    VERSION_NOT_SUPPORTED(505, "Version Not Supported"),
    BAD_STATUS_CODE(400, "Malformed Status Code"),

    // Header lines.
    BAD_HEADER_NAME(400, "Malformed Header Name"),
    MISSING_COLON(400, "Header Without Colon"),
    CONTINUATION_WITHOUT_HEADER(400, "Continuation Line Without Header"),

    // Body delimitation.
    BAD_CONTENT_LENGTH(400, "Malformed Content-Length"),
    MISSING_CONTENT_LENGTH(400, "Content-Length Required On Stream"),
    MULTIPLE_CONTENT_LENGTH(400, "Multiple Content-Length Values"),
    CONTENT_LENGTH_EXCEEDS_MESSAGE(400, "Content-Length Larger Than Message"),

    // Validation (SipValidator): message-level semantics.
    MISSING_VIA(400, "Missing Via"),
    MISSING_FROM(400, "Missing From"),
    MISSING_TO(400, "Missing To"),
    MISSING_CALL_ID(400, "Missing Call-ID"),
    MISSING_CSEQ(400, "Missing CSeq"),
    DUPLICATE_FROM(400, "Multiple From Headers"),
    DUPLICATE_TO(400, "Multiple To Headers"),
    DUPLICATE_CALL_ID(400, "Multiple Call-ID Headers"),
    DUPLICATE_CSEQ(400, "Multiple CSeq Headers"),
    DUPLICATE_MAX_FORWARDS(400, "Multiple Max-Forwards Headers"),
    BAD_VIA(400, "Malformed Via"),
    BAD_FROM(400, "Malformed From"),
    BAD_TO(400, "Malformed To"),
    BAD_CALL_ID(400, "Malformed Call-ID"),
    BAD_CSEQ(400, "Malformed CSeq"),
    BAD_CONTACT(400, "Malformed Contact"),
    BAD_MAX_FORWARDS(400, "Malformed Max-Forwards"),
    BAD_EXPIRES(400, "Malformed Expires"),
    CSEQ_NUMBER_TOO_LARGE(400, "CSeq Number Too Large"),
    CSEQ_METHOD_MISMATCH(400, "CSeq Method Does Not Match Request"),
    MAX_FORWARDS_TOO_LARGE(400, "Max-Forwards Too Large"),
    EXPIRES_TOO_LARGE(400, "Expires Too Large"),
    CONTACT_EXPIRES_TOO_LARGE(400, "Contact Expires Too Large"),
    RETRY_AFTER_TOO_LARGE(400, "Retry-After Too Large"),
    REQUEST_URI_HAS_HEADERS(400, "Request-URI Must Not Contain Headers"),

    // Detail of a deep parse (URI, Via, name-addr, CSeq): what exactly was wrong.
    URI_BAD_SCHEME(400, "Malformed URI Scheme"),
    URI_BAD_USER(400, "Malformed URI User"),
    URI_BAD_PASSWORD(400, "Malformed URI Password"),
    URI_BAD_HOST(400, "Malformed URI Host"),
    URI_BAD_PORT(400, "Malformed URI Port"),
    URI_BAD_PARAMETER(400, "Malformed URI Parameter"),
    URI_BAD_HEADERS(400, "Malformed URI Headers"),
    URI_BAD_CHARACTER(400, "Invalid Character In URI"),
    UNTERMINATED_QUOTED_STRING(400, "Unterminated Quoted String"),
    BAD_DISPLAY_NAME(400, "Malformed Display Name"),
    WHITESPACE_IN_ANGLE_BRACKETS(400, "Whitespace Inside Angle Brackets"),
    UNTERMINATED_ANGLE_BRACKET(400, "Unterminated Angle Bracket"),
    URI_NEEDS_ANGLE_BRACKETS(400, "URI With Headers Or Parameters Must Use Angle Brackets"),
    EMPTY_PARAMETER(400, "Empty Parameter"),
    BAD_PARAMETER(400, "Malformed Parameter"),
    TOO_MANY_PARAMETERS(400, "Too Many Parameters"),
    VIA_BAD_SENT_PROTOCOL(400, "Malformed Via Sent-Protocol"),
    VIA_BAD_SENT_BY(400, "Malformed Via Sent-By"),
    VIA_BAD_PORT(400, "Malformed Via Port"),
    CSEQ_BAD_NUMBER(400, "Malformed CSeq Number"),
    CSEQ_BAD_METHOD(400, "Malformed CSeq Method"),
    EMPTY_VALUE(400, "Empty Header Value"),
    TRAILING_GARBAGE(400, "Unexpected Characters After Value");

    private final int statusCode;
    private final String reason;

    SipError(int statusCode, String reason) {
        this.statusCode = statusCode;
        this.reason = reason;
    }

    /** The response a server would send for this error (400, 505, 513), or 0 for none. */
    public int statusCode() {
        return statusCode;
    }

    /** Constant human-readable reason, usable as a SIP reason phrase. */
    public String reason() {
        return reason;
    }

    public boolean isError() {
        return this != NONE;
    }
}
