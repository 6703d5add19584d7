package org.sipbridge.script.pv.tr;

import org.sipbridge.script.run.ScriptState;
import org.sipbridge.script.run.Value;

/**
 * One compiled transformation: changes a value in place on the worker's state, allocating
 * nothing once the worker's buffers have grown. Returning false means it does not apply
 * (OpenSIPS 1.11's -1): the pseudo-variable then reads as NULL.
 */
public abstract class Transform {
    private final String text;

    protected Transform(String text) {
        this.text = text;
    }

    /** The transformation as written, for messages. */
    public final String text() {
        return text;
    }

    /** Transforms v (never null-valued when called). */
    public abstract boolean apply(ScriptState s, Value v);

    /** v becomes the bytes src[off, off+len) (src may be v's own buffer). */
    static void setRange(ScriptState s, Value v, byte[] src, int off, int len) {
        int mark = s.mark();
        Value t = s.temp();
        t.clearString().append(src, off, len);
        v.copyOf(t);
        s.release(mark);
    }

    /** v becomes buf[off, off+len), or the empty string when off is negative (absent). */
    static void setRangeOrEmpty(Value v, java.nio.ByteBuffer buf, int off, int len) {
        if (off < 0) {
            v.clearString();
        } else {
            v.copyOf(buf, off, len);
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
