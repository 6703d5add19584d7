package org.sipbridge.script.compile;

import org.sipbridge.module.RouteType;
import org.sipbridge.script.ast.AstWalk;
import org.sipbridge.script.ast.BlockKind;
import org.sipbridge.script.ast.RouteBlock;
import org.sipbridge.script.ast.RouteCall;
import org.sipbridge.script.ast.Script;
import org.sipbridge.script.parse.ConfigException;

import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The route(x) call graph: every target must be a route[x] block ({@code route(0)} is the
 * main route), and a route[x] runs in every route type of the blocks that reach it,
 * directly or through other route[]s (a fixpoint, so recursion is fine here; it is bounded
 * at run time). A route[x] that nothing calls is checked as a request route, as OpenSIPS
 * fixes every route[] as one.
 */
final class RouteGraph {
    private final Map<String, RouteBlock> subRoutes = new LinkedHashMap<>();
    private final RouteBlock mainRoute;
    private final Map<RouteBlock, Integer> types = new IdentityHashMap<>();

    RouteGraph(Script script) {
        mainRoute = script.mainRoute().orElse(null);
        for (RouteBlock b : script.blocks(BlockKind.SUBROUTE)) {
            subRoutes.put(b.name().orElseThrow(), b);
        }
        for (RouteBlock b : script.blocks()) {
            types.put(b, b.kind().routeType());
            for (RouteCall call : AstWalk.routeCalls(b.body())) {
                target(call);
            }
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (RouteBlock b : script.blocks()) {
                int t = types.get(b);
                for (RouteCall call : AstWalk.routeCalls(b.body())) {
                    RouteBlock target = target(call);
                    int before = types.get(target);
                    if ((before | t) != before) {
                        types.put(target, before | t);
                        changed = true;
                    }
                }
            }
        }
        for (RouteBlock b : subRoutes.values()) {
            if (types.get(b) == 0) {
                types.put(b, RouteType.REQUEST);
            }
        }
    }

    /** The block route(x) runs; a ConfigException at the call when there is none. */
    RouteBlock target(RouteCall call) {
        RouteBlock b = call.target().equals("0") ? mainRoute : subRoutes.get(call.target());
        if (b == null) {
            throw new ConfigException(call.location(), "route(" + call.target() + ") calls a route that is not defined",
                    "a route[" + call.target() + "] block");
        }
        return b;
    }

    /** The route types block runs in (RouteType flags). */
    int types(RouteBlock block) {
        return types.get(block);
    }
}
