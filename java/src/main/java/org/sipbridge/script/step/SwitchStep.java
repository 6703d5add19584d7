package org.sipbridge.script.step;

import org.sipbridge.script.expr.Expr;
import org.sipbridge.script.run.Flow;
import org.sipbridge.script.run.ScriptState;
import org.sipbridge.script.run.Value;

/**
 * switch: the first case whose label equals the subject (integers as numbers, strings
 * ignoring ASCII case, like ==) runs, and falls through to the next cases until a break.
 * No match runs default, if any; the value is the last statement run, 1 when none runs.
 */
public final class SwitchStep extends Step {
    private final Expr subject;
    private final Expr[] labels;      // null for default
    private final Block[] bodies;

    public SwitchStep(Expr subject, Expr[] labels, Block[] bodies) {
        this.subject = subject;
        this.labels = labels;
        this.bodies = bodies;
    }

    @Override
    public int run(ScriptState s) {
        int mark = s.mark();
        Value v = s.temp();
        Value label = s.temp();
        subject.eval(s, v);
        int start = -1;
        int fallback = -1;
        for (int i = 0; i < labels.length && start < 0; i++) {
            if (labels[i] == null) {
                fallback = i;
            } else {
                labels[i].eval(s, label);
                if (SwitchCompare.equal(v, label)) {
                    start = i;
                }
            }
        }
        s.release(mark);
        if (start < 0) {
            start = fallback;
        }
        int ret = 1;
        if (start < 0 || (s.flow & Flow.EXIT) != 0) {
            return (s.flow & Flow.EXIT) != 0 ? 0 : ret;
        }
        for (int i = start; i < bodies.length; i++) {
            ret = bodies[i].run(s);
            if ((s.flow & Flow.BREAK) != 0) {
                s.flow &= ~Flow.BREAK;
                break;
            }
            if ((s.flow & Flow.STOP_LIST) != 0) {
                break;
            }
        }
        return ret;
    }

    /** Case label equality, the rules of ==. */
    static final class SwitchCompare {
        private SwitchCompare() {
        }

        static boolean equal(Value subject, Value label) {
            if (subject.isNull()) {
                return false;
            }
            if (label.isIntTyped()) {
                return subject.isNumeric() && subject.parsedInt(0) == label.intValue();
            }
            return subject.equalsIgnoreCase(label);
        }
    }
}
