package org.sipbridge.script.step;

import org.sipbridge.script.run.Flow;
import org.sipbridge.script.run.ScriptState;

/** exit, drop, return(n) and break. */
public final class FlowSteps {
    private FlowSteps() {
    }

    /** exit: stops the script; the message keeps its fate. */
    public static final Step EXIT = new Step() {
        @Override
        public int run(ScriptState s) {
            s.flow |= Flow.EXIT;
            return 0;
        }
    };

    /** drop: stops the script and discards the message (no forward; in onreply_route, the reply). */
    public static final Step DROP = new Step() {
        @Override
        public int run(ScriptState s) {
            s.flow |= Flow.EXIT | Flow.DROP;
            return 0;
        }
    };

    /** break: leaves the innermost switch or while. */
    public static final Step BREAK = new Step() {
        @Override
        public int run(ScriptState s) {
            s.flow |= Flow.BREAK;
            return 1;
        }
    };

    /** return(n): leaves the route with value n (0 also ends the script, as in OpenSIPS). */
    public static Step returning(int value) {
        return new Step() {
            @Override
            public int run(ScriptState s) {
                s.flow |= Flow.RETURN;
                return value;
            }
        };
    }
}
