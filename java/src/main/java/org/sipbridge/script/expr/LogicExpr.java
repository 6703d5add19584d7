package org.sipbridge.script.expr;

import org.sipbridge.script.run.Flow;
import org.sipbridge.script.run.ScriptState;
import org.sipbridge.script.run.Value;

/** {@code &&}, {@code ||} (short-circuit) and {@code !}; their value is 1 or 0. */
public final class LogicExpr extends Expr {
    public enum Kind { AND, OR, NOT }

    private final Kind kind;
    private final Expr left;
    private final Expr right;

    public LogicExpr(Kind kind, Expr left, Expr right) {
        this.kind = kind;
        this.left = left;
        this.right = right;
    }

    @Override
    public boolean test(ScriptState s) {
        switch (kind) {
            case NOT:
                return !left.test(s);
            case AND:
                return left.test(s) && (s.flow & Flow.EXIT) == 0 && right.test(s);
            default:
                return left.test(s) || ((s.flow & Flow.EXIT) == 0 && right.test(s));
        }
    }

    @Override
    public void eval(ScriptState s, Value out) {
        out.setInt(test(s) ? 1 : 0);
    }
}
