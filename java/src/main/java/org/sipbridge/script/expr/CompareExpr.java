package org.sipbridge.script.expr;

import org.sipbridge.script.run.ScriptState;
import org.sipbridge.script.run.Value;

/**
 * {@code == != < <= > >=}. Rules (OpenSIPS 1.11, made total):
 * <ul>
 * <li>against NULL: {@code ==} is true when the value is null, {@code !=} when it is not;</li>
 * <li>a null operand otherwise: only {@code ==} of two nulls and {@code !=} of one null are true;</li>
 * <li>when one side is an integer and both read as integers, they compare as integers
 *     (a header value "70" against 70 compares numerically);</li>
 * <li>otherwise the string forms compare ignoring ASCII case, as OpenSIPS's strncasecmp.</li>
 * </ul>
 */
public final class CompareExpr extends Expr {
    public enum Op { EQ, NE, LT, LE, GT, GE }

    private final Op op;
    private final Expr left;
    private final Expr right;

    public CompareExpr(Op op, Expr left, Expr right) {
        this.op = op;
        this.left = left;
        this.right = right;
    }

    @Override
    public boolean test(ScriptState s) {
        int mark = s.mark();
        Value l = s.temp();
        Value r = s.temp();
        left.eval(s, l);
        right.eval(s, r);
        boolean result = compare(op, l, r);
        s.release(mark);
        return result;
    }

    static boolean compare(Op op, Value l, Value r) {
        if (l.isNull() || r.isNull()) {
            boolean both = l.isNull() && r.isNull();
            return op == Op.EQ ? both : op == Op.NE && !both;
        }
        int c;
        if ((l.isIntTyped() || r.isIntTyped()) && l.isNumeric() && r.isNumeric()) {
            c = Integer.compare(l.parsedInt(0), r.parsedInt(0));
        } else if (op == Op.EQ || op == Op.NE) {
            boolean eq = l.equalsIgnoreCase(r);
            return op == Op.EQ ? eq : !eq;
        } else {
            c = l.compareIgnoreCase(r);
        }
        switch (op) {
            case EQ: return c == 0;
            case NE: return c != 0;
            case LT: return c < 0;
            case LE: return c <= 0;
            case GT: return c > 0;
            default: return c >= 0;
        }
    }

    @Override
    public void eval(ScriptState s, Value out) {
        out.setInt(test(s) ? 1 : 0);
    }
}
