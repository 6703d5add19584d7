package org.sipbridge.script.step;

import org.sipbridge.script.run.ScriptState;

/**
 * A route block: its statements and the route types it runs in (its own for top-level
 * blocks, its callers' for route[x]). The body is set once the whole script is compiled,
 * so route(x) steps can point at blocks compiled later (or at themselves).
 */
public final class Route {
    private final String name;
    private final int routeTypes;
    private Block body;

    public Route(String name, int routeTypes) {
        this.name = name;
        this.routeTypes = routeTypes;
    }

    /** As written: route, route[relay], failure_route[missed]... */
    public String name() {
        return name;
    }

    public int routeTypes() {
        return routeTypes;
    }

    public void setBody(Block body) {
        this.body = body;
    }

    public int run(ScriptState s) {
        return body.run(s);
    }
}
