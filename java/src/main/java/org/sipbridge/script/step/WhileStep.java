package org.sipbridge.script.step;

import org.sipbridge.logging.LogRateLimit;
import org.sipbridge.script.expr.Expr;
import org.sipbridge.script.run.Flow;
import org.sipbridge.script.run.ScriptState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * while: bounded like OpenSIPS's max_while_loops (10000 here): when the body has run that
 * many times the loop stops with an error log, and the script goes on after it.
 */
public final class WhileStep extends Step {
    public static final int MAX_LOOPS = 10000;
    private static final Logger LOG = LoggerFactory.getLogger("org.sipbridge.script");

    private final Expr condition;
    private final Block body;
    private final String location;
    private final int maxLoops;
    private final LogRateLimit errors = new LogRateLimit();

    public WhileStep(Expr condition, Block body, String location, int maxLoops) {
        this.condition = condition;
        this.body = body;
        this.location = location;
        this.maxLoops = maxLoops;
    }

    @Override
    public int run(ScriptState s) {
        int ret = 1;
        int loops = 0;
        while (true) {
            boolean c = condition.test(s);
            if ((s.flow & Flow.EXIT) != 0) {
                return 0;
            }
            if (!c) {
                return ret;
            }
            if (loops++ == maxLoops) {
                if (errors.permit()) {
                    LOG.error("{}: runaway while: more than {} loops, leaving it{}", location, maxLoops, errors.note());
                }
                return ret;
            }
            ret = body.run(s);
            if ((s.flow & Flow.BREAK) != 0) {
                s.flow &= ~Flow.BREAK;
                return ret;
            }
            if ((s.flow & (Flow.EXIT | Flow.RETURN)) != 0) {
                return ret;
            }
        }
    }
}
