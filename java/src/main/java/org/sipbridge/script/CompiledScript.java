package org.sipbridge.script;

import org.sipbridge.core.ModuleSystem;
import org.sipbridge.core.SipContext;
import org.sipbridge.module.CurrentMessage;
import org.sipbridge.module.RouteType;
import org.sipbridge.script.ast.BlockKind;
import org.sipbridge.script.ast.RouteBlock;
import org.sipbridge.script.ast.Script;
import org.sipbridge.script.compile.ScriptCompiler;
import org.sipbridge.script.parse.ScriptParser;
import org.sipbridge.script.run.Flow;
import org.sipbridge.script.run.ScriptState;
import org.sipbridge.script.step.Route;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A configuration ready to run: its settings, its modules (loaded, initialised, every call
 * site fixed up) and its route blocks as trees of ready-to-run steps. What the server uses:
 * <ul>
 * <li>{@link #compile} / {@link #compileFile}: the whole start-up (ConfigException for a
 *     refused line, ModuleException when a module's init fails);</li>
 * <li>{@link #childInit} on each worker thread (ranks 1..N), then once with
 *     {@link ModuleSystem#PROC_MAIN};</li>
 * <li>{@link #runRequest} for each request, {@link #runReply} for each reply, on the
 *     worker's {@link SipContext} (one per thread, reused);</li>
 * <li>{@link #startupRoute()}, {@link #timerRoutes()}, {@link #runRoute} for the other blocks;</li>
 * <li>{@link #close}: free_fixup of every call site, destroy of every module.</li>
 * </ul>
 * Running a route sets the context's route type and {@link CurrentMessage}, so C code
 * that calls back into Java (pseudo-variables, Java functions) finds the message.
 */
public final class CompiledScript implements AutoCloseable {
    private final Script script;
    private final ServerConfig config;
    private final ModuleSystem modules;
    private final Map<String, Route> routes;
    private final List<ScriptCompiler.FunctionUse> functions;
    private final Route mainRoute;
    private final Route replyRoute;
    private final ScriptCallbacks callbacks = ScriptCallbacks.get();

    private CompiledScript(Script script, ScriptCompiler.Result r) {
        this.script = script;
        this.config = r.config();
        this.modules = r.modules();
        this.routes = r.routes();
        this.functions = r.functions();
        this.mainRoute = routes.get(BlockKind.REQUEST.keyword());
        this.replyRoute = routes.get(BlockKind.ONREPLY.keyword());
        NativeRoutes.get().activate(this, routes);
    }

    public static CompiledScript compile(Script script, CompileOptions options) {
        ReliabilitySettings.check(script); // before any module is loaded: -c refuses what the start would
        return new CompiledScript(script, ScriptCompiler.compile(script, options));
    }

    /** Parses and compiles a file (its name as given is the one error messages show). */
    public static CompiledScript compileFile(Path file, CompileOptions options) throws IOException {
        return compile(ScriptParser.parseFile(file), options);
    }

    public Script script() {
        return script;
    }

    public ServerConfig config() {
        return config;
    }

    public ModuleSystem modules() {
        return modules;
    }

    /** Every function call of the script with its module and line. */
    public List<ScriptCompiler.FunctionUse> functionsUsed() {
        return functions;
    }

    /** Every block as written ("route", "route[relay]", ...) with the route types it runs in. */
    public Map<String, Integer> routeTypes() {
        Map<String, Integer> m = new java.util.LinkedHashMap<>();
        routes.forEach((name, r) -> m.put(name, r.routeTypes()));
        return m;
    }

    /** init_child_f(rank) of every module, on the calling thread. */
    public void childInit(int rank) {
        modules.childInit(rank);
    }

    /** False when the configuration has no main route{}: every request would be dropped unanswered. */
    public boolean hasRequestRoute() {
        return mainRoute != null;
    }

    /** The main route on a request. */
    public RunResult runRequest(SipContext ctx) {
        ScriptCallbacks cb = callbacks;
        int mask = ScriptCallbacks.SCB_RUN_ALL;
        if (cb.any(ScriptCallbacks.PRE_REQ)) {
            mask = cb.run(ScriptCallbacks.PRE_REQ, ctx, RouteType.REQUEST);
            if (mask == ScriptCallbacks.SCB_DROP_MSG) {
                return RunResult.DROPPED;
            }
        }
        RunResult r = mainRoute == null || (mask & ScriptCallbacks.SCB_RUN_TOP_ROUTE) == 0
                ? RunResult.COMPLETED : run(mainRoute, RouteType.REQUEST, ctx, true);
        if ((mask & ScriptCallbacks.SCB_RUN_POST_CBS) != 0 && cb.any(ScriptCallbacks.POST_REQ)) {
            cb.run(ScriptCallbacks.POST_REQ, ctx, RouteType.REQUEST);
        }
        return r;
    }

    /**
     * A reply: onreply_route (if any), then the modules' response_f. True when the reply is
     * to be relayed (neither the script dropped it nor a module consumed it).
     */
    public boolean runReply(SipContext ctx) {
        return runReplyOutcome(ctx) == REPLY_RELAY;
    }

    /** {@link #runReplyOutcome}: go on to the stateless relay. */
    public static final int REPLY_RELAY = 0;
    /** {@link #runReplyOutcome}: a pre-reply callback or the main onreply_route dropped it (core:drop_replies). */
    public static final int REPLY_DROPPED = 1;
    /** {@link #runReplyOutcome}: a module's response_f took it (the real tm's replies): not a drop. */
    public static final int REPLY_CONSUMED = 2;

    /**
     * A reply through 1.11's receive path: pre-reply callbacks, the main onreply_route, every
     * module's response_f. Which of them ended it ({@code REPLY_*}): 1.11 counts only the
     * first two in core:drop_replies.
     */
    public int runReplyOutcome(SipContext ctx) {
        ScriptCallbacks cb = callbacks;
        int mask = ScriptCallbacks.SCB_RUN_ALL;
        if (cb.any(ScriptCallbacks.PRE_RPL)) {
            mask = cb.run(ScriptCallbacks.PRE_RPL, ctx, RouteType.ONREPLY);
            if (mask == ScriptCallbacks.SCB_DROP_MSG) {
                return REPLY_DROPPED;
            }
        }
        int outcome;
        if (replyRoute != null && (mask & ScriptCallbacks.SCB_RUN_TOP_ROUTE) != 0
                && run(replyRoute, RouteType.ONREPLY, ctx, true).dropped()) {
            outcome = REPLY_DROPPED;
        } else {
            CurrentMessage.set(ctx);
            outcome = modules.onResponse(ctx) != 0 ? REPLY_RELAY : REPLY_CONSUMED;
        }
        if ((mask & ScriptCallbacks.SCB_RUN_POST_CBS) != 0 && cb.any(ScriptCallbacks.POST_RPL)) {
            cb.run(ScriptCallbacks.POST_RPL, ctx, RouteType.ONREPLY);
        }
        return outcome;
    }

    /**
     * Another block on the message in ctx: failure_route[x], branch_route[x],
     * onreply_route[x], event_route[x], error_route, local_route... (the module that
     * triggers it knows which). The context's message state ($avp...) is kept.
     */
    public Optional<RunResult> runRoute(BlockKind kind, String name, SipContext ctx) {
        Route r = routes.get(kind.keyword() + (name == null ? "" : "[" + name + "]"));
        return r == null ? Optional.empty() : Optional.of(run(r, kind.routeType(), ctx, false));
    }

    /**
     * A transaction route at top level on a message the transaction layer loaded into ctx
     * (failure_route[x] on the copy of the request, onreply_route[x] on a reply of the
     * transaction): flow and depth start clean, the AVPs are what the caller put in (the
     * transaction's). Empty when the script has no such block.
     */
    public Optional<RunResult> runTransactionRoute(BlockKind kind, String name, SipContext ctx) {
        Route r = routes.get(kind.keyword() + "[" + name + "]");
        if (r == null) {
            return Optional.empty();
        }
        ScriptState s = ScriptState.of(ctx);
        s.startRun();
        ctx.setRouteType(kind.routeType());
        CurrentMessage.set(ctx);
        r.run(s);
        int flow = s.flow;
        if ((flow & Flow.DROP) != 0) {
            return Optional.of(RunResult.DROPPED);
        }
        return Optional.of((flow & Flow.EXIT) != 0 ? RunResult.EXITED : RunResult.COMPLETED);
    }

    /** True when the script has the block kind[name] (t_on_failure etc. name existing blocks). */
    public boolean hasRoute(BlockKind kind, String name) {
        return routes.containsKey(kind.keyword() + "[" + name + "]");
    }

    /** startup_route, run once by the server after child init, on a context of its own. */
    public Optional<java.util.function.Function<SipContext, RunResult>> startupRoute() {
        Route r = routes.get(BlockKind.STARTUP.keyword());
        return r == null ? Optional.empty() : Optional.of(ctx -> run(r, RouteType.STARTUP, ctx, true));
    }

    public List<TimerRoute> timerRoutes() {
        List<TimerRoute> out = new ArrayList<>();
        for (RouteBlock b : script.blocks(BlockKind.TIMER)) {
            Route r = routes.get(b.displayName());
            out.add(new TimerRoute(b.name().orElseThrow(), b.timerInterval().orElse(1),
                    ctx -> run(r, RouteType.TIMER, ctx, true)));
        }
        return out;
    }

    /**
     * Runs a block. A new message starts clean; a block run from inside another (a module
     * running branch_route during the request route) gets its own flow flags and depth and
     * gives the outer run its own back.
     */
    private RunResult run(Route route, int routeType, SipContext ctx, boolean newMessage) {
        ScriptState s = ScriptState.of(ctx);
        int savedFlow = s.flow;
        int savedDepth = s.routeDepth;
        int savedType = ctx.routeType();
        if (newMessage) {
            s.startMessage();
            s.startRun();
        } else {
            s.flow = 0;
            s.routeDepth = 0;
        }
        ctx.setRouteType(routeType);
        CurrentMessage.set(ctx);
        route.run(s);
        int flow = s.flow;
        if (!newMessage) {
            s.flow = savedFlow;
            s.routeDepth = savedDepth;
            ctx.setRouteType(savedType);
        }
        if ((flow & Flow.DROP) != 0) {
            return RunResult.DROPPED;
        }
        return (flow & Flow.EXIT) != 0 ? RunResult.EXITED : RunResult.COMPLETED;
    }

    /** run_top_route from a module: a route on the message being processed (newMessage false) or adopted. */
    RunResult runFromNative(Route route, int routeType, SipContext ctx, boolean newMessage) {
        return run(route, routeType, ctx, newMessage);
    }

    /** free_fixup of every call site, destroy_f of every module, unload. */
    @Override
    public void close() {
        NativeRoutes.get().deactivate(this);
        modules.close();
    }
}
