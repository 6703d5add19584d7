package org.sipbridge.script;

import org.sipbridge.bridge.CoreCalls;
import org.sipbridge.bridge.NativeCore;
import org.sipbridge.core.ReceiveInfo;
import org.sipbridge.core.SipContext;
import org.sipbridge.core.SipOutbound;
import org.sipbridge.module.CurrentMessage;
import org.sipbridge.module.MessageContext;
import org.sipbridge.script.ast.BlockKind;
import org.sipbridge.script.ast.RouteBlock;
import org.sipbridge.script.ast.Script;
import org.sipbridge.script.step.Route;
import org.sipbridge.sip.Framing;
import org.sipbridge.sip.SipError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/**
 * The Java side of native/route.c: the script's blocks in the route tables C modules see
 * (rlist, failure_rlist, onreply_rlist, branch_rlist, local_rlist, error_rlist,
 * startup_rlist, timer_rlist, event_rlist), and run_top_route running the Java-compiled
 * route.
 *
 * <p>Numbering, as OpenSIPS fills its tables while parsing: the main route is rlist[0],
 * the unnamed onreply_route onreply_rlist[0]; named blocks take 1, 2... per table in
 * script order; timer routes take 0, 1...; local, error and startup have one entry.
 *
 * <p>run_top_route on the message the thread is processing runs the route on that
 * message's context (a block inside the current run). On any other message (one C
 * built: tm's faked request, a reply it holds) the route runs on a context of the
 * calling thread that adopts the message: its bytes parsed, its new_uri, dst_uri, flags
 * and lumps, all handed back afterwards. That works on any thread (worker, timer thread,
 * module process); each thread gets its adoption contexts on first use and keeps them
 * (one native slot per nesting level).
 */
public final class NativeRoutes implements CoreCalls.RouteRunner {
    private static final Logger LOG = LoggerFactory.getLogger("org.sipbridge.script");
    static final int T_REQUEST = 0, T_ONREPLY = 1, T_FAILURE = 2, T_BRANCH = 3, T_LOCAL = 4, T_ERROR = 5,
            T_STARTUP = 6, T_TIMER = 7, T_EVENT = 8, TABLES = 9, SIZE = 100;
    static final int ACT_FL_EXIT = 1, ACT_FL_DROP = 4;
    private static final int MAX_NESTING = 8;
    private static NativeRoutes instance;

    /** The script whose routes C runs: its routes by (table, index). */
    private record Active(CompiledScript script, Route[][] routes) {
    }

    private final CoreCalls calls;
    private volatile Active active;
    private volatile Script installed;
    private final ThreadLocal<Adoption> adoption = ThreadLocal.withInitial(Adoption::new);

    /** The adoption contexts of one thread, by nesting level. */
    private static final class Adoption {
        final SipContext[] contexts = new SipContext[MAX_NESTING];
        int depth;
    }

    private NativeRoutes(CoreCalls calls) {
        this.calls = calls;
        calls.sb_route_set_runner(this);
    }

    public static synchronized NativeRoutes get() {
        if (instance == null) {
            instance = new NativeRoutes(NativeCore.get().calls());
        }
        return instance;
    }

    /** (table, index) of a block, or null for a block modules cannot name (route[x] is in rlist). */
    private static int[] position(RouteBlock b, int[] next) {
        BlockKind k = b.kind();
        boolean named = b.name().isPresent();
        return switch (k) {
            case REQUEST -> new int[] {T_REQUEST, 0};
            case SUBROUTE -> new int[] {T_REQUEST, ++next[T_REQUEST]};
            case ONREPLY -> named ? new int[] {T_ONREPLY, ++next[T_ONREPLY]} : new int[] {T_ONREPLY, 0};
            case FAILURE -> new int[] {T_FAILURE, ++next[T_FAILURE]};
            case BRANCH -> new int[] {T_BRANCH, ++next[T_BRANCH]};
            case EVENT -> new int[] {T_EVENT, ++next[T_EVENT]};
            case LOCAL -> new int[] {T_LOCAL, 0};
            case ERROR -> new int[] {T_ERROR, 0};
            case STARTUP -> new int[] {T_STARTUP, 0};
            case TIMER -> new int[] {T_TIMER, next[T_TIMER]++};
        };
    }

    /**
     * Names every block of the script in the native tables: called before the modules'
     * mod_init, which may look routes up by name (get_script_route_ID_by_name).
     */
    public synchronized void install(Script script) {
        calls.sb_route_clear();
        installed = script;
        active = null;
        int[] next = new int[TABLES];
        for (RouteBlock b : script.blocks()) {
            int[] p = position(b, next);
            if (p[1] >= SIZE) {
                LOG.warn("{}: more than {} blocks of this kind: modules cannot run {}", b.location(), SIZE - 1,
                        b.displayName());
                continue;
            }
            String name = b.kind() == BlockKind.REQUEST || (b.kind() == BlockKind.ONREPLY && b.name().isEmpty())
                    ? null : b.name().orElse(null);
            if (calls.sb_route_set(p[0], p[1], name, b.timerInterval().orElse(0), b.location().file(),
                    b.location().line()) != 0) {
                LOG.warn("{}: cannot enter {} in the route tables", b.location(), b.displayName());
            }
        }
    }

