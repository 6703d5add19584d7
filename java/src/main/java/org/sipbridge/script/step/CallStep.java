package org.sipbridge.script.step;

import org.sipbridge.script.run.BoundCall;
import org.sipbridge.script.run.ScriptState;

/** A function call statement: its value is the function's result. */
public final class CallStep extends Step {
    private final BoundCall call;

    public CallStep(BoundCall call) {
        this.call = call;
    }

    @Override
    public int run(ScriptState s) {
        return call.call(s);
    }
}
