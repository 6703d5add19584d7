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

    public CoreFunctions(PvResolver pvs, CoreCalls calls, Integer configLogLevel) {
        super(NAME, "sipbridge " + java.util.Objects.requireNonNullElse(
                CoreFunctions.class.getPackage().getImplementationVersion(), "(development build)"));
        function("sl_send_reply", 2, RouteType.REQUEST | RouteType.FAILURE | RouteType.ERROR,
                args -> Sending.reply(pvs, args));
        function("forward", 0, REQUEST_LIKE, Sending::forward);
        function("forward", 1, REQUEST_LIKE, args -> Sending.forwardTo(pvs, args));
        function("append_hf", 1, HEADER_ROUTES, args -> MessageFunctions.appendHf(pvs, calls, args));
        function("remove_hf", 1, HEADER_ROUTES, args -> MessageFunctions.removeHf(calls, args));
        function("is_method", 1, RouteType.ALL, MessageFunctions::isMethod);
        function("has_totag", 0, RouteType.ALL, MessageFunctions::hasTotag);
        function("msg_apply_changes", 0, RouteType.REQUEST, MessageFunctions::applyChanges);
        function("xlog", 1, RouteType.ALL, args -> LogFunctions.xlog(pvs, configLogLevel, args));
        function("xlog", 2, RouteType.ALL, args -> LogFunctions.xlog(pvs, configLogLevel, args));
        function("log", 1, RouteType.ALL, args -> LogFunctions.log(configLogLevel, args));
        function("log", 2, RouteType.ALL, args -> LogFunctions.log(configLogLevel, args));
        function("setflag", 1, RouteType.ALL, FlagFunctions::set);
        function("resetflag", 1, RouteType.ALL, FlagFunctions::reset);
        function("isflagset", 1, RouteType.ALL, FlagFunctions::isSet);
        function("append_branch", 0, RouteType.REQUEST | RouteType.FAILURE, BranchFunctions::appendCurrent);
        function("append_branch", 1, RouteType.REQUEST | RouteType.FAILURE, BranchFunctions::appendUri);
    }
}
