package org.sipbridge.script;

import org.sipbridge.core.SipContext;

import java.util.function.Function;

/**
 * timer_route[name, seconds]: the server runs it every intervalSeconds on a context of
 * its own (OpenSIPS runs timer routes on a dummy message).
 */
public record TimerRoute(String name, int intervalSeconds, Function<SipContext, RunResult> runner) {

    public RunResult run(SipContext ctx) {
        return runner.apply(ctx);
    }

    /** The route as a Runnable on one context (for a scheduler thread that owns ctx). */
    public Runnable on(SipContext ctx) {
        return () -> runner.apply(ctx);
    }
}
