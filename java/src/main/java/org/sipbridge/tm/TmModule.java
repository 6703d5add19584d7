package org.sipbridge.tm;

import org.sipbridge.core.SipContext;
import org.sipbridge.core.TransactionLayer;
import org.sipbridge.module.Argument;
import org.sipbridge.module.CallSite;
import org.sipbridge.module.JavaModule;
import org.sipbridge.module.ModuleException;
import org.sipbridge.module.ParamType;
import org.sipbridge.module.RouteType;
import org.sipbridge.script.expr.PosixRegex;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * sipbridge's own "tm": the script functions, parameters and pseudo-variables of OpenSIPS
 * 1.11's tm module (names, parameters, return values and the route types each may be used
 * in), served by the worker's {@link TransactionLayer}. Registered only when a configuration
 * says {@code loadmodule "tm.so"} and no tm.so is found on mpath (a real one wins).
 *
 * <p>t_is_expired and t_set_fr are not in 1.11's tm (they come from its SER relatives); they
 * are provided with those semantics: t_set_fr(fr_inv_timeout_ms [, fr_timeout_ms]).
 */
public final class TmModule extends JavaModule {
    public static final String NAME = "tm";

    private static final int R = RouteType.REQUEST, F = RouteType.FAILURE, O = RouteType.ONREPLY,
            B = RouteType.BRANCH, L = RouteType.LOCAL;

    /** Seconds to wait for a final reply (for an INVITE: for the first reply). */
    public final AtomicInteger frTimeout = intParam("fr_timeout", 30);
    /** Seconds to wait for the final reply of an INVITE once a provisional one came. */
    public final AtomicInteger frInvTimeout = intParam("fr_inv_timeout", 120);
    public final AtomicInteger restartFrOnEachReply = intParam("restart_fr_on_each_reply", 1);
    /** 0: onreply routes see no AVPs; 1: they see (and change) the transaction's. */
    public final AtomicInteger onreplyAvpMode = intParam("onreply_avp_mode", 0);
    public final AtomicInteger auto100Trying = intParam("auto_100trying", 1);
    /** RFC 3261 timers in milliseconds (1.11 names T1_timer, T2_timer; T4_timer is sipbridge's). */
    public final AtomicInteger t1 = intParam("T1_timer", 500);
    public final AtomicInteger t2 = intParam("T2_timer", 4000);
    public final AtomicInteger t4 = intParam("T4_timer", 5000);
    /** RFC 2543 (no magic cookie) matching: compare the Request-URI, the top Via (1.11's names, both on). */
    public final AtomicInteger ruriMatching = intParam("ruri_matching", 1);
    public final AtomicInteger via1Matching = intParam("via1_matching", 1);
    /** Transactions a worker keeps at most (requests beyond get 500 from t_relay). */
    public final AtomicInteger maxTransactions = intParam("max_transactions", 65536);

    private static void deprecated(String old, String now, AtomicInteger holder, Object value) {
        org.slf4j.LoggerFactory.getLogger(TmModule.class).warn("\"{}\" is deprecated, use \"{}\" instead", old, now);
        holder.set((Integer) value);
    }

    public TmModule() {
        super(NAME, "sipbridge " + java.util.Objects.requireNonNullElse(
                TmModule.class.getPackage().getImplementationVersion(), "(development build)")
                + " (Java transaction layer)");
        // 1.11 still takes the old names (same unit, seconds), with a deprecation warning
        param("fr_timer", ParamType.INTEGER, v -> deprecated("fr_timer", "fr_timeout", frTimeout, v));
        param("fr_inv_timer", ParamType.INTEGER, v -> deprecated("fr_inv_timer", "fr_inv_timeout", frInvTimeout, v));
        function("t_relay", 0, R | F, args -> ctx -> with(ctx, (tm, c) -> tm.relay(c, null, 0)));
        function("t_relay", 1, R | F, TmModule::relay1);
        function("t_relay", 2, R | F, args -> {
            Argument proxy = args.get(0);
            int flags = flags(args.get(1));
            return ctx -> with(ctx, (tm, c) -> tm.relay(c, proxy.value(c), flags));
        });
        function("t_newtran", 0, R, args -> ctx -> with(ctx, TransactionLayer::newTransaction));
        function("t_reply", 2, R | F, TmModule::reply);
        function("t_check_trans", 0, R | B, args -> ctx -> with(ctx, TransactionLayer::checkTransaction));
        function("t_check_status", 1, R | F | O | B, TmModule::checkStatus);
        function("t_on_failure", 1, R | F | O | B | L, args -> arm('f', args));
        function("t_on_reply", 1, R | F | O | B | L, args -> arm('r', args));
        function("t_on_branch", 1, R | F | O | B, args -> arm('b', args));
        function("t_was_cancelled", 0, F | O, args -> ctx -> with(ctx, TransactionLayer::wasCancelled));
        function("t_local_replied", 1, R | F | O | B, args -> {
            String which = args.get(0).text();
            if (!which.equals("all") && !which.equals("last")) {
                throw new ModuleException("t_local_replied: parameter must be \"all\" or \"last\", not <" + which + ">");
            }
            boolean all = which.equals("all");
            return ctx -> with(ctx, (tm, c) -> tm.localReplied(c, all));
        });
        function("t_is_expired", 0, R | F | O | B, args -> ctx -> with(ctx, TransactionLayer::isExpired));
        function("t_flush_flags", 0, R | B, args -> ctx -> with(ctx, TransactionLayer::flushFlags));
        function("t_replicate", 1, R, args -> {
            Argument uri = args.get(0);
            return ctx -> with(ctx, (tm, c) -> tm.replicate(c, uri.value(c), 0));
        });
        function("t_replicate", 2, R, args -> {
            Argument uri = args.get(0);
            int flags = flags(args.get(1));
            return ctx -> with(ctx, (tm, c) -> tm.replicate(c, uri.value(c), flags));
        });
        function("t_set_fr", 1, RouteType.ALL, args -> setFr(args.get(0), null));
        function("t_set_fr", 2, RouteType.ALL, args -> setFr(args.get(0), args.get(1)));
    }

