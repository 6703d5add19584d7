package org.sipbridge.script.ast;

import java.util.Arrays;
import java.util.Optional;

/** The OpenSIPS core words usable as operands in conditions, e.g. {@code uri == myself}. */
public enum CoreKeyword {
    URI("uri"),
    /** Same lexical slot as {@code uri} in OpenSIPS; meaningful in reply routes. */
    STATUS("status"),
    METHOD("method"),
    FROM_URI("from_uri"),
    TO_URI("to_uri"),
    SRC_IP("src_ip"),
    SRC_PORT("src_port"),
    DST_IP("dst_ip"),
    DST_PORT("dst_port"),
    PROTO("proto"),
    AF("af"),
    MSG_LEN("msg:len");

    private final String word;

    CoreKeyword(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    public static Optional<CoreKeyword> byWord(String word) {
        return Arrays.stream(values()).filter(k -> k.word.equals(word)).findFirst();
    }
}
