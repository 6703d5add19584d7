package org.sipbridge.script.pv.tr;

import java.nio.ByteBuffer;

/**
 * {@code name[=value];name[=value]...} in buf[from, to), read in place like 1.11's
 * parse_params: names and values trimmed, a quoted value without its quotes, a parameter
 * without a value has an empty one. Found positions are left in the fields (no allocation).
 */
public final class ParamScan {
    int nameOff, nameLen, valueOff, valueLen;

    /** Finds parameter number index (0 = first); false when there are fewer. */
    boolean at(ByteBuffer buf, int from, int to, int index) {
        int p = from;
        int i = 0;
        while (p < to) {
            int next = field(buf, p, to);
            if (i++ == index) {
                return true;
            }
            p = next;
        }
        return false;
    }

    /** Finds the first parameter named name (ASCII case ignored, or exactly when caseSensitive). */
    boolean named(ByteBuffer buf, int from, int to, byte[] name, int nOff, int nLen, boolean caseSensitive) {
        int p = from;
        while (p < to) {
            int next = field(buf, p, to);
            if (nameLen == nLen && same(buf, nameOff, name, nOff, nLen, caseSensitive)) {
                return true;
            }
            p = next;
        }
        return false;
    }

    int count(ByteBuffer buf, int from, int to) {
        int n = 0;
        int p = from;
        while (p < to) {
            p = field(buf, p, to);
            n++;
        }
        return n;
    }

    /** Reads the parameter starting at p into the fields; returns where the next one starts. */
    private int field(ByteBuffer buf, int p, int to) {
        p = skipBlanks(buf, p, to);
        nameOff = p;
        while (p < to && buf.get(p) != '=' && buf.get(p) != ';') {
            p++;
        }
        int nameEnd = trimEnd(buf, nameOff, p);
        nameLen = nameEnd - nameOff;
        valueOff = p;
        valueLen = 0;
        if (p < to && buf.get(p) == '=') {
            p = skipBlanks(buf, p + 1, to);
            if (p < to && buf.get(p) == '"') {
                int close = p + 1;
                while (close < to && buf.get(close) != '"') {
                    close++;
                }
                valueOff = p + 1;
                valueLen = close - valueOff;
                p = Math.min(to, close + 1);
                while (p < to && buf.get(p) != ';') {
                    p++;
                }
            } else {
                valueOff = p;
                while (p < to && buf.get(p) != ';') {
                    p++;
                }
                valueLen = trimEnd(buf, valueOff, p) - valueOff;
            }
        }
        return p < to ? p + 1 : to;
    }

    private static int skipBlanks(ByteBuffer buf, int p, int to) {
        while (p < to && isBlank(buf.get(p))) {
            p++;
        }
        return p;
    }

    private static int trimEnd(ByteBuffer buf, int from, int end) {
        while (end > from && isBlank(buf.get(end - 1))) {
            end--;
        }
        return end;
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }

    private static boolean same(ByteBuffer buf, int off, byte[] name, int nOff, int len, boolean caseSensitive) {
        for (int k = 0; k < len; k++) {
            int a = buf.get(off + k);
            int b = name[nOff + k];
            if (!caseSensitive) {
                a = a >= 'A' && a <= 'Z' ? a + 32 : a;
                b = b >= 'A' && b <= 'Z' ? b + 32 : b;
            }
            if (a != b) {
                return false;
            }
        }
        return true;
    }
}
