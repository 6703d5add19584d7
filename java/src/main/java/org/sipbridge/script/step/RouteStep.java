package org.sipbridge.script.step;

import org.sipbridge.logging.LogRateLimit;
import org.sipbridge.script.run.Flow;
import org.sipbridge.script.run.ScriptState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * route(x): runs the block and takes its value (its return(n), else the value of its last
 * statement) into $rc. Nesting is bounded at 100 like OpenSIPS's ROUTE_MAX_REC_LEV: a
 * deeper call is logged and has the value -1, so a recursive route ends instead of
 * overflowing the stack.
 */
public final class RouteStep extends Step {
    public static final int MAX_DEPTH = 100;
    private static final Logger LOG = LoggerFactory.getLogger("org.sipbridge.script");

    private final Route target;
    private final String location;
    private final LogRateLimit errors = new LogRateLimit();

    public RouteStep(Route target, String location) {
        this.target = target;
        this.location = location;
    }

    @Override
    public int run(ScriptState s) {
        if (s.routeDepth >= MAX_DEPTH) {
            if (errors.permit()) {
                LOG.error("{}: too many recursive route() calls ({}), giving up on {}{}", location, s.routeDepth + 1,
                        target.name(), errors.note());
            }
            return -1;
        }
        s.routeDepth++;
        int r = target.run(s);
        s.routeDepth--;
        s.flow &= ~Flow.RETURN;
        s.returnCode = r;
        return r;
    }
}