    /**
     * Whether the script being compiled (the one installed last) has a block of that kind
     * and name, for a module's bind-time check of a route it is given by name (1.11's
     * get_script_route_ID_by_name in a fixup); true when no script is installed.
     */
    public synchronized boolean installedHas(BlockKind kind, String name) {
        if (installed == null) {
            return true;
        }
        for (RouteBlock b : installed.blocks(kind)) {
            if (b.name().map(name::equals).orElse(false)) {
                return true;
            }
        }
        return false;
    }

    /** The compiled routes of the installed script become what run_top_route runs. */
    synchronized void activate(CompiledScript script, Map<String, Route> byDisplayName) {
        if (installed != script.script()) {
            return;   // another script was installed since
        }
        Route[][] routes = new Route[TABLES][SIZE];
        int[] next = new int[TABLES];
        for (RouteBlock b : script.script().blocks()) {
            int[] p = position(b, next);
            if (p[1] < SIZE) {
                routes[p[0]][p[1]] = byDisplayName.get(b.displayName());
            }
        }
        active = new Active(script, routes);
    }

    /** The script is closing: its routes can no longer run. */
    synchronized void deactivate(CompiledScript script) {
        if (installed == script.script()) {
            calls.sb_route_clear();
            installed = null;
            active = null;
        }
    }

    @Override
    public int run(int table, int index, long msg, int routeType) {
        Active a = active;
        Route r = a == null || table < 0 || table >= TABLES || index < 0 || index >= SIZE ? null : a.routes[table][index];
        if (r == null) {
            LOG.error("run_top_route: no compiled route at table {} index {}", table, index);
            return -1;
        }
        MessageContext current = CurrentMessage.get();
        try {
            if (current instanceof SipContext sc && sc.hasView() && sc.slot().message() == msg) {
                sc.afterNativeCall();   // what the calling module changed
                RunResult rr = a.script.runFromNative(r, routeType, sc, false);
                return flags(rr);
            }
            return runAdopted(a.script, r, routeType, msg, current);
        } catch (RuntimeException e) {
            LOG.error("run_top_route: route {} failed", r.name(), e);
            return -1;
        } finally {
            CurrentMessage.set(current);
        }
    }

    private int runAdopted(CompiledScript script, Route r, int routeType, long msg, MessageContext current) {
        Adoption ad = adoption.get();
        if (ad.depth == MAX_NESTING) {
            LOG.error("run_top_route: more than {} nested runs on messages C built", MAX_NESTING);
            return -1;
        }
        SipContext ctx = ad.contexts[ad.depth];
        if (ctx == null) {
            ctx = ad.contexts[ad.depth] = new SipContext();
        }
        ad.depth++;
        try {
            ReceiveInfo rcv = current instanceof SipContext sc ? sc.receiveInfo() : null;
            ctx.setOutbound(current instanceof SipContext sc ? sc.outbound() : SipOutbound.NONE);
            SipError e = ctx.adopt(msg, rcv, Framing.DATAGRAM);
            if (e != SipError.NONE) {
                ctx.handBack(msg);
                LOG.error("run_top_route: the message C built does not parse ({})", e.reason());
                return -1;
            }
            RunResult rr;
            try {
                rr = script.runFromNative(r, routeType, ctx, true);
            } finally {
                ctx.handBack(msg);
            }
            return flags(rr);
        } finally {
            ad.depth--;
        }
    }

    /**
     * Reads pv on a message C holds (a pv context's message: tm's request or reply), on an
     * adoption context of this thread; false when it does not parse or nesting is too deep.
     */
    public boolean evaluateOn(long msg, org.sipbridge.script.pv.Pv pv, org.sipbridge.script.run.Value out) {
        Adoption ad = adoption.get();
        if (ad.depth == MAX_NESTING) {
            LOG.error("pv context: more than {} nested messages", MAX_NESTING);
            return false;
        }
        MessageContext current = CurrentMessage.get();
        SipContext ctx = ad.contexts[ad.depth];
        if (ctx == null) {
            ctx = ad.contexts[ad.depth] = new SipContext();
        }
        ad.depth++;
        try {
            ReceiveInfo rcv = current instanceof SipContext sc ? sc.receiveInfo() : null;
            SipError e = ctx.adopt(msg, rcv, Framing.DATAGRAM);
            try {
                if (e != SipError.NONE) {
                    LOG.error("pv context: the message does not parse ({})", e.reason());
                    return false;
                }
                CurrentMessage.set(ctx);
                org.sipbridge.script.run.ScriptState st = org.sipbridge.script.run.ScriptState.of(ctx);
                st.startMessage();
                st.startRun();
                pv.get(st, out);
                return true;
            } finally {
                ctx.handBack(msg);
            }
        } finally {
            ad.depth--;
            CurrentMessage.set(current);
        }
    }

    private static int flags(RunResult rr) {
        return switch (rr) {
            case DROPPED -> ACT_FL_DROP | ACT_FL_EXIT;
            case EXITED -> ACT_FL_EXIT;
            case COMPLETED -> 0;
        };
    }

    /** Blocks as numbered in the tables (for the start-up summary and tests). */
    static List<String> describe(Script script) {
        int[] next = new int[TABLES];
        return script.blocks().stream().map(b -> {
            int[] p = position(b, next);
            return b.displayName() + " -> table " + p[0] + " index " + p[1];
        }).toList();
    }
}
