package org.sipbridge.script.expr;

import org.sipbridge.script.pv.CompiledFormat;
import org.sipbridge.script.pv.Pv;
import org.sipbridge.script.run.ScriptState;
import org.sipbridge.script.run.Value;

/** A pseudo-variable, or a string with pseudo-variables in it, as an operand. */
public final class PvExpr extends Expr {
    private final Pv pv;
    private final CompiledFormat format;

    public PvExpr(Pv pv) {
        this.pv = pv;
        this.format = null;
    }

    public PvExpr(CompiledFormat format) {
        this.pv = null;
        this.format = format;
    }

    @Override
    public void eval(ScriptState s, Value out) {
        if (pv != null) {
            pv.get(s, out);
        } else {
            format.eval(s, out);
        }
    }
}
