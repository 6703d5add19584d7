package org.sipbridge.module;

/** Route (block) types as OpenSIPS bit flags; a function's flags list where it may run. */
public final class RouteType {
    public static final int REQUEST = 1;
    public static final int FAILURE = 2;
    public static final int ONREPLY = 4;
    public static final int BRANCH = 8;
    public static final int ERROR = 16;
    public static final int LOCAL = 32;
    public static final int STARTUP = 64;
    public static final int TIMER = 128;
    public static final int EVENT = 256;
    public static final int ALL = 511;

    private RouteType() {
    }

    /** The block name of one route type, as a configuration spells it. */
    public static String blockName(int type) {
        switch (type) {
            case REQUEST: return "route";
            case FAILURE: return "failure_route";
            case ONREPLY: return "onreply_route";
            case BRANCH: return "branch_route";
            case ERROR: return "error_route";
            case LOCAL: return "local_route";
            case STARTUP: return "startup_route";
            case TIMER: return "timer_route";
            case EVENT: return "event_route";
            default: return "route type " + type;
        }
    }

    /** "route|onreply_route" for a set of flags. */
    public static String describe(int flags) {
        if (flags == 0) {
            return "none (API only)";
        }
        StringBuilder sb = new StringBuilder();
        for (int t = 1; t <= EVENT; t <<= 1) {
            if ((flags & t) != 0) {
                if (sb.length() > 0) sb.append('|');
                sb.append(blockName(t));
            }
        }
        return sb.toString();
    }
}
