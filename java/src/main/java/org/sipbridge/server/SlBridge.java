package org.sipbridge.server;

import com.sun.jna.Pointer;
import org.sipbridge.bridge.CoreCalls;
import org.sipbridge.bridge.NativeCore;
import org.sipbridge.core.SipContext;
import org.sipbridge.logging.LogRateLimit;
import org.sipbridge.module.CurrentMessage;
import org.sipbridge.module.MessageContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the sl API's upcalls (native/sl_api.c): a C module's {@code slb.reply(msg, ...)}
 * runs on the worker processing msg, inside a script function call, so the thread's current
 * message is msg's context and its outbound holds that worker's reply machinery. Registered
 * once per JVM (the callbacks are global in the core library); the server state it reaches
 * is the calling worker's, so several servers in one JVM (tests) do not mix.
 */
final class SlBridge implements CoreCalls.SlReply, CoreCalls.SlToTag {
    private static final Logger log = LoggerFactory.getLogger("org.sipbridge.sl");
    private static final SlBridge INSTANCE = new SlBridge();
    private static boolean installed;

    private final LogRateLimit misuse = new LogRateLimit();
    private final ThreadLocal<byte[]> scratch = ThreadLocal.withInitial(() -> new byte[1024]);

    private SlBridge() {
    }

    static synchronized void install(NativeCore core) {
        if (!installed) {
            core.calls().sb_sl_set_callbacks(INSTANCE, INSTANCE);
            installed = true;
        }
    }

    @Override
    public int reply(long msg, int code, long reason, int reasonLength, long tag, int tagLength) {
        try {
            LocalReplies replies = repliesFor(msg);
            if (replies == null) {
                return -1;
            }
            byte[] b = scratch.get();
            if (reasonLength + tagLength > b.length) {
                b = new byte[reasonLength + tagLength];
                scratch.set(b);
            }
            Pointer p = new Pointer(reason);
            p.read(0, b, 0, reasonLength);
            byte[] t = null;
            if (tag != 0 && tagLength > 0) {
                t = new byte[tagLength];
                new Pointer(tag).read(0, t, 0, tagLength);
            }
            SipContext ctx = (SipContext) CurrentMessage.get();
            return replies.reply(ctx, code, b, reasonLength, t, t == null ? 0 : tagLength) ? 1 : -1;
        } catch (Throwable t) {
            // never unwind into C
            if (misuse.permit()) {
                log.error("sl reply failed", t);
            }
            return -1;
        }
    }

    @Override
    public int toTag(long msg, long out, int cap) {
        try {
            LocalReplies replies = repliesFor(msg);
            if (replies == null || cap < ToTags.LENGTH) {
                return -1;
            }
            byte[] b = scratch.get();
            int n = replies.toTag((SipContext) CurrentMessage.get(), b);
            new Pointer(out).write(0, b, 0, n);
            return n;
        } catch (Throwable t) {
            if (misuse.permit()) {
                log.error("sl get_totag failed", t);
            }
            return -1;
        }
    }

    /** The calling worker's replies, when msg is the message it is processing; else null (logged). */
    private LocalReplies repliesFor(long msg) {
        MessageContext current = CurrentMessage.get();
        if (current instanceof SipContext ctx && ctx.hasView() && ctx.slot().message() == msg
                && ctx.outbound() instanceof StatelessOutbound out) {
            return out.replies();
        }
        if (misuse.permit()) {
            log.error("the sl API was called with a message this thread is not processing (or outside a worker);"
                    + " no reply sent{}", misuse.note());
        }
        return null;
    }
}
