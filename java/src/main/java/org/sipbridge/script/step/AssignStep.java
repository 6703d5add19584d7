package org.sipbridge.script.step;

import org.sipbridge.logging.LogRateLimit;
import org.sipbridge.script.expr.Expr;
import org.sipbridge.script.pv.Pv;
import org.sipbridge.script.run.Flow;
import org.sipbridge.script.run.ScriptState;
import org.sipbridge.script.run.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code $pv = expr}, {@code :=}, and the compound forms (compiled to {@code $pv = $pv op expr}).
 * A NULL value deletes ($avp), clears ($var) or unsets ($du). A value the variable refuses
 * is logged with the location; the statement's value is then -1.
 */
public final class AssignStep extends Step {
    private static final Logger LOG = LoggerFactory.getLogger("org.sipbridge.script");

    private final Pv target;
    private final int kind;
    private final Expr value;     // null: NULL
    private final String location;
    private final LogRateLimit errors = new LogRateLimit();

    public AssignStep(Pv target, int kind, Expr value, String location) {
        this.target = target;
        this.kind = kind;
        this.value = value;
        this.location = location;
    }

    @Override
    public int run(ScriptState s) {
        if (value == null) {
            return done(target.set(s, kind, null), null);
        }
        int mark = s.mark();
        Value v = s.temp();
        value.eval(s, v);
        if ((s.flow & Flow.EXIT) != 0) {
            s.release(mark);
            return 0;
        }
        boolean ok = target.set(s, kind, v.isNull() ? null : v);
        int r = done(ok, v);
        s.release(mark);
        return r;
    }

    private int done(boolean ok, Value v) {
        if (ok) {
            return 1;
        }
        if (errors.permit()) {
            LOG.error("{}: cannot assign {} to {}{}", location, v == null || v.isNull() ? "NULL"
                    : "'" + org.sipbridge.core.LogSafe.text(v.toString()) + "'", target.text(), errors.note());
        }
        return -1;
    }
}
