package org.sipbridge.script;

/** How a top-level route ended for a message. */
public enum RunResult {
    /** The route ran to its end or returned. */
    COMPLETED,
    /** exit, return(0) or a function returning 0 stopped it: the message keeps its fate. */
    EXITED,
    /** drop: do not forward (in onreply_route: do not relay the reply). */
    DROPPED;

    public boolean dropped() {
        return this == DROPPED;
    }
}
