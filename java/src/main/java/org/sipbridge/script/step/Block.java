package org.sipbridge.script.step;

import org.sipbridge.script.run.Flow;
import org.sipbridge.script.run.ScriptState;

import java.util.List;

/** Statements in order; stops after one that sets a flow flag. Its value is the last one run. */
public final class Block extends Step {
    private final Step[] steps;

    public Block(List<Step> steps) {
        this.steps = steps.toArray(new Step[0]);
    }

    public boolean isEmpty() {
        return steps.length == 0;
    }

    @Override
    public int run(ScriptState s) {
        int ret = 1;
        for (Step step : steps) {
            ret = step.run(s);
            if (ret == 0) {
                s.flow |= Flow.EXIT;
            }
            if ((s.flow & Flow.STOP_LIST) != 0) {
                break;
            }
        }
        return ret;
    }
}
