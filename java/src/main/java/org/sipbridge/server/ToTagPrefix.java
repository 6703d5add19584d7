package org.sipbridge.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The part of the server's To-tags every worker shares: {@code sb} + 8 hex digits of the
 * server's identity (its listening addresses, so it is stable across restarts). Immutable:
 * the per-message work (parsing the request, hashing) is done by each worker's own
 * {@link ToTags}.
 */
final class ToTagPrefix {
    static final int LENGTH = 10;

    private final byte[] prefix;

    ToTagPrefix(byte[] prefix) {
        if (prefix.length != LENGTH) {
            throw new IllegalArgumentException("a To-tag prefix has 10 characters");
        }
        this.prefix = prefix.clone();
    }

    static ToTagPrefix of(String identity) {
        byte[] id = identity.getBytes(StandardCharsets.UTF_8);
        byte[] p = new byte[LENGTH];
        p[0] = 's';
        p[1] = 'b';
        Hash64.hex8(new Hash64().reset(3).add(id, 0, id.length).value(), p, 2);
        return new ToTagPrefix(p);
    }

    byte[] bytes() {
        return prefix.clone();
    }

    /** Writes the prefix at out[off..); returns off + {@link #LENGTH}. */
    int copyTo(byte[] out, int off) {
        System.arraycopy(prefix, 0, out, off, LENGTH);
        return off + LENGTH;
    }

    /** True when the To tag [off, off+len) has the form of this server's tags. */
    boolean isOurs(ByteBuffer buf, int off, int len) {
        if (len != ToTags.LENGTH || buf.get(off + LENGTH) != '.') {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            if (buf.get(off + i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