    /** The timer values the modparams give. */
    public TmConfig timerConfig() {
        return new TmConfig(t1.get(), t2.get(), t4.get());
    }

    @Override
    public int init() {
        try {
            timerConfig();
        } catch (IllegalArgumentException e) {
            org.slf4j.LoggerFactory.getLogger("org.sipbridge.tm").error("tm: {}", e.getMessage());
            return -1;
        }
        if (frTimeout.get() <= 0 || frInvTimeout.get() <= 0 || maxTransactions.get() <= 0) {
            org.slf4j.LoggerFactory.getLogger("org.sipbridge.tm").error(
                    "tm: fr_timeout, fr_inv_timeout and max_transactions must be positive");
            return -1;
        }
        return 0;
    }

    private interface Op {
        int run(TransactionLayer tm, SipContext ctx);
    }

    private static int with(org.sipbridge.module.MessageContext ctx, Op op) {
        if (!(ctx instanceof SipContext sc) || sc.transactions() == null) {
            return -1;
        }
        return op.run(sc.transactions(), sc);
    }

    /** t_relay(flags) when the argument is a number, else t_relay(proxy). */
    private static CallSite relay1(List<Argument> args) {
        Argument a = args.get(0);
        if (a.isConstant() && looksLikeFlags(a.text())) {
            int flags = flags(a);
            return ctx -> with(ctx, (tm, c) -> tm.relay(c, null, flags));
        }
        return ctx -> with(ctx, (tm, c) -> tm.relay(c, a.value(c), 0));
    }

    private static boolean looksLikeFlags(String t) {
        String s = t.trim();
        return s.matches("0[xX][0-9a-fA-F]+|[0-9]+");
    }

    static int flags(Argument a) {
        String s = a.text().trim();
        try {
            return s.startsWith("0x") || s.startsWith("0X") ? Integer.parseInt(s.substring(2), 16) : Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new ModuleException("tm: flags must be a decimal or 0x hex number, not <" + a.text() + ">");
        }
    }

    private static CallSite reply(List<Argument> args) {
        Argument code = args.get(0);
        Argument reason = args.get(1);
        int constant = code.isConstant() ? checkedCode(code.text()) : 0;
        return ctx -> with(ctx, (tm, c) -> {
            int n = constant;
            if (n == 0) {
                try {
                    n = Integer.parseInt(code.value(c).trim());
                } catch (NumberFormatException e) {
                    return -1;
                }
                if (n < 100 || n > 699) {
                    return -1;
                }
            }
            return tm.reply(c, n, reason.value(c));
        });
    }

    private static int checkedCode(String text) {
        try {
            int n = Integer.parseInt(text.trim());
            if (n >= 100 && n <= 699) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new ModuleException("t_reply: bad reply code <" + text + ">, expected a number from 100 to 699");
    }

    private static CallSite checkStatus(List<Argument> args) {
        Argument re = args.get(0);
        Pattern constant = re.isConstant() ? compile(re.text()) : null;
        return ctx -> with(ctx, (tm, c) -> {
            Pattern p = constant != null ? constant : compileOrNull(re.value(c));
            int code = tm.replyCode(c);
            return p != null && code > 0 && p.matcher(Integer.toString(code)).find() ? 1 : -1;
        });
    }

    private static Pattern compile(String posix) {
        String problem = PosixRegex.problem(posix);
        if (problem != null) {
            throw new ModuleException("t_check_status: bad regular expression <" + posix + ">: " + problem);
        }
        return PosixRegex.compile(posix);
    }

    private static Pattern compileOrNull(String posix) {
        return PosixRegex.problem(posix) == null ? PosixRegex.compile(posix) : null;
    }

    private static CallSite arm(char which, List<Argument> args) {
        Argument a = args.get(0);
        if (!a.isConstant()) {
            throw new ModuleException("t_on_" + (which == 'f' ? "failure" : which == 'r' ? "reply" : "branch")
                    + ": the route name must be constant, not <" + a.text() + ">");
        }
        String route = a.text().trim();
        // as 1.11's fixup_froute/fixup_rroute/fixup_broute: a route that does not exist is
        // refused at start (SER's t_on_failure("0") for "none" included)
        org.sipbridge.script.ast.BlockKind kind = which == 'f' ? org.sipbridge.script.ast.BlockKind.FAILURE
                : which == 'r' ? org.sipbridge.script.ast.BlockKind.ONREPLY : org.sipbridge.script.ast.BlockKind.BRANCH;
        if (!org.sipbridge.script.NativeRoutes.get().installedHas(kind, route)) {
            throw new ModuleException((which == 'f' ? "failure" : which == 'r' ? "onreply" : "branch") + " route <"
                    + route + "> does not exist");
        }
        return ctx -> with(ctx, (tm, c) -> tm.arm(c, which, route));
    }

    private static CallSite setFr(Argument inv, Argument nonInv) {
        int i = inv.intValue("t_set_fr", 1);
        int n = nonInv == null ? 0 : nonInv.intValue("t_set_fr", 2);
        if (i < 0 || n < 0) {
            throw new ModuleException("t_set_fr: timeouts are milliseconds, 0 or more");
        }
        return ctx -> with(ctx, (tm, c) -> tm.setFinalResponseTimeouts(c, i, n));
    }
}
