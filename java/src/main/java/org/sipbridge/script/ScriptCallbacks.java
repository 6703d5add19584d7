package org.sipbridge.script;

import com.sun.jna.Pointer;
import org.sipbridge.bridge.CoreCalls;
import org.sipbridge.bridge.NativeCore;
import org.sipbridge.core.SipContext;
import org.sipbridge.module.CurrentMessage;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The modules' pre- and post-script callbacks (script_cb.h, native/script_cb.c) around
 * the main route and the main onreply_route. When a list is empty (one memory read) no
 * native call is made and the C view is not built.
 */
final class ScriptCallbacks {
    static final int PRE_REQ = 0, POST_REQ = 1, PRE_RPL = 2, POST_RPL = 3;
    static final int SCB_DROP_MSG = 0, SCB_RUN_TOP_ROUTE = 1, SCB_RUN_POST_CBS = 2, SCB_RUN_ALL = 3;
    private static ScriptCallbacks instance;

    private final CoreCalls calls;
    private final ByteBuffer counts;

    private ScriptCallbacks(CoreCalls calls) {
        this.calls = calls;
        this.counts = new Pointer(calls.sb_script_cb_counts()).getByteBuffer(0, 5 * 4).order(ByteOrder.nativeOrder());
    }

    static synchronized ScriptCallbacks get() {
        if (instance == null) {
            instance = new ScriptCallbacks(NativeCore.get().calls());
        }
        return instance;
    }

    boolean any(int list) {
        return counts.getInt(list * 4) != 0;
    }

    /** Runs a list on the message: the ANDed mask for a pre list, 1 for a post list. */
    int run(int list, SipContext ctx, int routeType) {
        CurrentMessage.set(ctx);
        ctx.setRouteType(routeType);
        int r = calls.sb_script_cb_run(list, ctx.nativeMessage(), routeType);
        ctx.afterNativeCall();
        return r;
    }
}
