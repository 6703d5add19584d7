package org.sipbridge.server;

import org.sipbridge.core.LogSafe;
import org.sipbridge.core.SipContext;
import org.sipbridge.logging.LogRateLimit;
import org.sipbridge.module.ModuleBusyException;
import org.sipbridge.script.ast.BlockKind;
import org.sipbridge.sip.SipMethod;

/**
 * What happens to a request whose script run could not go on because a module's lock did
 * not come in time (another worker is stuck in that module): the script's error path.
 * error_route runs when the configuration has one (as OpenSIPS runs it for errors it
 * meets while handling a message); otherwise, or when error_route cannot finish either, a
 * request that was not answered yet gets {@code 500 Server Internal Error} (never an ACK).
 * Counted, and logged at most once a second.
 */
final class ErrorPath {
    private final Routing r;
    private final ReliabilityCounters counters;
    private final LogRateLimit log = new LogRateLimit();

    ErrorPath(Routing routing, ReliabilityCounters counters) {
        this.r = routing;
        this.counters = counters;
    }

    void moduleBusy(WorkerState w, ModuleBusyException e) {
        counters.moduleBusy.increment();
        SipContext ctx = w.ctx;
        boolean handled = false;
        try {
            handled = r.script.runRoute(BlockKind.ERROR, null, ctx).isPresent();
        } catch (ModuleBusyException again) {
            handled = false;
        }
        boolean answer = !handled && ctx.message().method() != SipMethod.ACK
                && !w.outbound.replies().answered(ctx.id());
        if (answer) {
            w.outbound.replies().reply(ctx, 500, "Server Internal Error");
        }
        if (log.permit()) {
            ServerLog.logger().warn("{} from {} (Call-ID {}): {}; {}{}", LogSafe.text(ctx.message().methodName()),
                    ServerLog.source(ctx.receiveInfo()),
                    LogSafe.text(ctx.message().headerValue(org.sipbridge.sip.HeaderType.CALL_ID)), e.getMessage(),
                    handled ? "error_route ran" : answer ? "answered 500" : "not answered (already answered, or an ACK)",
                    log.note());
        }
    }

    void replyDropped(WorkerState w, ModuleBusyException e) {
        counters.moduleBusyReplies.increment();
        if (log.permit()) {
            ServerLog.logger().warn("dropped a {} reply from {}: {}{}", w.ctx.message().statusCode(),
                    ServerLog.source(w.ctx.receiveInfo()), e.getMessage(), log.note());
        }
    }
}
