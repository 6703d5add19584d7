package org.sipbridge.script.expr;

import org.sipbridge.logging.LogRateLimit;
import org.sipbridge.script.run.ScriptState;
import org.sipbridge.script.run.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code + - * / % & | ^ << >>} and unary {@code ~ -}, with OpenSIPS 1.11's rules: the left
 * operand decides. An integer on the left needs an integer (or a string that reads as one)
 * on the right and gives an integer; a string on the left only allows {@code +}, which
 * appends the right side's string form ("sip:" + $rU, "n=" + 5). Anything else (int + "abc",
 * "a" - 1, division by 0, a null operand) is logged with its location and gives null.
 */
public final class ArithExpr extends Expr {
    private static final Logger LOG = LoggerFactory.getLogger("org.sipbridge.script");

    public enum Op { ADD, SUB, MUL, DIV, MOD, AND, OR, XOR, SHL, SHR, BIT_NOT, NEGATE }

    private final Op op;
    private final Expr left;
    private final Expr right;
    private final String location;
    private final LogRateLimit errors = new LogRateLimit();

    public ArithExpr(Op op, Expr left, Expr right, String location) {
        this.op = op;
        this.left = left;
        this.right = right;
        this.location = location;
    }

    @Override
    public void eval(ScriptState s, Value out) {
        int mark = s.mark();
        Value l = s.temp();
        left.eval(s, l);
        if (op == Op.BIT_NOT || op == Op.NEGATE) {
            if (!l.isNumeric()) {
                fail(out, "not a number");
            } else {
                int v = l.parsedInt(0);
                out.setInt(op == Op.BIT_NOT ? ~v : -v);
            }
            s.release(mark);
            return;
        }
        Value r = s.temp();
        right.eval(s, r);
        apply(l, r, out);
        s.release(mark);
    }

    /** l op r into out (out may be neither l nor r). */
    void apply(Value l, Value r, Value out) {
        if (l.isNull() || r.isNull()) {
            fail(out, "null operand");
        } else if (l.isIntTyped()) {
            if (!r.isNumeric()) {
                fail(out, "invalid numeric operands");
                return;
            }
            int a = l.intValue();
            int b = r.parsedInt(0);
            switch (op) {
                case ADD -> out.setInt(a + b);
                case SUB -> out.setInt(a - b);
                case MUL -> out.setInt(a * b);
                case DIV -> { if (b == 0) fail(out, "divide by 0"); else out.setInt(a / b); }
                case MOD -> { if (b == 0) fail(out, "divide by 0"); else out.setInt(a % b); }
                case AND -> out.setInt(a & b);
                case OR -> out.setInt(a | b);
                case XOR -> out.setInt(a ^ b);
                case SHL -> out.setInt(a << b);
                case SHR -> out.setInt(a >> b);
                default -> fail(out, "invalid operator");
            }
        } else if (op == Op.ADD) {
            out.copyOf(l);
            out.append(r);
        } else {
            fail(out, "invalid string operator " + op.name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    private void fail(Value out, String why) {
        if (errors.permit()) {
            LOG.error("{}: {}{}", location, why, errors.note());
        }
        out.setNull();
    }
}
