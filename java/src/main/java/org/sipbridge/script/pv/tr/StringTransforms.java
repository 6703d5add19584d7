package org.sipbridge.script.pv.tr;

import org.sipbridge.script.run.ScriptState;
import org.sipbridge.script.run.TransformScratch;
import org.sipbridge.script.run.Value;

/** The {@code {s.*}} family, with OpenSIPS 1.11's results. */
final class StringTransforms {
    private static void setRange(ScriptState s, Value v, byte[] src, int off, int len) {
        Transform.setRange(s, v, src, off, len);
    }

    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private StringTransforms() {
    }

    static Transform create(String name, String text, TrArg[] args) {
        return switch (name) {
            case "len" -> simple(text, (s, v) -> {
                v.setInt(v.length());
                return true;
            });
            case "int" -> simple(text, (s, v) -> {
                if (v.hasInt()) {
                    v.setInt(v.intValue());
                    return true;
                }
                long n = strictInt(v);
                if (n == Long.MIN_VALUE) {
                    return false;
                }
                v.setInt((int) n);
                return true;
            });
            case "md5" -> simple(text, StringTransforms::md5);
            case "crc32" -> simple(text, StringTransforms::crc32);
            case "tolower" -> simple(text, (s, v) -> changeCase(s, v, true));
            case "toupper" -> simple(text, (s, v) -> changeCase(s, v, false));
            case "encode.hexa" -> simple(text, StringTransforms::encodeHex);
            case "decode.hexa" -> simple(text, StringTransforms::decodeHex);
            case "hex2dec" -> simple(text, StringTransforms::hexToDec);
            case "dec2hex" -> simple(text, StringTransforms::decToHex);
            case "escape.common" -> simple(text, StringTransforms::escapeCommon);
            case "unescape.common" -> simple(text, StringTransforms::unescapeCommon);
            case "escape.user" -> simple(text, (s, v) -> escape(s, v, USER_KEEP));
            case "unescape.user", "unescape.param" -> simple(text, StringTransforms::unescape);
            case "escape.param" -> simple(text, (s, v) -> escape(s, v, PARAM_KEEP));
            case "substr" -> new Substr(text, args[0], args[1]);
            case "select" -> new Select(text, args[0], args[1].constantText()[0]);
            case "index" -> new Index(text, args[0], args.length > 1 ? args[1] : null, false);
            case "rindex" -> new Index(text, args[0], args.length > 1 ? args[1] : null, true);
            default -> throw new IllegalArgumentException("unknown s." + name);
        };
    }

    @FunctionalInterface
    interface Op {
        boolean apply(ScriptState s, Value v);
    }

    static Transform simple(String text, Op op) {
        return new Transform(text) {
            @Override
            public boolean apply(ScriptState s, Value v) {
                return op.apply(s, v);
            }
        };
    }

    /** 1.11's str2sint: an optional '-' and at least one digit, nothing else; MIN_VALUE when not. */
    static long strictInt(Value v) {
        int n = v.length();
        if (n == 0) {
            return Long.MIN_VALUE;
        }
        int i = 0;
        boolean negative = v.byteAt(0) == '-';
        if (negative) {
            i = 1;
        }
        long r = 0;
        for (; i < n; i++) {
            int d = v.byteAt(i) - '0';
            if (d < 0 || d > 9) {
                return Long.MIN_VALUE;
            }
            r = r * 10 + d;
            if (r > 0xffffffffL) {
                return Long.MIN_VALUE;
            }
        }
        return (int) (negative ? -r : r);
    }

    private static boolean md5(ScriptState s, Value v) {
        TransformScratch x = s.transformScratch();
        java.security.MessageDigest md = x.md5();
        md.reset();
        md.update(v.bytes(), v.offset(), v.length());
        byte[] w = x.work(48);
        try {
            md.digest(w, 0, 16);
        } catch (java.security.DigestException e) {
            return false;
        }
        for (int i = 15; i >= 0; i--) {
            int b = w[i] & 0xff;
            w[16 + 2 * i] = HEX[b >> 4];
            w[17 + 2 * i] = HEX[b & 15];
        }
        setRange(s, v, w, 16, 32);
        return true;
    }

    /** 1.11's crc32_uint: the CRC-32 register without the final inversion, as an unsigned decimal. */
    private static boolean crc32(ScriptState s, Value v) {
        java.util.zip.CRC32 crc = s.transformScratch().crc;
        crc.reset();
        crc.update(v.bytes(), v.offset(), v.length());
        long register = ~crc.getValue() & 0xffffffffL;
        byte[] w = s.transformScratch().work(16);
        int p = 16;
        do {
            w[--p] = (byte) ('0' + register % 10);
            register /= 10;
        } while (register != 0);
        setRange(s, v, w, p, 16 - p);
        return true;
    }

