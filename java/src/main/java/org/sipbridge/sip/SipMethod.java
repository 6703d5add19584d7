package org.sipbridge.sip;

import java.nio.ByteBuffer;

/**
 * Request methods the core knows by name. Method names are case-sensitive (RFC 3261 7.1), so
 * "invite" is {@link #OTHER}; for OTHER the token's offsets stay available on the message.
 * {@link #openSipsId()} is the value of OpenSIPS 1.x {@code enum request_method} (a bit flag).
 */
public enum SipMethod {
    INVITE(1),
    CANCEL(2),
    ACK(4),
    BYE(8),
    INFO(16),
    OPTIONS(32),
    UPDATE(64),
    REGISTER(128),
    MESSAGE(256),
    SUBSCRIBE(512),
    NOTIFY(1024),
    PRACK(2048),
    REFER(4096),
    PUBLISH(8192),
    OTHER(16384);

    private static final SipMethod[] VALUES = values();
    private final int openSipsId;
    private final byte[] bytes;

    SipMethod(int openSipsId) {
        this.openSipsId = openSipsId;
        this.bytes = name().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** OpenSIPS METHOD_* value, for building the C view of a message. */
    public int openSipsId() {
        return openSipsId;
    }

    /**
     * Method of the token at [off, off+len): a switch on the length, then one exact comparison
     * per candidate.
     */
    public static SipMethod of(ByteBuffer buf, int off, int len) {
        switch (len) {
            case 3:
                return match(buf, off, ACK, BYE);
            case 4:
                return match(buf, off, INFO, null);
            case 5:
                return match(buf, off, REFER, PRACK);
            case 6:
                SipMethod m = match(buf, off, INVITE, CANCEL);
                return m != OTHER ? m : match(buf, off, UPDATE, NOTIFY);
            case 7:
                m = match(buf, off, OPTIONS, MESSAGE);
                return m != OTHER ? m : match(buf, off, PUBLISH, null);
            case 8:
                return match(buf, off, REGISTER, null);
            case 9:
                return match(buf, off, SUBSCRIBE, null);
            default:
                return OTHER;
        }
    }

    private static SipMethod match(ByteBuffer buf, int off, SipMethod a, SipMethod b) {
        if (a.matches(buf, off)) {
            return a;
        }
        if (b != null && b.matches(buf, off)) {
            return b;
        }
        return OTHER;
    }

    private boolean matches(ByteBuffer buf, int off) {
        for (int i = 0; i < bytes.length; i++) {
            if (buf.get(off + i) != bytes[i]) {
                return false;
            }
        }
        return true;
    }

    static SipMethod ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }
}
