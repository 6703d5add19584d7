package org.sipbridge.core;

import java.nio.ByteBuffer;

/**
 * Text from the network made safe for a log line: control characters (NUL, BEL, ESC, CR,
 * LF, DEL, the C1 range...) are written as {@code \xNN} (CR, LF, tab as {@code \r \n \t}),
 * so a request cannot ring the operator's terminal, repaint it with escape sequences, or
 * forge a second log line. The one helper every log line with received bytes goes through
 * (server log lines, C modules' LM_* records, xlog). Printable text comes back as the same
 * String, without copying.
 */
public final class LogSafe {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private LogSafe() {
    }

    /** s with every control character escaped; s itself when it has none (null stays null). */
    public static String text(String s) {
        if (s == null) {
            return null;
        }
        int n = s.length();
        int i = 0;
        while (i < n && !isControl(s.charAt(i))) {
            i++;
        }
        if (i == n) {
            return s;
        }
        StringBuilder b = new StringBuilder(n + 16).append(s, 0, i);
        for (; i < n; i++) {
            append(b, s.charAt(i));
        }
        return b.toString();
    }

    /** Bytes [off, off+len) of buf as ISO-8859-1 text, escaped. */
    public static String bytes(ByteBuffer buf, int off, int len) {
        StringBuilder b = new StringBuilder(len);
        for (int i = off; i < off + len; i++) {
            append(b, (char) (buf.get(i) & 0xff));
        }
        return b.toString();
    }

    static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f);
    }

    private static void append(StringBuilder b, char c) {
        if (!isControl(c)) {
            b.append(c);
        } else if (c == '\r') {
            b.append("\\r");
        } else if (c == '\n') {
            b.append("\\n");
        } else if (c == '\t') {
            b.append("\\t");
        } else {
            b.append("\\x").append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
        }
    }
}
