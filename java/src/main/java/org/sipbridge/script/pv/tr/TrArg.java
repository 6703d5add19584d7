package org.sipbridge.script.pv.tr;

import org.sipbridge.script.pv.Pv;
import org.sipbridge.script.run.ScriptState;
import org.sipbridge.script.run.Value;

import java.nio.charset.StandardCharsets;

/** A transformation parameter: a constant (text or number) or a pseudo-variable read per message. */
final class TrArg {
    private final byte[] text;
    private final int number;
    private final boolean isNumber;
    private final Pv variable;

    private TrArg(byte[] text, int number, boolean isNumber, Pv variable) {
        this.text = text;
        this.number = number;
        this.isNumber = isNumber;
        this.variable = variable;
    }

    static TrArg text(String s) {
        return new TrArg(s.getBytes(StandardCharsets.UTF_8), 0, false, null);
    }

    static TrArg number(int n) {
        return new TrArg(Integer.toString(n).getBytes(StandardCharsets.US_ASCII), n, true, null);
    }

    static TrArg variable(Pv pv) {
        return new TrArg(null, 0, false, pv);
    }

    /**
     * The value into out (a scratch value of the caller); false when a pseudo-variable has
     * none or, for wantInt, no integer (1.11 requires an integer value there).
     */
    boolean get(ScriptState s, Value out, boolean wantInt) {
        if (variable == null) {
            if (isNumber) {
                out.setSharedInt(text, number);
            } else {
                out.setShared(text, 0, text.length);
            }
            return !wantInt || isNumber;
        }
        variable.get(s, out);
        if (out.isNull()) {
            return false;
        }
        return wantInt ? out.hasInt() : out.length() > 0;
    }

    /** What {@link #intOf} returns when the parameter has no integer value (outside int's range). */
    static final long NO_INT = Long.MIN_VALUE;

    /** The parameter's integer value, or {@link #NO_INT} when it has none (on a scratch value of s, released again). */
    long intOf(ScriptState s) {
        int mark = s.mark();
        Value a = s.temp();
        long r = get(s, a, true) ? a.intValue() : NO_INT;
        s.release(mark);
        return r;
    }

    /** The constant text (for parameters 1.11 takes as constants only). */
    byte[] constantText() {
        return text;
    }
}
