package org.sipbridge.script.builtin;

import org.sipbridge.module.ModuleException;
import org.sipbridge.sip.SipBytes;
import org.sipbridge.sip.SipMethod;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * is_method's list ("INVITE|BYE" or "INVITE,BYE"), resolved at start into a bit mask of
 * the known methods plus the other names as bytes; matching compares bytes, no allocation.
 */
final class MethodList {
    private final int mask;
    private final byte[][] lowerNames;

    MethodList(String list) {
        int m = 0;
        List<byte[]> names = new ArrayList<>();
        for (String raw : list.split("[|,]")) {
            String name = raw.trim();
            if (name.isEmpty()) {
                throw new ModuleException("is_method: empty method name in <" + list + ">");
            }
            for (SipMethod sm : SipMethod.values()) {
                if (sm != SipMethod.OTHER && sm.name().equalsIgnoreCase(name)) {
                    m |= sm.openSipsId();
                }
            }
            names.add(name.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
        }
        mask = m;
        lowerNames = names.toArray(new byte[0][]);
    }

    /** The method token at buf[off, off+len), already recognised as method. */
    boolean matches(SipMethod method, ByteBuffer buf, int off, int len) {
        if (method != SipMethod.OTHER) {
            return (mask & method.openSipsId()) != 0;
        }
        for (byte[] name : lowerNames) {
            if (SipBytes.equalsIgnoreCase(buf, off, len, name)) {
                return true;
            }
        }
        return false;
    }

}
