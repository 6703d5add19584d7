package org.sipbridge.script.expr;

import org.sipbridge.script.run.ScriptState;
import org.sipbridge.script.run.Value;

/**
 * A compiled expression: evaluated on the worker's state, into a value it is given (no
 * allocation), or tested as a condition.
 */
public abstract class Expr {

    /** The value into out. */
    public abstract void eval(ScriptState s, Value out);

    /**
     * The expression as a condition. Values are true when not null and, for integers, not 0,
     * for strings, not empty. A function call that returns 0 also sets the EXIT flow flag.
     */
    public boolean test(ScriptState s) {
        int mark = s.mark();
        Value v = s.temp();
        eval(s, v);
        boolean r = truth(v);
        s.release(mark);
        return r;
    }

    static boolean truth(Value v) {
        if (v.isNull()) {
            return false;
        }
        if (v.isIntTyped()) {
            return v.intValue() != 0;
        }
        return v.length() > 0;
    }

    /** Expressions whose value never changes are folded at compile time. */
    public boolean isConstant() {
        return false;
    }
}
