package org.sipbridge.script.pv;

import org.sipbridge.script.run.Value;
import org.sipbridge.sip.SipUri;

import java.nio.ByteBuffer;

/** Reading the parts of a parsed URI into values, and splicing new parts into a URI. */
final class UriParts {
    enum Part { WHOLE, USER, HOST, PORT }

    private UriParts() {
    }

    /** part of uri (parsed over buf) into out; the port is 5060 when the URI names none. */
    static void read(SipUri uri, ByteBuffer buf, Part part, Value out) {
        if (uri == null) {
            out.setNull();
            return;
        }
        switch (part) {
            case WHOLE -> out.copyOf(buf, uri.offset(), uri.length());
            case USER -> MessagePvs.range(out, buf, uri.userOffset(), uri.userLength());
            case HOST -> MessagePvs.range(out, buf, uri.hostOffset(), uri.hostLength());
            case PORT -> out.setInt(uri.hasExplicitPort() ? uri.port() : 5060);
        }
    }

    /**
     * The URI text with one part replaced (null or empty: removed, for the user and the
     * port). Returns null when the part cannot be set on this URI.
     */
    static String replace(SipUri uri, ByteBuffer buf, Part part, String value) {
        int start = uri.offset();
        int end = start + uri.length();
        int hostStart = uri.hostOffset();
        if (hostStart < 0) {
            return null;
        }
        int hostEnd = hostStart + uri.hostLength();
        boolean empty = value == null || value.isEmpty();
        switch (part) {
            case USER: {
                int userStart = uri.userOffset();
                if (userStart < 0) {
                    // no user yet: it goes right after the scheme
                    int at = start + uri.schemeLength() + 1;
                    return empty ? text(buf, start, end) : text(buf, start, at) + value + "@" + text(buf, at, end);
                }
                // a password stays; removing the user removes it with the '@'
                int userEnd = userStart + uri.userLength();
                return empty ? text(buf, start, userStart) + text(buf, hostStart, end)
                        : text(buf, start, userStart) + value + text(buf, userEnd, end);
            }
            case HOST:
                if (empty) {
                    return null;
                }
                return text(buf, start, hostStart) + value + text(buf, hostEnd, end);
            case PORT: {
                int portEnd = hostEnd;
                if (uri.hasExplicitPort()) {
                    portEnd = hostEnd + 1;
                    while (portEnd < end && Character.isDigit(buf.get(portEnd))) {
                        portEnd++;
                    }
                }
                return text(buf, start, hostEnd) + (empty ? "" : ":" + value) + text(buf, portEnd, end);
            }
            default:
                return value;
        }
    }

    private static String text(ByteBuffer buf, int from, int to) {
        byte[] b = new byte[to - from];
        buf.get(from, b, 0, b.length);
        return new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }
}
