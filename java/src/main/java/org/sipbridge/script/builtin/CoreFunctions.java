package org.sipbridge.script.builtin;

import org.sipbridge.bridge.CoreCalls;
import org.sipbridge.module.JavaModule;
import org.sipbridge.module.RouteType;
import org.sipbridge.script.pv.PvResolver;

/**
 * The core functions of the script language, written in Java: a module named "core" that
 * the compiler registers before any C module, so a C module exporting the same name
 * (textops's append_hf...) is found first, as an OpenSIPS user expects. Every function
 * checks and compiles its arguments when bound, so running it builds nothing that does not
 * depend on the message.
 */
public final class CoreFunctions extends JavaModule {
    public static final String NAME = "core";

    private static final int REQUEST_LIKE = RouteType.REQUEST | RouteType.FAILURE | RouteType.BRANCH;
    private static final int HEADER_ROUTES = REQUEST_LIKE | RouteType.ONREPLY | RouteType.LOCAL;

    /** The 1.11 flag functions, with their other spellings (setbranchflag...). */
    private void flagFunctions() {
        for (FlagFunctions.Op op : FlagFunctions.Op.values()) {
            String verb = switch (op) {
                case SET -> "set";
                case RESET -> "reset";
                case TEST -> "is";
            };
            String suffix = op == FlagFunctions.Op.TEST ? "set" : "";
            String msg = verb + "flag" + suffix;
            function(msg, 1, RouteType.ALL, args -> FlagFunctions.message(msg, op, args));
            for (String name : new String[] {verb + "sflag" + suffix, verb + "scriptflag" + suffix}) {
                function(name, 1, RouteType.ALL, args -> FlagFunctions.script(name, op, args));
            }
            for (String name : new String[] {verb + "bflag" + suffix, verb + "branchflag" + suffix}) {
                function(name, 1, RouteType.ALL, args -> FlagFunctions.branch(name, op, args));
                function(name, 2, RouteType.ALL, args -> FlagFunctions.branch(name, op, args));
            }
        }
    }

    /** The functions whose arguments may be bare words (flag names), as the 1.11 grammar allows. */
    public static boolean takesFlagNames(String function) {
        return function.matches("(set|reset)(flag|sflag|scriptflag|bflag|branchflag)|is(flag|sflag|scriptflag|bflag|branchflag)set");
    }

    public CoreFunctions(PvResolver pvs, CoreCalls calls, Integer configLogLevel) {
        super(NAME, "sipbridge " + java.util.Objects.requireNonNullElse(
                CoreFunctions.class.getPackage().getImplementationVersion(), "(development build)"));
        function("sl_send_reply", 2, RouteType.REQUEST | RouteType.FAILURE | RouteType.ERROR,
                args -> Sending.reply(pvs, args, "sl_send_reply"));
        function("sl_reply_error", 0, RouteType.REQUEST, Sending::replyError);
        // signaling's send_reply: a stateless reply while sipbridge has no transaction of its
        // own (a loaded signaling.so, which replies through tm when there is a transaction, wins)
        function("send_reply", 2, RouteType.REQUEST | RouteType.FAILURE | RouteType.ERROR,
                args -> Sending.reply(pvs, args, "send_reply"));
        function("forward", 0, REQUEST_LIKE, Sending::forward);
        function("forward", 1, REQUEST_LIKE, args -> Sending.forwardTo(pvs, args));
        function("append_hf", 1, HEADER_ROUTES, args -> MessageFunctions.appendHf(pvs, calls, args));
        function("remove_hf", 1, HEADER_ROUTES, args -> MessageFunctions.removeHf(calls, args));
        function("is_method", 1, RouteType.ALL, MessageFunctions::isMethod);
        function("has_totag", 0, RouteType.ALL, MessageFunctions::hasTotag);
        function("msg_apply_changes", 0, RouteType.REQUEST, MessageFunctions::applyChanges);
        function("xlog", 1, RouteType.ALL, args -> LogFunctions.xlog(pvs, configLogLevel, args));
        function("xlog", 2, RouteType.ALL, args -> LogFunctions.xlog(pvs, configLogLevel, args));
        function("xdbg", 1, RouteType.ALL, args -> LogFunctions.xdbg(pvs, configLogLevel, args));
        function("log", 1, RouteType.ALL, args -> LogFunctions.log(configLogLevel, args));
        function("log", 2, RouteType.ALL, args -> LogFunctions.log(configLogLevel, args));
        flagFunctions();
        function("append_branch", 0, RouteType.REQUEST | RouteType.FAILURE, BranchFunctions::appendCurrent);
        function("append_branch", 1, RouteType.REQUEST | RouteType.FAILURE, BranchFunctions::appendUri);
        for (String name : new String[] {"seturi", "rewriteuri"}) {
            function(name, 1, RouteType.REQUEST | RouteType.FAILURE | RouteType.BRANCH, UriFunctions::setUri);
        }
        // the 1.11 core's cachedb functions (engines: cachedb_local, the cachedb_redis stand-in...)
        function("cache_store", 3, RouteType.ALL, args -> CacheFunctions.store(pvs, args));
        function("cache_store", 4, RouteType.ALL, args -> CacheFunctions.store(pvs, args));
        function("cache_fetch", 3, RouteType.ALL, args -> CacheFunctions.fetch(pvs, args));
        function("cache_counter_fetch", 3, RouteType.ALL, args -> CacheFunctions.counterFetch(pvs, args));
        function("cache_remove", 2, RouteType.ALL, args -> CacheFunctions.remove(pvs, args));
        function("cache_add", 4, RouteType.ALL, args -> CacheFunctions.counter(pvs, args, true));
        function("cache_add", 5, RouteType.ALL, args -> CacheFunctions.counter(pvs, args, true));
        function("cache_sub", 4, RouteType.ALL, args -> CacheFunctions.counter(pvs, args, false));
        function("cache_sub", 5, RouteType.ALL, args -> CacheFunctions.counter(pvs, args, false));
        function("cache_raw_query", 2, RouteType.ALL, args -> CacheFunctions.rawQuery(pvs, args));
        function("cache_raw_query", 3, RouteType.ALL, args -> CacheFunctions.rawQuery(pvs, args));
    }
}
