package org.sipbridge.bridge;

import org.sipbridge.module.CallSite;
import org.sipbridge.module.MessageContext;

/**
 * A prepared call of a C function: the address of its native frame. Calling it is one
 * jnr-ffi call with three scalars (frame, message view, route type); nothing is allocated.
 * Ownership: this object owns the frame; close() runs free_fixup and frees it.
 */
final class NativeCallSite implements CallSite {
    private final CoreCalls calls;
    private final int paramCount;
    private final long freeFixup;
    private final org.sipbridge.module.ModuleBusyException busy;
    private long frame;

    NativeCallSite(CoreCalls calls, long frame, int paramCount, long freeFixup,
                   org.sipbridge.module.ModuleBusyException busy) {
        this.busy = busy;
        this.calls = calls;
        this.frame = frame;
        this.paramCount = paramCount;
        this.freeFixup = freeFixup;
    }

    @Override
    public int call(MessageContext ctx) {
        int r = calls.sb_call(frame, ctx.nativeMessage(), ctx.routeType());
        if (r == Breadcrumbs.BUSY) {
            throw busy; // the module's lock did not come in time: the run ends on the error path
        }
        ctx.afterNativeCall();
        return r;
    }

    @Override
    public synchronized void close() {
        if (frame == 0) {
            return;
        }
        if (freeFixup != 0) {
            if (paramCount == 0) {
                calls.sb_frame_free_fixup(frame, freeFixup, 0);
            }
            for (int i = 1; i <= paramCount; i++) {
                calls.sb_frame_free_fixup(frame, freeFixup, i);
            }
        }
        calls.sb_frame_free(frame);
        frame = 0;
    }

    /** The native frame (for benchmarks comparing call paths). */
    long frame() {
        return frame;
    }
}
