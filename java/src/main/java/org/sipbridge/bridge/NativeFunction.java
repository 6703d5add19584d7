package org.sipbridge.bridge;

import org.sipbridge.module.Argument;
import org.sipbridge.module.CallSite;
import org.sipbridge.module.FunctionExport;
import org.sipbridge.module.Module;
import org.sipbridge.module.ModuleException;

import java.util.List;

/** One cmd_export_t of a C module, as a function scripts and Java can call. */
public final class NativeFunction implements FunctionExport {
    private final NativeModule module;
    private final String name;
    private final int paramCount;
    private final int routeFlags;
    private final long function;
    private final long fixup;
    private final long freeFixup;
    /** Address of the cmd_export_t itself (what find_cmd_export_t returns to C). */
    private final long exportAddress;

    NativeFunction(NativeModule module, String name, int paramCount, int routeFlags, long function,
                   long fixup, long freeFixup, long exportAddress) {
        this.module = module;
        this.name = name;
        this.paramCount = paramCount;
        this.routeFlags = routeFlags;
        this.function = function;
        this.fixup = fixup;
        this.freeFixup = freeFixup;
        this.exportAddress = exportAddress;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int paramCount() {
        return paramCount;
    }

    @Override
    public int routeFlags() {
        return routeFlags;
    }

    @Override
    public Module module() {
        return module;
    }

    public long functionAddress() {
        return function;
    }

    public long exportAddress() {
        return exportAddress;
    }

    /**
     * A native frame holding the function and its parameters: each argument becomes a pkg
     * copy charged to the module, then the fixup runs as fixup(&p, i) for i = 1..n, or
     * fixup(NULL, 0) when there are none. A negative result refuses the call site.
     */
    @Override
    public CallSite bind(List<Argument> args) {
        if (args.size() != paramCount) {
            throw new ModuleException("function " + name + " of module " + module.name() + " takes "
                    + paramCount + " parameters, " + args.size() + " given");
        }
        CoreCalls calls = module.calls();
        long frame = calls.sb_frame_new(module.nativeIndex(), function, module.dialect().nativeCode(), paramCount);
        if (frame == 0) {
            throw new ModuleException("out of memory preparing a call of " + name);
        }
        for (int i = 1; i <= paramCount; i++) {
            if (calls.sb_frame_set_param(frame, i, args.get(i - 1).text()) != 0) {
                calls.sb_frame_free(frame);
                throw new ModuleException("out of memory preparing a call of " + name);
            }
        }
        if (fixup != 0) {
            runFixups(calls, frame, args);
        }
        if (function == 0) {   // a retired function whose fixup did not refuse the call
            calls.sb_frame_free(frame);
            throw new ModuleException("function " + name + " of module " + module.name() + " has no code (NULL)");
        }
        Breadcrumbs.get().calls().sb_frame_set_label(frame, module.name() + ":" + name);
        return new NativeCallSite(calls, frame, paramCount, freeFixup,
                new org.sipbridge.module.ModuleBusyException(module.name(), name));
    }

    private void runFixups(CoreCalls calls, long frame, List<Argument> args) {
        if (paramCount == 0) {
            int r = calls.sb_frame_fixup(frame, fixup, 0);
            if (r < 0) {
                calls.sb_frame_free(frame);
                throw new ModuleException("fixup of " + name + " (module " + module.name()
                        + ") failed (returned " + r + ")");
            }
            return;
        }
        for (int i = 1; i <= paramCount; i++) {
            int r = calls.sb_frame_fixup(frame, fixup, i);
            if (r < 0) {
                // undo the parameters already fixed, then refuse the call site
                for (int j = 1; j < i && freeFixup != 0; j++) {
                    calls.sb_frame_free_fixup(frame, freeFixup, j);
                }
                calls.sb_frame_free(frame);
                throw new ModuleException("fixup of " + name + " (module " + module.name()
                        + ") refused parameter " + i + " " + args.get(i - 1) + " (returned " + r + ")");
            }
        }
    }

    @Override
    public String toString() {
        return module.name() + ":" + signature();
    }
}
