package org.sipbridge.sip;

/**
 * Header field types the core recognises by name (case-insensitive) or compact form.
 * <ul>
 * <li>{@link #isList()}: the grammar allows several comma-separated values in one field
 * (RFC 3261 7.3.1), so {@link HeaderValues} may split it.</li>
 * <li>{@link #openSipsType()}: the OpenSIPS 1.x {@code hdr_types_t} value, for the C view;
 * headers OpenSIPS does not type are {@code HDR_OTHER_T} (0) there.</li>
 * </ul>
 */
public enum HeaderType {
    VIA("Via", 'v', true, 1),
    TO("To", 't', false, 3),
    FROM("From", 'f', false, 4),
    CSEQ("CSeq", 0, false, 5),
    CALL_ID("Call-ID", 'i', false, 6),
    CONTACT("Contact", 'm', true, 7),
    MAX_FORWARDS("Max-Forwards", 0, false, 8),
    ROUTE("Route", 0, true, 9),
    RECORD_ROUTE("Record-Route", 0, true, 10),
    PATH("Path", 0, true, 11),
    CONTENT_TYPE("Content-Type", 'c', false, 12),
    CONTENT_LENGTH("Content-Length", 'l', false, 13),
    AUTHORIZATION("Authorization", 0, false, 14),
    EXPIRES("Expires", 0, false, 15),
    PROXY_AUTHORIZATION("Proxy-Authorization", 0, false, 16),
    SUPPORTED("Supported", 'k', true, 17),
    PROXY_REQUIRE("Proxy-Require", 0, true, 18),
    UNSUPPORTED("Unsupported", 0, true, 19),
    ALLOW("Allow", 0, true, 20),
    EVENT("Event", 'o', false, 21),
    ACCEPT("Accept", 0, true, 22),
    ACCEPT_LANGUAGE("Accept-Language", 0, true, 23),
    ORGANIZATION("Organization", 0, false, 24),
    PRIORITY("Priority", 0, false, 25),
    SUBJECT("Subject", 's', false, 26),
    USER_AGENT("User-Agent", 0, false, 27),
    ACCEPT_DISPOSITION("Accept-Disposition", 0, true, 28),
    CONTENT_DISPOSITION("Content-Disposition", 0, false, 29),
    DIVERSION("Diversion", 0, true, 30),
    REMOTE_PARTY_ID("Remote-Party-ID", 0, true, 31),
    REFER_TO("Refer-To", 'r', false, 32),
    SESSION_EXPIRES("Session-Expires", 'x', false, 33),
    MIN_SE("Min-SE", 0, false, 34),
    P_PREFERRED_IDENTITY("P-Preferred-Identity", 0, true, 35),
    P_ASSERTED_IDENTITY("P-Asserted-Identity", 0, true, 36),
    PRIVACY("Privacy", 0, false, 37),
    RETRY_AFTER("Retry-After", 0, false, 38),
    CALL_INFO("Call-Info", 0, true, 39),
    WWW_AUTHENTICATE("WWW-Authenticate", 0, false, 40),
    PROXY_AUTHENTICATE("Proxy-Authenticate", 0, false, 41),
    // Known to the core but typed HDR_OTHER_T in OpenSIPS 1.x.
    REQUIRE("Require", 0, true, 0),
    SERVER("Server", 0, false, 0),
    CONTENT_ENCODING("Content-Encoding", 'e', true, 0),
    ALLOW_EVENTS("Allow-Events", 'u', true, 0),
    REFERRED_BY("Referred-By", 'b', false, 0),
    ACCEPT_CONTACT("Accept-Contact", 'a', true, 0),
    REJECT_CONTACT("Reject-Contact", 'j', true, 0),
    REQUEST_DISPOSITION("Request-Disposition", 'd', true, 0),
    IDENTITY("Identity", 'y', false, 0),
    IDENTITY_INFO("Identity-Info", 'n', false, 0),
    DATE("Date", 0, false, 0),
    ACCEPT_ENCODING("Accept-Encoding", 0, true, 0),
    ALERT_INFO("Alert-Info", 0, true, 0),
    ERROR_INFO("Error-Info", 0, true, 0),
    IN_REPLY_TO("In-Reply-To", 0, true, 0),
    WARNING("Warning", 0, true, 0),
    MIN_EXPIRES("Min-Expires", 0, false, 0),
    CONTENT_LANGUAGE("Content-Language", 0, true, 0),
    MIME_VERSION("MIME-Version", 0, false, 0),
    REPLY_TO("Reply-To", 0, false, 0),
    TIMESTAMP("Timestamp", 0, false, 0),
    AUTHENTICATION_INFO("Authentication-Info", 0, false, 0),
    RSEQ("RSeq", 0, false, 0),
    RACK("RAck", 0, false, 0),
    REASON("Reason", 0, true, 0),
    SERVICE_ROUTE("Service-Route", 0, true, 0),
    REPLACES("Replaces", 0, false, 0),
    SUBSCRIPTION_STATE("Subscription-State", 0, false, 0),
    SIP_ETAG("SIP-ETag", 0, false, 0),
    SIP_IF_MATCH("SIP-If-Match", 0, false, 0),
    /** Any header the core does not know; its name is in the header table. */
    OTHER(null, 0, false, 0);

    private static final HeaderType[] VALUES = values();

    private final String canonicalName;
    private final char compactForm;
    private final boolean list;
    private final int openSipsType;

    HeaderType(String canonicalName, int compactForm, boolean list, int openSipsType) {
        this.canonicalName = canonicalName;
        this.compactForm = (char) compactForm;
        this.list = list;
        this.openSipsType = openSipsType;
    }

    /** The name as RFCs spell it ("Call-ID"), or null for {@link #OTHER}. */
    public String canonicalName() {
        return canonicalName;
    }

    /** Lower-case compact form letter, or 0 when the header has none. */
    public char compactForm() {
        return compactForm;
    }

    /** True when several comma-separated values may share one header field. */
    public boolean isList() {
        return list;
    }

    /** OpenSIPS 1.x hdr_types_t value (0 = HDR_OTHER_T). */
    public int openSipsType() {
        return openSipsType;
    }

    /** Type for an ordinal stored in the message's header table. */
    public static HeaderType ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }

    /** Number of types, i.e. the size of arrays indexed by ordinal. */
    public static int count() {
        return VALUES.length;
    }
}
