package org.sipbridge.sip;

/**
 * RFC 3261 character classes as one flag table, so each grammar check is a single array load.
 * Bytes >= 0x80 belong to no class: SIP grammar only admits them in quoted strings, comments,
 * reason phrases and free-text header values, which the parsers handle explicitly.
 */
final class CharClass {
    /** token: alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~". */
    static final int TOKEN = 1;
    /** unreserved: alphanum / mark ("-" "_" "." "!" "~" "*" "'" "(" ")"). */
    static final int UNRESERVED = 1 << 1;
    /** user-unreserved: "&" "=" "+" "$" "," ";" "?" "/". */
    static final int USER_EXTRA = 1 << 2;
    /** password extra: "&" "=" "+" "$" ",". */
    static final int PASSWORD_EXTRA = 1 << 3;
    /** param-unreserved: "[" "]" "/" ":" "&" "+" "$". */
    static final int PARAM_EXTRA = 1 << 4;
    /** hnv-unreserved: "[" "]" "/" "?" ":" "+" "$". */
    static final int HEADER_EXTRA = 1 << 5;
    /** hostname characters: alphanum "-" ".". */
    static final int HOST = 1 << 6;
    /** hexadecimal digit. */
    static final int HEX = 1 << 7;
    /** Call-ID word: token plus "(" ")" "<" ">" ":" "\" DQUOTE "/" "[" "]" "?" "{" "}". */
    static final int WORD = 1 << 8;
    /** URI scheme characters after the first ALPHA: ALPHA / DIGIT / "+" / "-" / ".". */
    static final int SCHEME = 1 << 9;
    /** ASCII digit. */
    static final int DIGIT = 1 << 10;

    private static final short[] TABLE = new short[256];

    static {
        for (int c = '0'; c <= '9'; c++) {
            add(c, TOKEN | UNRESERVED | HOST | HEX | WORD | SCHEME | DIGIT);
        }
        for (int c = 'a'; c <= 'z'; c++) {
            add(c, TOKEN | UNRESERVED | HOST | WORD | SCHEME);
            add(c - 32, TOKEN | UNRESERVED | HOST | WORD | SCHEME);
        }
        for (int c = 'a'; c <= 'f'; c++) {
            add(c, HEX);
            add(c - 32, HEX);
        }
        addAll("-.!%*_+`'~", TOKEN | WORD);
        addAll("-_.!~*'()", UNRESERVED);
        addAll("&=+$,;?/", USER_EXTRA);
        addAll("&=+$,", PASSWORD_EXTRA);
        addAll("[]/:&+$", PARAM_EXTRA);
        addAll("[]/?:+$", HEADER_EXTRA);
        addAll("-.", HOST);
        addAll("()<>:\\\"/[]?{}", WORD);
        addAll("+-.", SCHEME);
    }

    private CharClass() {
    }

    private static void add(int c, int flags) {
        TABLE[c] |= (short) flags;
    }

    private static void addAll(String chars, int flags) {
        for (int i = 0; i < chars.length(); i++) {
            add(chars.charAt(i), flags);
        }
    }

    static boolean is(int b, int flags) {
        return (TABLE[b & 0xFF] & flags) != 0;
    }

    static boolean isToken(int b) {
        return (TABLE[b & 0xFF] & TOKEN) != 0;
    }

    static boolean isDigit(int b) {
        return b >= '0' && b <= '9';
    }

    static boolean isAlpha(int b) {
        int c = b | 0x20;
        return c >= 'a' && c <= 'z';
    }

    static boolean isHex(int b) {
        return (TABLE[b & 0xFF] & HEX) != 0;
    }

    /** SP or HTAB. */
    static boolean isWsp(int b) {
        return b == ' ' || b == '\t';
    }

    /** Whitespace inside a header value: SP, HTAB, or the CR/LF of a folded line. */
    static boolean isLws(int b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }

    static int hexValue(int b) {
        if (b <= '9') {
            return b - '0';
        }
        return (b | 0x20) - 'a' + 10;
    }
}
