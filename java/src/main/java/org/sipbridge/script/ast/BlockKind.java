package org.sipbridge.script.ast;

/**
 * The kind of a top-level block. {@link #routeType()} is the OpenSIPS route type flag
 * (include/route.h) a module function must allow to be called from it; a named
 * {@code route[x]} has none of its own, it takes the types of the blocks that call it.
 */
public enum BlockKind {
    /** {@code route{}} (also written {@code route[0]{}}): the main request route. */
    REQUEST("route", 1),
    /** {@code route[name]{}}: a request sub-route called with {@code route(name)}. */
    SUBROUTE("route", 0),
    FAILURE("failure_route", 2),
    ONREPLY("onreply_route", 4),
    BRANCH("branch_route", 8),
    ERROR("error_route", 16),
    LOCAL("local_route", 32),
    STARTUP("startup_route", 64),
    TIMER("timer_route", 128),
    EVENT("event_route", 256);

    private final String keyword;
    private final int routeType;

    BlockKind(String keyword, int routeType) {
        this.keyword = keyword;
        this.routeType = routeType;
    }

    /** The keyword that opens the block in a configuration file. */
    public String keyword() {
        return keyword;
    }

    /** The route type flag; 0 for {@link #SUBROUTE}, whose types come from its callers. */
    public int routeType() {
        return routeType;
    }
}
