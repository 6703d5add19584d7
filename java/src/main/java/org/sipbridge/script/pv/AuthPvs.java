package org.sipbridge.script.pv;

import org.sipbridge.script.run.ScriptState;
import org.sipbridge.script.run.Value;
import org.sipbridge.sip.HeaderType;
import org.sipbridge.sip.SipMessage;
import org.sipbridge.sip.SipMethod;

import java.nio.ByteBuffer;

/**
 * The credentials pseudo-variables of 1.11 ($au, $ad, $aU, $ar, $adu, $an, $auth.*): one
 * parameter of the digest credentials in the request's Proxy-Authorization header, else its
 * Authorization header (1.11's order); null for ACK and CANCEL, without credentials, or when
 * the parameter is absent or empty. Read in place from the message buffer (quotes removed).
 */
final class AuthPvs {
    private AuthPvs() {
    }

    /** What of the credentials; USER and DOMAIN split the username at its '@'. */
    enum Part {
        USER("username"), DOMAIN("username"), WHOLE_USER("username"), REALM("realm"), URI("uri"),
        NONCE("nonce"), RESPONSE("response"), CNONCE("cnonce"), OPAQUE("opaque"),
        ALGORITHM("algorithm"), QOP("qop"), NC("nc");

        final String param;

        Part(String param) {
            this.param = param;
        }
    }

    static Pv.Reader reader(Part part) {
        return (s, out) -> read(s, part, out);
    }

    private static void read(ScriptState s, Part part, Value out) {
        SipMessage m = s.message();
        if (!m.isRequest() || m.method() == SipMethod.ACK || m.method() == SipMethod.CANCEL) {
            out.setNull();
            return;
        }
        int h = m.firstHeader(HeaderType.PROXY_AUTHORIZATION);
        if (h < 0) {
            h = m.firstHeader(HeaderType.AUTHORIZATION);
        }
        if (h < 0) {
            out.setNull();
            return;
        }
        ByteBuffer b = m.buffer();
        int start = m.headerValueOffset(h);
        long range = param(b, start, start + m.headerValueLength(h), part.param);
        if (range < 0) {
            out.setNull();
            return;
        }
        int off = (int) (range >>> 32);
        int end = (int) range;
        if (part == Part.USER || part == Part.DOMAIN) {
            int at = indexOf(b, off, end, '@');
            if (part == Part.USER && at >= 0) {
                end = at;
            } else if (part == Part.DOMAIN) {
                if (at < 0) {
                    out.setNull();
                    return;
                }
                off = at + 1;
            }
        }
        if (end <= off) {
            out.setNull();
        } else {
            out.copyOf(b, off, end - off);
        }
    }

    /**
     * The value of parameter name in "Digest a=b, c="d"" within [from, to): (offset << 32) |
     * end of the value without its quotes, or -1 when absent or the scheme is not Digest.
     */
    static long param(ByteBuffer b, int from, int to, String name) {
        int i = skipSpace(b, from, to);
        if (!word(b, i, to, "digest")) {
            return -1;
        }
        i = skipSpace(b, i + 6, to);
        while (i < to) {
            int nameStart = i;
            while (i < to && b.get(i) != '=' && b.get(i) != ',' && !space(b.get(i))) {
                i++;
            }
            int nameEnd = i;
            i = skipSpace(b, i, to);
            int valStart;
            int valEnd;
            if (i < to && b.get(i) == '=') {
                i = skipSpace(b, i + 1, to);
                if (i < to && b.get(i) == '"') {
                    valStart = ++i;
                    while (i < to && b.get(i) != '"') {
                        i += b.get(i) == '\\' ? 2 : 1;
                    }
                    valEnd = Math.min(i, to);
                    i = Math.min(i + 1, to);
                } else {
                    valStart = i;
                    while (i < to && b.get(i) != ',' && !space(b.get(i))) {
                        i++;
                    }
                    valEnd = i;
                }
            } else {
                valStart = valEnd = i;
            }
            if (nameEnd - nameStart == name.length() && word(b, nameStart, nameEnd, name)) {
                return ((long) valStart << 32) | valEnd;
            }
            while (i < to && b.get(i) != ',') {
                i++;
            }
            i = skipSpace(b, i + 1, to);
        }
        return -1;
    }

    private static boolean word(ByteBuffer b, int at, int to, String w) {
        if (to - at < w.length()) {
            return false;
        }
        for (int k = 0; k < w.length(); k++) {
            if (Character.toLowerCase((char) (b.get(at + k) & 0xff)) != w.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(ByteBuffer b, int from, int to, char c) {
        for (int i = from; i < to; i++) {
            if (b.get(i) == c) {
                return i;
            }
        }
        return -1;
    }

    private static boolean space(byte c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static int skipSpace(ByteBuffer b, int i, int to) {
        while (i < to && space(b.get(i))) {
            i++;
        }
        return i;
    }
}
