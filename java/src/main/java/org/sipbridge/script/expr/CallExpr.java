package org.sipbridge.script.expr;

import org.sipbridge.script.run.BoundCall;
import org.sipbridge.script.run.Flow;
import org.sipbridge.script.run.ScriptState;
import org.sipbridge.script.run.Value;

/**
 * A function call used as a condition or a value: true when it returns more than 0; a 0
 * ends the script (OpenSIPS's EXPR_DROP), its value is the returned integer.
 */
public final class CallExpr extends Expr {
    private final BoundCall call;

    public CallExpr(BoundCall call) {
        this.call = call;
    }

    @Override
    public void eval(ScriptState s, Value out) {
        int r = call.call(s);
        if (r == 0) {
            s.flow |= Flow.EXIT;
        }
        out.setInt(r);
    }

    @Override
    public boolean test(ScriptState s) {
        int r = call.call(s);
        if (r == 0) {
            s.flow |= Flow.EXIT;
        }
        return r > 0;
    }
}