    private static boolean changeCase(ScriptState s, Value v, boolean lower) {
        int n = v.length();
        byte[] w = s.transformScratch().work(n);
        for (int i = 0; i < n; i++) {
            byte b = v.byteAt(i);
            if (lower && b >= 'A' && b <= 'Z') {
                b += 32;
            } else if (!lower && b >= 'a' && b <= 'z') {
                b -= 32;
            }
            w[i] = b;
        }
        setRange(s, v, w, 0, n);
        return true;
    }

    private static boolean encodeHex(ScriptState s, Value v) {
        int n = v.length();
        byte[] w = s.transformScratch().work(2 * n);
        for (int i = 0; i < n; i++) {
            int b = v.byteAt(i) & 0xff;
            w[2 * i] = HEX[b >> 4];
            w[2 * i + 1] = HEX[b & 15];
        }
        setRange(s, v, w, 0, 2 * n);
        return true;
    }

    private static int hexDigit(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private static boolean decodeHex(ScriptState s, Value v) {
        int n = v.length() / 2;
        byte[] w = s.transformScratch().work(n);
        for (int i = 0; i < n; i++) {
            int hi = hexDigit(v.byteAt(2 * i));
            int lo = hexDigit(v.byteAt(2 * i + 1));
            if (hi < 0 || lo < 0) {
                return false;
            }
            w[i] = (byte) (hi << 4 | lo);
        }
        setRange(s, v, w, 0, n);
        return true;
    }

    private static boolean hexToDec(ScriptState s, Value v) {
        if (v.hasInt()) {
            return true; // already a number, as 1.11 leaves it
        }
        int r = 0;
        for (int i = 0; i < v.length(); i++) {
            int d = hexDigit(v.byteAt(i));
            if (d < 0) {
                return false;
            }
            r = r << 4 | d;
        }
        v.setInt(r);
        return true;
    }

    private static boolean decToHex(ScriptState s, Value v) {
        int n;
        if (v.hasInt()) {
            n = v.intValue();
        } else {
            long x = strictInt(v);
            if (x == Long.MIN_VALUE) {
                return false;
            }
            n = (int) x;
        }
        byte[] w = s.transformScratch().work(8);
        int p = 8;
        long u = n & 0xffffffffL;
        do {
            w[--p] = HEX[(int) (u & 15)];
            u >>>= 4;
        } while (u != 0);
        setRange(s, v, w, p, 8 - p);
        return true;
    }

    private static boolean escapeCommon(ScriptState s, Value v) {
        int n = v.length();
        byte[] w = s.transformScratch().work(2 * n);
        int j = 0;
        for (int i = 0; i < n; i++) {
            byte c = v.byteAt(i);
            if (c == '\'' || c == '"' || c == '\\') {
                w[j++] = '\\';
                w[j++] = c;
            } else if (c == 0) {
                w[j++] = '\\';
                w[j++] = '0';
            } else {
                w[j++] = c;
            }
        }
        setRange(s, v, w, 0, j);
        return true;
    }

    private static boolean unescapeCommon(ScriptState s, Value v) {
        int n = v.length();
        byte[] w = s.transformScratch().work(n);
        int j = 0;
        for (int i = 0; i < n; i++) {
            byte c = v.byteAt(i);
            if (c == '\\' && i + 1 < n) {
                byte e = v.byteAt(i + 1);
                if (e == '\'' || e == '"' || e == '\\') {
                    w[j++] = e;
                    i++;
                    continue;
                }
                if (e == '0') {
                    w[j++] = 0;
                    i++;
                    continue;
                }
            }
            w[j++] = c;
        }
        setRange(s, v, w, 0, j);
        return true;
    }

    /** Besides letters and digits: RFC 3261's unreserved marks and the user part's own characters. */
    private static final String USER_KEEP = "-_.!~*'()&=+$,;?/";
    /** Besides letters and digits: the unreserved marks and the parameter's own characters. */
    private static final String PARAM_KEEP = "-_.!~*'()[]/:&+$";

    private static boolean escape(ScriptState s, Value v, String keep) {
        int n = v.length();
        byte[] w = s.transformScratch().work(3 * n);
        int j = 0;
        for (int i = 0; i < n; i++) {
            byte c = v.byteAt(i);
            if (c < 32 || c > 126) {
                return false; // 1.11 refuses characters it cannot escape
            }
            boolean alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            if (alnum || keep.indexOf(c) >= 0) {
                w[j++] = c;
            } else {
                w[j++] = '%';
                w[j++] = HEX[(c >> 4) & 15];
                w[j++] = HEX[c & 15];
            }
        }
        setRange(s, v, w, 0, j);
        return true;
    }

    private static boolean unescape(ScriptState s, Value v) {
        int n = v.length();
        byte[] w = s.transformScratch().work(n);
        int j = 0;
        for (int i = 0; i < n; i++) {
            byte c = v.byteAt(i);
            if (c != '%') {
                w[j++] = c;
                continue;
            }
            if (i + 2 >= n) {
                return false; // a '%' without two hex digits
            }
            int hi = hexDigit(v.byteAt(i + 1));
            int lo = hexDigit(v.byteAt(i + 2));
            int x = hi << 4 | lo;
            if (hi < 0 || lo < 0 || x < 32 || x > 126) {
                return false;
            }
            w[j++] = (byte) x;
            i += 2;
        }
        setRange(s, v, w, 0, j);
        return true;
    }

    /** {s.substr,offset,length}: negative offsets count from the end; length 0 or past the end: to the end. */
    private static final class Substr extends Transform {
        private final TrArg offset;
        private final TrArg length;

        Substr(String text, TrArg offset, TrArg length) {
            super(text);
            this.offset = offset;
            this.length = length;
        }

        @Override
        public boolean apply(ScriptState s, Value v) {
            long from0 = offset.intOf(s);
            long len0 = from0 == TrArg.NO_INT ? TrArg.NO_INT : length.intOf(s);
            if (len0 == TrArg.NO_INT || len0 < 0) {
                return false;
            }
            int i = (int) from0;
            int j = (int) len0;
            int n = v.length();
            int from;
            int len;
            if (i >= 0) {
                if (i >= n) {
                    return false;
                }
                if (i + j >= n) {
                    j = 0;
                }
                from = i;
                len = j == 0 ? n - i : j;
            } else {
                i = -i;
                if (i > n) {
                    return false;
                }
                if (i < j) {
                    j = 0;
                }
                from = n - i;
                len = j == 0 ? i : j;
            }
            setRange(s, v, v.bytes(), v.offset() + from, len);
            return true;
        }
    }

    /** {s.select,index,separator}: the index-th field (negative: from the end), empty when there is none. */
    private static final class Select extends Transform {
        private final TrArg index;
        private final byte separator;

        Select(String text, TrArg index, byte separator) {
            super(text);
            this.index = index;
            this.separator = separator;
        }

        @Override
        public boolean apply(ScriptState s, Value v) {
            long at = index.intOf(s);
            if (at == TrArg.NO_INT) {
                return false;
            }
            int i = (int) at;
            int n = v.length();
            int fieldStart = -1;
            int fieldEnd = -1;
            if (i >= 0) {
                int start = 0;
                for (int p = 0; p <= n; p++) {
                    if (p == n || v.byteAt(p) == separator) {
                        if (i == 0) {
                            fieldStart = start;
                            fieldEnd = p;
                            break;
                        }
                        i--;
                        start = p + 1;
                    }
                }
            } else {
                i = -i - 1;
                int end = n;
                for (int p = n - 1; p >= -1; p--) {
                    if (p == -1 || v.byteAt(p) == separator) {
                        if (i == 0) {
                            fieldStart = p + 1;
                            fieldEnd = end;
                            break;
                        }
                        i--;
                        end = p;
                    }
                }
            }
            if (fieldStart < 0) {
                v.clearString();
            } else {
                setRange(s, v, v.bytes(), v.offset() + fieldStart, fieldEnd - fieldStart);
            }
            return true;
        }
    }

    /** {s.index,needle[,start]} / {s.rindex,...}: the position of the needle, -1 when absent. */
    private static final class Index extends Transform {
        private final TrArg needle;
        private final TrArg start;
        private final boolean reverse;

        Index(String text, TrArg needle, TrArg start, boolean reverse) {
            super(text);
            this.needle = needle;
            this.start = start;
            this.reverse = reverse;
        }

        @Override
        public boolean apply(ScriptState s, Value v) {
            int mark = s.mark();
            Value nd = s.temp();
            Value st = s.temp();
            if (!needle.get(s, nd, false) || (start != null && !start.get(s, st, true))) {
                s.release(mark);
                return false;
            }
            int n = v.length();
            int m = nd.length();
            int i = start != null ? st.intValue() : reverse ? n - 1 : 0;
            if (i < 0) {
                if (n > 0) {
                    i = (-i) % n;
                    if (i > 0) {
                        i = n - i;
                    }
                } else {
                    i = 0;
                }
            }
            int found = -1;
            if (!reverse) {
                if (i < n && m <= n - i) {
                    for (int p = i; p <= n - m; p++) {
                        if (matches(v, p, nd, m)) {
                            found = p;
                            break;
                        }
                    }
                }
            } else if (m <= n) {
                if (i >= n) {
                    i = n - 1;
                }
                if (m > n - i) {
                    i = n - m;
                }
                for (int p = i; p >= 0; p--) {
                    if (matches(v, p, nd, m)) {
                        found = p;
                        break;
                    }
                }
            }
            s.release(mark);
            v.setInt(found);
            return true;
        }

        private static boolean matches(Value v, int at, Value needle, int m) {
            for (int k = 0; k < m; k++) {
                if (v.byteAt(at + k) != needle.byteAt(k)) {
                    return false;
                }
            }
            return true;
        }
    }
}
