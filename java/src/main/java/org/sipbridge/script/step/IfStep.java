package org.sipbridge.script.step;

import org.sipbridge.script.expr.Expr;
import org.sipbridge.script.run.Flow;
import org.sipbridge.script.run.ScriptState;

/** if/else: the value of the branch run, 1 when none runs. */
public final class IfStep extends Step {
    private final Expr condition;
    private final Block then;
    private final Block otherwise;

    public IfStep(Expr condition, Block then, Block otherwise) {
        this.condition = condition;
        this.then = then;
        this.otherwise = otherwise;
    }

    @Override
    public int run(ScriptState s) {
        boolean c = condition.test(s);
        if ((s.flow & Flow.EXIT) != 0) {
            return 0;
        }
        if (c) {
            return then.run(s);
        }
        return otherwise == null ? 1 : otherwise.run(s);
    }
}
