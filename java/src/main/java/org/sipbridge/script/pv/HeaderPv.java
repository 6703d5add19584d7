package org.sipbridge.script.pv;

import org.sipbridge.script.run.ScriptState;
import org.sipbridge.script.run.Value;
import org.sipbridge.sip.HeaderNames;
import org.sipbridge.sip.HeaderType;
import org.sipbridge.sip.SipBytes;
import org.sipbridge.sip.SipMessage;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * $hdr(Name), $hdr(Name)[n], $hdr(Name)[-n], $hdr(Name)[*]: header fields of the message
 * as received (OpenSIPS semantics: headers added by lumps are not seen until
 * msg_apply_changes()). The name is resolved at start: a known header (compact forms too)
 * is followed through the type chain, any other is compared by name, ignoring case.
 * Indexes count fields: 0 is the first, -1 the last; [*] joins all values with ",".
 */
final class HeaderPv extends Pv {
    static final int ALL = Integer.MIN_VALUE;
    private static final byte[] COMMA = {','};

    private final HeaderType type;
    private final byte[] lowerName;
    private final int index;

    HeaderPv(String text, String name, int index) {
        super(text);
        ByteBuffer b = ByteBuffer.wrap(name.getBytes(StandardCharsets.UTF_8));
        this.type = HeaderNames.lookup(b, 0, b.capacity());
        this.lowerName = name.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
        this.index = index;
    }

    @Override
    public void get(ScriptState s, Value out) {
        SipMessage m = s.message();
        if (index == ALL) {
            out.setNull();
            for (int i = first(m); i >= 0; i = next(m, i)) {
                if (out.isNull()) {
                    out.clearString();
                } else {
                    out.append(COMMA, 0, 1);
                }
                out.append(m.buffer(), m.headerValueOffset(i), m.headerValueLength(i));
            }
            return;
        }
        int wanted = index;
        if (wanted < 0) {
            int n = 0;
            for (int i = first(m); i >= 0; i = next(m, i)) {
                n++;
            }
            wanted = n + index;
            if (wanted < 0) {
                out.setNull();
                return;
            }
        }
        int k = 0;
        for (int i = first(m); i >= 0; i = next(m, i), k++) {
            if (k == wanted) {
                out.copyOf(m.buffer(), m.headerValueOffset(i), m.headerValueLength(i));
                return;
            }
        }
        out.setNull();
    }

    private int first(SipMessage m) {
        if (type != HeaderType.OTHER) {
            return m.firstHeader(type);
        }
        return scan(m, 0);
    }

    private int next(SipMessage m, int i) {
        if (type != HeaderType.OTHER) {
            return m.nextHeader(i);
        }
        return scan(m, i + 1);
    }

    private int scan(SipMessage m, int from) {
        for (int i = from; i < m.headerCount(); i++) {
            if (m.headerType(i) == HeaderType.OTHER && SipBytes.equalsIgnoreCase(m.buffer(), m.headerNameOffset(i), m.headerNameLength(i), lowerName)) {
                return i;
            }
        }
        return -1;
    }

}
